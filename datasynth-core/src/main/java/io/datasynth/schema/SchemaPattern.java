package io.datasynth.schema;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A field's {@code pattern}, compiled for a linear-time engine (RE2/J): matching takes time in proportion to the
 * text, whatever the pattern, so no schema can hang validation the way {@code ((a+)+)+$} hangs a backtracking engine.
 * The syntax is RE2's ({@link #SYNTAX}); backreferences and lookaround cannot be matched in linear time and are
 * refused when the pattern is read. Immutable and thread-safe.
 */
public final class SchemaPattern {
  /** The syntax patterns may use, for messages and docs. */
  public static final String SYNTAX = "patterns use RE2 syntax: literals, ., [classes], \\d \\w \\s \\b, \\p{Han}, "
      + "groups (…) and (?:…), |, * + ? {n,m}, ^ $ and flags such as (?i); not backreferences (\\1), lookaround "
      + "((?=…) (?!…) (?<=…) (?<!…)), atomic groups or possessive quantifiers";
  /**
   * The most atoms a pattern may expand to once its counted repetitions are written out ({@code (a{100}){100}} is
   * 10,000): RE2 expands them, so nested counts multiply into a program too large to hold.
   */
  static final int MAX_EXPANDED = 10_000;

  private final String regex;
  private final Pattern pattern;

  private SchemaPattern(String regex, Pattern pattern) {
    this.regex = regex;
    this.pattern = pattern;
  }

  /**
   * Compiles a pattern.
   *
   * @throws IllegalArgumentException saying what is wrong with it (without the file or field, which the caller
   *     knows) when it is not valid RE2 syntax or too large once expanded
   */
  public static SchemaPattern compile(String regex) {
    String unsupported = unsupported(regex);
    if (unsupported != null) {
      throw new IllegalArgumentException("pattern " + regex + " uses " + unsupported
          + ", which DataSynth does not support");
    }
    long size = expandedSize(regex);
    if (size > MAX_EXPANDED) {
      throw new IllegalArgumentException("pattern " + regex + " is too large: its repetitions expand to "
          + (size == Long.MAX_VALUE ? "more than a billion" : String.format("%,d", size)) + " atoms, over "
          + String.format("%,d", MAX_EXPANDED));
    }
    try {
      return new SchemaPattern(regex, Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("pattern " + regex + " is not a valid regular expression ("
          + e.getDescription() + ": " + e.getPattern() + ")", e);
    }
  }

  /** Whether the text contains a match (JSON Schema semantics: anchor with ^…$ to match the whole value). */
  public boolean find(CharSequence text) {
    return pattern.matcher(text).find();
  }

  /** The pattern as written. */
  public String regex() {
    return regex;
  }

  @Override
  public String toString() {
    return regex;
  }

  /** The name of a construct RE2 cannot match, when the pattern uses one; null otherwise. */
  private static String unsupported(String r) {
    return new Scan(r).unsupported;
  }

  /**
   * How many atoms the pattern holds once every {@code {n,m}} is written out as copies: each group weighs the sum of
   * its parts, and a count multiplies what it follows. Saturates at {@link Long#MAX_VALUE}.
   */
  static long expandedSize(String r) {
    return new Scan(r).size;
  }

  /**
   * One pass over a pattern's syntax, enough to find what RE2 cannot match and to weigh its repetitions; RE2/J
   * itself checks the rest when it compiles.
   */
  private static final class Scan {
    private final String r;
    private final Deque<long[]> frames = new ArrayDeque<>(); // per open group: {total, weight of the last item}
    private boolean afterQuantifier;
    String unsupported;
    long size;

    Scan(String r) {
      this.r = r;
      frames.push(new long[2]);
      int i = 0;
      while (i < r.length() && unsupported == null) {
        i = token(i);
      }
      long total = 0;
      while (!frames.isEmpty()) {
        total = add(total, frames.pop()[0]);
      }
      size = total;
    }

    /** Reads the token at {@code i}; returns where the next one starts. */
    private int token(int i) {
      char c = r.charAt(i);
      boolean quantifier = afterQuantifier;
      afterQuantifier = false;
      switch (c) {
        case '\\':
          return escape(i);
        case '[':
          atom();
          return classEnd(i) + 1;
        case '(':
          return group(i);
        case ')':
          if (frames.size() > 1) {
            long w = frames.pop()[0];
            long[] parent = frames.peek();
            parent[0] = add(parent[0], w);
            parent[1] = w;
          }
          return i + 1;
        case '|':
          frames.peek()[1] = 0;
          return i + 1;
        case '*', '+', '?':
          if (c == '+' && quantifier) {
            unsupported = "a possessive quantifier (" + previousQuantifier(i) + "+)";
          }
          afterQuantifier = c != '?' || !quantifier;
          return i + 1;
        case '{':
          return count(i);
        case '^', '$':
          return i + 1;
        default:
          atom();
          return i + 1;
      }
    }

    private String previousQuantifier(int plus) {
      char p = r.charAt(plus - 1);
      return p == '}' ? r.substring(r.lastIndexOf('{', plus), plus) : String.valueOf(p);
    }

    private int escape(int i) {
      if (i + 1 >= r.length()) {
        atom();
        return i + 1;
      }
      char n = r.charAt(i + 1);
      if (n >= '1' && n <= '9' || n == 'k' && r.startsWith("<", i + 2)) {
        unsupported = "a backreference (\\" + n + ")";
        return r.length();
      }
      if (n == 'Q') {
        int end = r.indexOf("\\E", i + 2);
        int stop = end < 0 ? r.length() : end;
        for (int k = i + 2; k < stop; k++) {
          atom();
        }
        return end < 0 ? r.length() : end + 2;
      }
      atom();
      if ((n == 'p' || n == 'P' || n == 'x') && r.startsWith("{", i + 2)) {
        int close = r.indexOf('}', i + 2);
        return close < 0 ? r.length() : close + 1;
      }
      if (n == 'x') {
        return Math.min(r.length(), i + 4);
      }
      return i + 2;
    }

    private int group(int i) {
      if (!r.startsWith("(?", i)) {
        frames.push(new long[2]);
        return i + 1;
      }
      for (String look : new String[] {"(?=", "(?!", "(?<=", "(?<!"}) {
        if (r.startsWith(look, i)) {
          unsupported = "lookaround (" + look + "…)";
          return r.length();
        }
      }
      if (r.startsWith("(?>", i)) {
        unsupported = "an atomic group ((?>…))";
        return r.length();
      }
      if (r.startsWith("(?P<", i) || r.startsWith("(?<", i)) {
        frames.push(new long[2]);
        int close = r.indexOf('>', i);
        return close < 0 ? r.length() : close + 1;
      }
      int k = i + 2;
      while (k < r.length() && (Character.isLetter(r.charAt(k)) || r.charAt(k) == '-')) {
        k++;
      }
      if (k < r.length() && r.charAt(k) == ')') {
        return k + 1; // flags only, e.g. (?i)
      }
      frames.push(new long[2]);
      return k < r.length() && r.charAt(k) == ':' ? k + 1 : k;
    }

    private int count(int i) {
      int close = r.indexOf('}', i);
      String body = close < 0 ? "" : r.substring(i + 1, close);
      if (!body.matches("\\d{1,9}(,\\d{0,9})?")) {
        atom();
        return i + 1;
      }
      String[] parts = body.split(",", -1);
      long times = parts.length == 1 ? Long.parseLong(parts[0])
          : parts[1].isEmpty() ? Long.parseLong(parts[0]) + 1 : Long.parseLong(parts[1]);
      long[] f = frames.peek();
      long grown = mul(f[1], times);
      f[0] = add(f[0] - f[1], grown);
      f[1] = grown;
      afterQuantifier = true;
      return close + 1;
    }

    private void atom() {
      long[] f = frames.peek();
      f[0] = add(f[0], 1);
      f[1] = 1;
    }

    private int classEnd(int open) {
      int i = open + 1;
      if (i < r.length() && r.charAt(i) == '^') {
        i++;
      }
      if (i < r.length() && r.charAt(i) == ']') {
        i++;
      }
      for (; i < r.length(); i++) {
        char c = r.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '[' && r.startsWith(":", i + 1)) {
          int end = r.indexOf(":]", i + 2);
          i = end < 0 ? i : end + 1;
        } else if (c == ']') {
          return i;
        }
      }
      return r.length() - 1;
    }
  }

  private static long add(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }

  private static long mul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
