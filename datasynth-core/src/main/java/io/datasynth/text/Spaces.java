package io.datasynth.text;

/** Whitespace runs collapsed without a regular expression, for text built on every request or record. */
public final class Spaces {
  private Spaces() {}

  /**
   * The text with each run of space, \t, \n, \x0B, \f and \r as one space: what {@code replaceAll("\\s+", " ")}
   * gives. The text itself when it has no such run but single spaces.
   */
  public static String collapse(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isRegexSpace(c)) {
        int end = i + 1;
        while (end < s.length() && isRegexSpace(s.charAt(end))) {
          end++;
        }
        if (c != ' ' || end > i + 1) {
          if (sb == null) {
            sb = new StringBuilder(s.length()).append(s, 0, i);
          }
          sb.append(' ');
          i = end - 1;
          continue;
        }
      }
      if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  /**
   * {@link Character#isWhitespace} of an ASCII char (the code point of one byte below 0x80): the six of {@code \s},
   * and the four separators U+001C to U+001F. {@link Character#isSpaceChar} adds nothing in ASCII.
   */
  public static boolean isAsciiWhitespace(int c) {
    return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1C && c <= 0x1F;
  }

  /** Whether {@code c} is one of the six chars the regex {@code \s} matches: space, \t, \n, \x0B, \f and \r. */
  public static boolean isRegexSpace(int c) {
    return c == ' ' || c >= '\t' && c <= '\r';
  }
}
