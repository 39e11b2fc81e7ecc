package io.datasynth.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints measurements as one boxed text table, a row per scenario, in the style of Caffeine's simulator. */
final class ResultTable {
  private static final String[] HEADERS = {"scenario", "rec/s", "binds", "of ceiling", "of rate", "requests", "429s",
      "retries", "wasted tok", "accepted", "dup", "invalid", "other", "wall s"};

  private final List<String[]> rows = new ArrayList<>();

  void add(Measurement m) {
    rows.add(new String[] {
        m.name(),
        fixed(m.recordsPerSecond(), 1),
        m.unit(),
        fixed(m.ofCeiling(), 2),
        fixed(m.ofSteadyRate(), 2),
        Long.toString(m.requests()),
        m.rateLimited() + " (" + fixed(100 * m.rateLimitedShare(), 1) + "%)",
        Long.toString(m.retries()),
        Long.toString(m.wastedTokens()),
        Long.toString(m.accepted()),
        Long.toString(m.duplicates()),
        Long.toString(m.invalid()),
        Long.toString(m.otherDropped()),
        fixed(m.wallSeconds(), 1)});
  }

  @Override
  public String toString() {
    int[] width = new int[HEADERS.length];
    for (int c = 0; c < HEADERS.length; c++) {
      width[c] = HEADERS[c].length();
      for (String[] r : rows) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, width, '╔', '═', '╤', '╗');
    row(sb, width, HEADERS, '║', '│');
    line(sb, width, '╠', '═', '╪', '╣');
    for (String[] r : rows) {
      row(sb, width, r, '║', '│');
    }
    line(sb, width, '╚', '═', '╧', '╝');
    return sb.toString();
  }

  private static void line(StringBuilder sb, int[] width, char left, char fill, char cross, char right) {
    sb.append(left);
    for (int c = 0; c < width.length; c++) {
      sb.append(String.valueOf(fill).repeat(width[c] + 2)).append(c == width.length - 1 ? right : cross);
    }
    sb.append('\n');
  }

  private static void row(StringBuilder sb, int[] width, String[] cells, char edge, char sep) {
    sb.append(edge);
    for (int c = 0; c < cells.length; c++) {
      String cell = cells[c];
      String pad = " ".repeat(width[c] - cell.length());
      sb.append(' ').append(c == 0 ? cell + pad : pad + cell).append(' ').append(c == cells.length - 1 ? edge : sep);
    }
    sb.append('\n');
  }

  private static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
