package io.datasynth.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A progress line made to fit a terminal's width: its parts are shown in their order, and when they do not fit the
 * least important ones are dropped first, so that the line never wraps (a wrapped line cannot be redrawn in place).
 * Widths are counted in terminal columns: a Chinese character takes two.
 */
final class ProgressLine {
  /** One part of the line; a higher {@code importance} is kept longer. */
  record Part(String text, int importance) {}

  private ProgressLine() {}

  /**
   * The parts that fit in {@code width} columns, joined by {@code separator}; the last column is left free, since
   * writing into it makes some terminals wrap. A line whose most important part alone is too wide is cut.
   */
  static String fit(List<Part> parts, String separator, int width) {
    int room = Math.max(1, width - 1);
    List<Part> kept = new ArrayList<>(parts);
    while (kept.size() > 1 && columns(join(kept, separator)) > room) {
      kept.remove(kept.stream().min(Comparator.comparingInt(Part::importance)).orElseThrow());
    }
    String line = join(kept, separator);
    return columns(line) <= room ? line : cut(line, room);
  }

  private static String join(List<Part> parts, String separator) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p.text().isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(separator);
      }
      sb.append(p.text());
    }
    return sb.toString();
  }

  /** How many terminal columns a text takes: two for East Asian wide characters, one for the rest. */
  static int columns(String s) {
    return s.codePoints().map(ProgressLine::columns).sum();
  }

  private static int columns(int cp) {
    return cp >= 0x1100 && (cp <= 0x115F || cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F
        || cp >= 0xAC00 && cp <= 0xD7A3 || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0xFE30 && cp <= 0xFE4F
        || cp >= 0xFF00 && cp <= 0xFF60 || cp >= 0xFFE0 && cp <= 0xFFE6 || cp >= 0x1F300 && cp <= 0x1FAFF
        || cp >= 0x20000 && cp <= 0x3FFFD) ? 2 : 1;
  }

  private static String cut(String s, int room) {
    StringBuilder sb = new StringBuilder();
    int used = 0;
    for (int cp : s.codePoints().toArray()) {
      int w = columns(cp);
      if (used + w > room - 1) {
        break;
      }
      sb.appendCodePoint(cp);
      used += w;
    }
    return sb.append('…').toString();
  }
}
