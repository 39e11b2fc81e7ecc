package io.datasynth.report.html;

import java.util.List;
import java.util.Locale;

/**
 * Charts drawn as inline SVG: the report needs no script and no library, opens offline, and looks the same in every
 * browser. Colours come from the page's style sheet through the series' classes.
 */
final class Svg {
  private static final int WIDTH = 720;

  private Svg() {}

  /**
   * One series of a chart.
   *
   * @param cls the style class that colours it ({@code s-seed}, {@code s-rec}, {@code s-target}, {@code s-bad})
   * @param values one value per label
   */
  record Series(String name, String cls, double[] values) {}

  /** How a chart labels its values. */
  enum Unit {
    /** Values are shares of 1, labelled as percentages. */
    SHARE,
    /** Values are counts. */
    COUNT
  }

  /** A legend naming the series by colour, as HTML. */
  static void legend(Html h, List<Series> series) {
    h.raw("<div class=\"legend\">");
    for (Series s : series) {
      h.raw("<span><i class=\"key ").raw(s.cls()).raw("\"></i>").text(s.name()).raw("</span>");
    }
    h.raw("</div>");
  }

  /** Horizontal grouped bars, one group per label: for labels that are words (values, reasons, combinations). */
  static void bars(Html h, String title, List<String> labels, List<Series> series, Unit unit) {
    int labelWidth = 200;
    int valueWidth = 70;
    int bar = 13;
    int groupGap = 9;
    int groupHeight = series.size() * (bar + 2) + groupGap;
    int height = Math.max(1, labels.size()) * groupHeight + 8;
    double max = max(series);
    double plot = WIDTH - labelWidth - valueWidth - 10;
    open(h, title, height);
    h.raw(line(labelWidth + 4, 2, labelWidth + 4, height - 4, "axis"));
    for (int g = 0; g < labels.size(); g++) {
      int y0 = 4 + g * groupHeight;
      String label = labels.get(g);
      h.raw("<text class=\"label\" x=\"").raw(num(labelWidth - 4)).raw("\" y=\"")
          .raw(num(y0 + series.size() * (bar + 2) / 2.0 + 4)).raw("\" text-anchor=\"end\"><title>").text(label)
          .raw("</title>").text(Html.cut(label, 18)).raw("</text>");
      for (int s = 0; s < series.size(); s++) {
        Series ser = series.get(s);
        double v = ser.values()[g];
        double w = max <= 0 ? 0 : v / max * plot;
        int y = y0 + s * (bar + 2);
        h.raw("<rect class=\"bar ").raw(ser.cls()).raw("\" x=\"").raw(num(labelWidth + 5)).raw("\" y=\"")
            .raw(num(y)).raw("\" width=\"").raw(num(Math.max(w, 0))).raw("\" height=\"").raw(num(bar))
            .raw("\" rx=\"2\"><title>").text(label + " · " + ser.name() + ": " + value(h, v, unit)).raw("</title></rect>");
        h.raw("<text class=\"value\" x=\"").raw(num(labelWidth + 9 + w)).raw("\" y=\"").raw(num(y + bar - 2))
            .raw("\">").text(value(h, v, unit)).raw("</text>");
      }
    }
    h.raw("</svg>");
  }

  /** Vertical grouped columns with a value axis: for bins and scores, whose labels are short. */
  static void columns(Html h, String title, List<String> labels, List<Series> series, Unit unit) {
    int left = 56;
    int right = 12;
    int top = 12;
    int bottom = 44;
    int height = 250;
    double plotH = height - top - bottom;
    double plotW = WIDTH - left - right;
    double max = niceMax(max(series), unit);
    open(h, title, height);
    for (int t = 0; t <= 4; t++) {
      double v = max * t / 4;
      double y = top + plotH - plotH * t / 4;
      h.raw(line(left, y, WIDTH - right, y, t == 0 ? "axis" : "grid"));
      h.raw("<text class=\"tick\" x=\"").raw(num(left - 6)).raw("\" y=\"").raw(num(y + 4))
          .raw("\" text-anchor=\"end\">").text(value(h, v, unit)).raw("</text>");
    }
    int n = Math.max(1, labels.size());
    double groupW = plotW / n;
    double barW = Math.max(2, (groupW - 8) / Math.max(1, series.size()));
    for (int g = 0; g < labels.size(); g++) {
      double x0 = left + g * groupW + 4;
      String label = labels.get(g);
      for (int s = 0; s < series.size(); s++) {
        Series ser = series.get(s);
        double v = ser.values()[g];
        double barH = max <= 0 ? 0 : v / max * plotH;
        h.raw("<rect class=\"bar ").raw(ser.cls()).raw("\" x=\"").raw(num(x0 + s * barW)).raw("\" y=\"")
            .raw(num(top + plotH - barH)).raw("\" width=\"").raw(num(Math.max(1, barW - 1))).raw("\" height=\"")
            .raw(num(barH)).raw("\"><title>").text(label + " · " + ser.name() + ": " + value(h, v, unit))
            .raw("</title></rect>");
      }
      h.raw("<text class=\"label\" x=\"").raw(num(x0 + (groupW - 8) / 2)).raw("\" y=\"").raw(num(height - bottom + 16))
          .raw("\" text-anchor=\"middle\">").text(Html.cut(label, groupW < 60 ? 6 : 12)).raw("</text>");
    }
    h.raw("</svg>");
  }

  private static void open(Html h, String title, int height) {
    h.raw("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").raw(num(WIDTH)).raw(" ").raw(num(height))
        .raw("\" width=\"").raw(num(WIDTH)).raw("\" height=\"").raw(num(height)).raw("\" aria-label=\"")
        .text(title).raw("\" xmlns=\"http://www.w3.org/2000/svg\"><title>").text(title).raw("</title>");
  }

  private static String line(double x1, double y1, double x2, double y2, String cls) {
    return "<line class=\"" + cls + "\" x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\""
        + num(y2) + "\"/>";
  }

  private static String value(Html h, double v, Unit unit) {
    return unit == Unit.SHARE ? h.percent(v) : Math.rint(v) == v ? h.count((long) v) : h.decimal(v, 1);
  }

  private static double max(List<Series> series) {
    double max = 0;
    for (Series s : series) {
      for (double v : s.values()) {
        max = Math.max(max, v);
      }
    }
    return max;
  }

  /** A round top for the value axis, four ticks apart: a share up to 100%; a count of whole ticks of 1, 2, 2.5 or 5 × 10ⁿ. */
  static double niceMax(double max, Unit unit) {
    if (unit == Unit.SHARE) {
      double pct = Math.ceil(Math.max(max, 0) * 100 / 20) * 20;
      return Math.min(100, Math.max(20, pct)) / 100.0;
    }
    if (max <= 4) {
      return 4;
    }
    double quarter = max / 4;
    double step = Math.pow(10, Math.floor(Math.log10(quarter)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * step >= quarter && (m != 2.5 || step >= 10)) {
        return 4 * m * step;
      }
    }
    return 40 * step;
  }

  /** A coordinate with at most one decimal, in the SVG's own number syntax. */
  static String num(double v) {
    return Math.rint(v) == v ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
