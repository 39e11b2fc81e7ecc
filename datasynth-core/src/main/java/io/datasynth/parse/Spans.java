package io.datasynth.parse;

/**
 * The bracket scanner that finds where a JSON object or list written in a reply ends, without parsing it.
 *
 * <p>It respects double-quoted strings, single-quoted strings where a value or key may start, backslash escapes
 * and comments, so braces inside text do not count. Every method runs in time linear in what it skips.
 */
final class Spans {
  /** Columns beyond this are not measured; a line indented this far is treated as indented this far. */
  private static final int MAX_COLUMN = 1024;

  private Spans() {}

  /** How a scan ended. */
  enum End {
    /** The opening bracket's partner was found at {@code stop}. */
    CLOSED,
    /** The limit came first: the span is cut off or its quotes or brackets do not pair up. */
    OPEN,
    /** The object is broken and a new one starts at {@code stop} (see {@link #scan}). */
    BROKEN
  }

  /** The result of a scan; {@code stop} is the closing bracket, the limit, or where the next object starts. */
  record Span(End end, int stop) {}

  /**
   * Scans the object or list opening at {@code start} up to {@code limit} (exclusive).
   *
   * <p>With {@code objectRules}, the scan stops early at two signs that the object is broken and a sibling
   * begins: a {@code {} directly inside the object where no value is expected, or a line inside a string that
   * starts, no deeper than the object itself, with <code>{"</code>. Without them one stray quote would swallow
   * every later object of a reply.
   */
  static Span scan(String s, int start, int limit, boolean objectRules) {
    int depth = 0;
    char quote = 0;
    char prev = 0;
    int column = -1;
    for (int i = start; i < limit; i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
          prev = '"';
        } else if (c == '\n' && objectRules) {
          if (column < 0) {
            column = column(s, start);
          }
          int sibling = siblingAt(s, i + 1, limit, column);
          if (sibling >= 0) {
            return new Span(End.BROKEN, sibling);
          }
        }
        continue;
      }
      switch (c) {
        case '"' -> quote = '"';
        case '\'' -> {
          if (startsValue(prev)) {
            quote = '\'';
          } else {
            prev = c;
          }
        }
        case '/' -> i = skipComment(s, i, limit) - 1;
        case '{', '[' -> {
          if (objectRules && c == '{' && depth == 1 && prev != ':') {
            return new Span(End.BROKEN, i);
          }
          depth++;
          prev = c;
        }
        case '}', ']' -> {
          depth--;
          prev = c;
          if (depth == 0) {
            return new Span(End.CLOSED, i);
          }
        }
        default -> {
          if (!isBlank(c)) {
            prev = c;
          }
        }
      }
    }
    return new Span(End.OPEN, limit);
  }

  /**
   * Whether the bracket at {@code i} opens something that looks like JSON: <code>{</code> followed by optional
   * whitespace and a quote or <code>}</code>, or {@code [} followed by optional whitespace and <code>{</code> or
   * {@code ]}. Prose such as "use {curly} here" is not a candidate.
   */
  static boolean isCandidate(String s, int i, int limit) {
    int j = i + 1;
    while (j < limit && isBlank(s.charAt(j))) {
      j++;
    }
    if (j >= limit) {
      return false;
    }
    char next = s.charAt(j);
    return s.charAt(i) == '{' ? next == '"' || next == '\'' || next == '}' : next == '{' || next == ']';
  }

  /** Whether only spaces and tabs stand between the start of the line (or {@code floor}) and {@code i}. */
  static boolean atLineStart(String s, int i, int floor) {
    for (int j = i - 1; j >= floor; j--) {
      char c = s.charAt(j);
      if (c == '\n') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  /** The index just past the string whose opening quote is at {@code i}, or {@code limit} if it never closes. */
  static int skipString(String s, int i, int limit) {
    char quote = s.charAt(i);
    for (int j = i + 1; j < limit; j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == quote) {
        return j + 1;
      }
    }
    return limit;
  }

  /**
   * The index just past the comment starting at {@code i} ({@code //} to the end of the line, or a block
   * comment), or {@code i + 1} when the slash does not start a comment.
   */
  static int skipComment(String s, int i, int limit) {
    if (i + 1 >= limit) {
      return i + 1;
    }
    char next = s.charAt(i + 1);
    if (next == '/') {
      int j = i + 2;
      while (j < limit && s.charAt(j) != '\n') {
        j++;
      }
      return j;
    }
    if (next == '*') {
      for (int j = i + 2; j + 1 < limit; j++) {
        if (s.charAt(j) == '*' && s.charAt(j + 1) == '/') {
          return j + 2;
        }
      }
      return limit;
    }
    return i + 1;
  }

  /** Whether a quote after this significant character starts a string in lenient JSON. */
  static boolean startsValue(char prev) {
    return prev == '{' || prev == '[' || prev == ',' || prev == ':';
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\u00A0' || c == '\u3000' || c == '\uFEFF';
  }

  private static int siblingAt(String s, int lineStart, int limit, int column) {
    int q = lineStart;
    while (q < limit && (s.charAt(q) == ' ' || s.charAt(q) == '\t')) {
      q++;
    }
    if (q - lineStart > column || q >= limit || s.charAt(q) != '{') {
      return -1;
    }
    int r = q + 1;
    while (r < limit && isBlank(s.charAt(r))) {
      r++;
    }
    return r < limit && s.charAt(r) == '"' ? q : -1;
  }

  private static int column(String s, int i) {
    int floor = Math.max(0, i - MAX_COLUMN);
    for (int j = i - 1; j >= floor; j--) {
      if (s.charAt(j) == '\n') {
        return i - j - 1;
      }
    }
    return i - floor;
  }
}
