package io.datasynth.report.html;

import java.text.NumberFormat;
import java.util.Locale;

/** Builds HTML text: every piece of data goes through {@link #text}, which escapes it. Not thread-safe. */
final class Html {
  private final StringBuilder sb = new StringBuilder(1 << 16);
  private final Locale locale;

  Html(Locale locale) {
    this.locale = locale;
  }

  /** Markup written as it is; never data. */
  Html raw(String markup) {
    sb.append(markup);
    return this;
  }

  /** Data as text, escaped. */
  Html text(String s) {
    sb.append(escape(s));
    return this;
  }

  /** {@code <tag class="cls">text</tag>}, the text escaped. */
  Html el(String tag, String cls, String text) {
    sb.append('<').append(tag);
    if (cls != null) {
      sb.append(" class=\"").append(cls).append('"');
    }
    sb.append('>').append(escape(text)).append("</").append(tag).append('>');
    return this;
  }

  Locale locale() {
    return locale;
  }

  @Override
  public String toString() {
    return sb.toString();
  }

  /** Text safe inside an element or a quoted attribute. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters other than tab and newline are not allowed in HTML text.
          if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7F) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A whole number with the locale's grouping: {@code 12,345}. */
  String count(long n) {
    return NumberFormat.getIntegerInstance(locale).format(n);
  }

  /** A share as a percentage with one decimal: {@code 42.5%}. */
  String percent(double share) {
    NumberFormat f = NumberFormat.getPercentInstance(locale);
    f.setMinimumFractionDigits(1);
    f.setMaximumFractionDigits(1);
    return f.format(share);
  }

  /** A number with up to {@code digits} decimals: {@code 0.8}, {@code 0.125}. */
  String decimal(double v, int digits) {
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMaximumFractionDigits(digits);
    f.setMinimumFractionDigits(0);
    return f.format(v);
  }

  /** The start of {@code s}, at most {@code max} code points, with an ellipsis when cut. */
  static String cut(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max)) + "…";
  }
}
