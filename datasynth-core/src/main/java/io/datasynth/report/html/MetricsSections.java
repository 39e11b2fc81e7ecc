package io.datasynth.report.html;

import io.datasynth.metrics.DatasetMetrics;
import io.datasynth.metrics.DatasetMetrics.Cluster;
import io.datasynth.metrics.DatasetMetrics.Diversity;
import io.datasynth.metrics.DatasetMetrics.FieldKind;
import io.datasynth.metrics.DatasetMetrics.FieldMetrics;
import io.datasynth.metrics.DatasetMetrics.LengthBin;
import io.datasynth.metrics.DatasetMetrics.LengthSummary;
import io.datasynth.metrics.DatasetMetrics.RecordRef;
import io.datasynth.metrics.DatasetMetrics.ScoredRecord;
import io.datasynth.metrics.DatasetMetrics.SeedMatch;
import io.datasynth.metrics.DatasetMetrics.SeedSimilarity;
import io.datasynth.metrics.DatasetMetrics.SelfSimilarity;
import io.datasynth.metrics.DatasetMetrics.SimilarPair;
import io.datasynth.metrics.DatasetMetrics.ValueShare;
import io.datasynth.report.PlanCoverage;
import io.datasynth.report.html.Svg.Series;
import io.datasynth.report.html.Svg.Unit;
import java.util.ArrayList;
import java.util.List;

/** The sections of the page drawn from the measured metrics: diversity, distributions, plan, pairs, judge. */
final class MetricsSections {
  /** Combinations of a plan drawn as bars, at most; the table lists more. */
  static final int PLAN_BARS = 24;
  static final int PLAN_ROWS = 200;

  private final QualityReportPage.Page p;
  private final Html h;
  private final DatasetMetrics x;

  MetricsSections(QualityReportPage.Page page) {
    this.p = page;
    this.h = page.h;
    this.x = page.r.metrics();
  }

  private String t(String key, Object... args) {
    return p.t(key, args);
  }

  private Series seeds(double[] v) {
    return new Series(t("report.series.seeds"), "s-seed", v);
  }

  private Series records(double[] v) {
    return new Series(t("report.series.records"), "s-rec", v);
  }

  void diversity() {
    p.open("diversity", t("report.diversity"));
    h.el("p", "muted", t("report.diversity.note"));
    List<FieldMetrics> text = x.fields().stream().filter(f -> f.records() != null).toList();
    if (text.isEmpty()) {
      p.empty(t("report.diversity.no_text"));
    } else {
      boolean withSeeds = x.seeds() > 0;
      h.raw("<div class=\"scroll\"><table><tr><th>").text(t("report.col.field")).raw("</th>");
      for (String c : withSeeds ? List.of("distinct1.seeds", "distinct1.records", "distinct2.seeds",
          "distinct2.records", "tokens") : List.of("distinct1.records", "distinct2.records", "tokens")) {
        h.raw("<th class=\"n\">").text(t("report.diversity.col." + c)).raw("</th>");
      }
      h.raw("</tr>");
      for (FieldMetrics f : text) {
        h.raw("<tr><td>").text(f.name()).raw("</td>");
        if (withSeeds) {
          cell(h.decimal(f.seeds().distinct1(), 3));
          cell(approx(f.records()) + h.decimal(f.records().distinct1(), 3));
          cell(h.decimal(f.seeds().distinct2(), 3));
        } else {
          cell(approx(f.records()) + h.decimal(f.records().distinct1(), 3));
        }
        cell(approx(f.records()) + h.decimal(f.records().distinct2(), 3));
        cell(h.count(f.records().tokens()));
        h.raw("</tr>");
      }
      h.raw("</table></div>\n");
      List<String> labels = text.stream().map(FieldMetrics::name).toList();
      List<Series> series = new ArrayList<>();
      if (withSeeds) {
        series.add(seeds(text.stream().mapToDouble(f -> f.seeds().distinct2()).toArray()));
      }
      series.add(records(text.stream().mapToDouble(f -> f.records().distinct2()).toArray()));
      h.el("h3", null, t("report.diversity.chart"));
      Svg.legend(h, series);
      Svg.bars(h, t("report.diversity.chart"), labels, series, Unit.SHARE);
    }
    selfSimilarity();
    seedSimilarity();
    p.close();
  }

  private String approx(Diversity d) {
    return d.exact() ? "" : "≈";
  }

  private void cell(String v) {
    h.raw("<td class=\"n\">").text(v).raw("</td>");
  }

  private void selfSimilarity() {
    SelfSimilarity s = x.selfSimilarity();
    h.el("h3", null, t("report.self"));
    if (s.sampled() < 2) {
      p.empty(t("report.similar.none"));
      return;
    }
    h.el("p", null, t("report.self.text", h.count(s.pairs()), h.count(s.sampled()), h.decimal(s.mean(), 3)));
    if (s.clusters().isEmpty()) {
      h.el("p", "muted", t("report.self.no_clusters", h.decimal(s.clusterThreshold(), 2)));
    } else {
      h.el("p", null, t("report.self.clusters", h.count(s.clusters().size()), h.decimal(s.clusterThreshold(), 2),
          h.count(s.clusters().get(0).size())));
      h.raw("<ul class=\"examples\">");
      for (Cluster c : s.clusters()) {
        h.raw("<li>").text(t("report.self.cluster", h.count(c.size()))).raw(" ");
        List<String> ids = c.members().stream().map(RecordRef::id).toList();
        h.el("span", "mono", String.join(", ", ids) + (c.size() > ids.size() ? ", …" : ""));
        h.raw("<br>").el("span", "muted", c.members().get(0).preview()).raw("</li>");
      }
      h.raw("</ul>\n");
    }
  }

  private void seedSimilarity() {
    SeedSimilarity s = x.seedSimilarity();
    h.el("h3", null, t("report.seeds"));
    if (s == null) {
      p.empty(t("report.seeds.none"));
      return;
    }
    h.el("p", null, t("report.seeds.text", h.count(s.compared()), h.decimal(s.mean(), 3), h.decimal(s.max(), 3)));
    h.raw("<p>").text(t("report.seeds.guard", h.decimal(s.threshold(), 2))).raw(" <span class=\"badge ")
        .raw(s.seedCopies() == 0 ? "ok" : "warn").raw("\">").text(h.count(s.seedCopies())).raw("</span></p>\n");
    List<String> labels = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      labels.add(h.decimal(b / 10.0, 1) + "–" + h.decimal((b + 1) / 10.0, 1));
    }
    double[] counts = s.histogram().stream().mapToDouble(Long::doubleValue).toArray();
    Svg.columns(h, t("report.seeds.chart"), labels, List.of(records(counts)), Unit.COUNT);
    if (!s.closest().isEmpty()) {
      h.raw("<div class=\"scroll\"><table><tr><th>").text(t("report.col.record")).raw("</th><th>")
          .text(t("report.col.seed")).raw("</th><th class=\"n\">").text(t("report.col.similarity"))
          .raw("</th><th>").text(t("report.col.copy")).raw("</th></tr>");
      for (SeedMatch m : s.closest()) {
        h.raw("<tr><td class=\"rec\"><span class=\"mono\">").text(m.record().id()).raw("</span> ")
            .text(m.record().preview()).raw("</td><td class=\"mono\">").text(m.seed()).raw("</td>");
        cell(h.decimal(m.similarity(), 3));
        h.raw("<td>").raw(m.copy() ? "<span class=\"badge warn\">" : "<span>")
            .text(t(m.copy() ? "report.yes" : "report.no")).raw("</span></td></tr>");
      }
      h.raw("</table></div>\n");
    }
  }

  void distributions() {
    p.open("distributions", t("report.distributions"));
    boolean any = false;
    boolean withSeeds = x.seeds() > 0;
    for (FieldMetrics f : x.fields()) {
      if (f.kind() == FieldKind.CATEGORICAL && f.values() != null && !f.values().isEmpty()) {
        any = true;
        values(f, withSeeds);
      }
    }
    for (FieldMetrics f : x.fields()) {
      if (f.lengths() != null && f.lengths().records() != null) {
        any = true;
        lengths(f, withSeeds);
      }
    }
    if (!any) {
      p.empty(t("report.distributions.none"));
    }
    p.close();
  }

  private void values(FieldMetrics f, boolean withSeeds) {
    List<ValueShare> v = f.values();
    long seedTotal = v.stream().mapToLong(ValueShare::seedCount).sum();
    long recordTotal = v.stream().mapToLong(ValueShare::recordCount).sum();
    boolean target = v.stream().anyMatch(s -> s.target() != null);
    double targetTotal = v.stream().mapToDouble(s -> s.target() == null ? 0 : s.target()).sum();
    List<Series> series = new ArrayList<>();
    if (withSeeds) {
      series.add(seeds(v.stream().mapToDouble(s -> share(s.seedCount(), seedTotal)).toArray()));
    }
    series.add(records(v.stream().mapToDouble(s -> share(s.recordCount(), recordTotal)).toArray()));
    if (target) {
      series.add(new Series(t("report.series.target"), "s-target", v.stream()
          .mapToDouble(s -> targetTotal <= 0 || s.target() == null ? 0 : s.target() / targetTotal).toArray()));
    }
    String title = t("report.values.chart", f.name());
    h.el("h3", null, title);
    Svg.legend(h, series);
    Svg.bars(h, title, v.stream().map(ValueShare::value).toList(), series, Unit.SHARE);
    h.raw("<div class=\"scroll\"><table><tr><th>").text(t("report.col.value")).raw("</th>");
    if (withSeeds) {
      h.raw("<th class=\"n\">").text(t("report.series.seeds")).raw("</th>");
    }
    h.raw("<th class=\"n\">").text(t("report.series.records")).raw("</th>");
    if (target) {
      h.raw("<th class=\"n\">").text(t("report.series.target")).raw("</th>");
    }
    h.raw("</tr>");
    for (ValueShare s : v) {
      h.raw("<tr><td>").text(s.value()).raw("</td>");
      if (withSeeds) {
        cell(h.count(s.seedCount()));
      }
      cell(h.count(s.recordCount()));
      if (target) {
        cell(s.target() == null ? "" : h.decimal(s.target(), 1));
      }
      h.raw("</tr>");
    }
    h.raw("</table></div>\n");
  }

  private void lengths(FieldMetrics f, boolean withSeeds) {
    List<LengthBin> bins = f.lengths().bins();
    List<String> labels = bins.stream().map(b -> b.to() == Long.MAX_VALUE ? "≥" + h.count(b.from())
        : b.from() == b.to() ? h.count(b.from()) : h.count(b.from()) + "–" + h.count(b.to())).toList();
    List<Series> series = new ArrayList<>();
    if (withSeeds && f.lengths().seeds() != null) {
      series.add(seeds(bins.stream().mapToDouble(LengthBin::seedShare).toArray()));
    }
    series.add(records(bins.stream().mapToDouble(LengthBin::recordShare).toArray()));
    String title = t("report.lengths.chart", f.name());
    h.el("h3", null, title);
    Svg.legend(h, series);
    Svg.columns(h, title, labels, series, Unit.SHARE);
    h.el("p", "muted", summary("report.lengths.records", f.lengths().records())
        + (f.lengths().seeds() == null ? "" : " " + summary("report.lengths.seeds", f.lengths().seeds())));
  }

  private String summary(String key, LengthSummary s) {
    return t(key, h.decimal(s.mean(), 1), h.count(s.median()), h.count(s.p90()), h.count(s.max()));
  }

  private static double share(long n, long total) {
    return total == 0 ? 0 : (double) n / total;
  }

  void plan() {
    p.open("plan", t("report.plan"));
    PlanCoverage plan = p.r.plan();
    if (plan == null) {
      p.empty(t("report.plan.none"));
      p.close();
      return;
    }
    if (!plan.axes().isEmpty()) {
      h.el("h3", null, t("report.plan.axes"));
      h.raw("<dl class=\"facts\">");
      for (PlanCoverage.Axis a : plan.axes()) {
        List<String> values = a.values().stream().map(v -> v.weight() == 1 ? v.value()
            : v.value() + " (" + h.decimal(v.weight(), 3) + ")").toList();
        h.raw("<dt>").text(a.name()).raw("</dt><dd>").text(String.join(", ", values)).raw("</dd>");
      }
      h.raw("</dl>\n");
    }
    if (plan.cells().isEmpty()) {
      h.el("p", "muted", t("report.plan.no_coverage"));
      p.close();
      return;
    }
    h.el("p", null, t("report.plan.text", h.count(plan.covered()), h.count(plan.cells().size())));
    List<PlanCoverage.Cell> shown = plan.cells().subList(0, Math.min(PLAN_BARS, plan.cells().size()));
    List<Series> series = List.of(new Series(t("report.series.target"), "s-target", shown.stream()
        .mapToDouble(PlanCoverage.Cell::target).toArray()), records(shown.stream()
        .mapToDouble(PlanCoverage.Cell::delivered).toArray()));
    h.el("h3", null, t("report.plan.chart"));
    Svg.legend(h, series);
    Svg.bars(h, t("report.plan.chart"), shown.stream().map(this::combination).toList(), series, Unit.COUNT);
    h.raw("<div class=\"scroll\"><table><tr><th>").text(t("report.plan.col.combination")).raw("</th><th class=\"n\">")
        .text(t("report.series.target")).raw("</th><th class=\"n\">").text(t("report.plan.col.delivered"))
        .raw("</th></tr>");
    for (PlanCoverage.Cell c : plan.cells().subList(0, Math.min(PLAN_ROWS, plan.cells().size()))) {
      h.raw("<tr><td>").text(combination(c)).raw("</td>");
      cell(h.count(c.target()));
      h.raw("<td class=\"n").raw(c.delivered() < c.target() ? " warn" : "").raw("\">").text(h.count(c.delivered()))
          .raw("</td></tr>");
    }
    h.raw("</table></div>\n");
    if (plan.cells().size() > PLAN_ROWS) {
      h.el("p", "muted", t("report.plan.more", h.count(plan.cells().size() - PLAN_ROWS)));
    }
    p.close();
  }

  private String combination(PlanCoverage.Cell c) {
    List<String> parts = new ArrayList<>();
    c.combination().forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }

  void similar() {
    p.open("similar", t("report.similar"));
    SelfSimilarity s = x.selfSimilarity();
    if (s.mostSimilar().isEmpty()) {
      p.empty(t("report.similar.none"));
      p.close();
      return;
    }
    h.el("p", "muted", t("report.similar.note", h.count(s.sampled())));
    h.raw("<div class=\"scroll\"><table><tr><th class=\"n\">").text(t("report.col.similarity")).raw("</th><th>")
        .text(t("report.col.a")).raw("</th><th>").text(t("report.col.b")).raw("</th></tr>");
    for (SimilarPair pair : s.mostSimilar()) {
      h.raw("<tr>");
      cell(h.decimal(pair.similarity(), 3));
      ref(pair.a());
      ref(pair.b());
      h.raw("</tr>");
    }
    h.raw("</table></div>\n");
    p.close();
  }

  private void ref(RecordRef r) {
    h.raw("<td class=\"rec\"><span class=\"mono\">").text(r.id()).raw("</span> ").text(r.preview()).raw("</td>");
  }

  void judge() {
    p.open("judge", t("report.judge"));
    DatasetMetrics.JudgeScores j = x.judge();
    if (j == null) {
      p.empty(t("report.judge.none"));
      p.close();
      return;
    }
    h.el("p", null, t("report.judge.text", h.count(j.judged()), h.decimal(j.mean(), 3), h.decimal(j.min(), 3),
        h.decimal(j.max(), 3)));
    List<String> labels = j.distribution().keySet().stream().map(k -> h.decimal(k, 3)).toList();
    double[] counts = j.distribution().values().stream().mapToDouble(Long::doubleValue).toArray();
    Svg.columns(h, t("report.judge.chart"), labels, List.of(records(counts)), Unit.COUNT);
    h.el("h3", null, t("report.judge.lowest"));
    h.raw("<div class=\"scroll\"><table><tr><th class=\"n\">").text(t("report.col.score")).raw("</th><th>")
        .text(t("report.col.record")).raw("</th></tr>");
    for (ScoredRecord r : j.lowest()) {
      h.raw("<tr>");
      cell(h.decimal(r.score(), 3));
      ref(r.record());
      h.raw("</tr>");
    }
    h.raw("</table></div>\n");
    p.close();
  }
}
