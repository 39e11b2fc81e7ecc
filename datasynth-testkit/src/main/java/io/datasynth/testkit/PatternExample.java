package io.datasynth.testkit;

import java.util.random.RandomGenerator;

/**
 * A string that matches a simple regular expression: literals, escapes ({@code \d}, {@code \w}, {@code \s},
 * escaped punctuation), {@code .}, character classes with ranges, groups with alternation (the first branch), and
 * the quantifiers {@code ? * + {n} {n,} {n,m}} (their least count, at least one for {@code +}). Anchors are
 * skipped. Anything else gives null.
 */
final class PatternExample {
  private final String regex;
  private final RandomGenerator random;
  private int at;

  private PatternExample(String regex, RandomGenerator random) {
    this.regex = regex;
    this.random = random;
  }

  /** An example match of {@code regex}; null when the expression is beyond this generator. */
  static String of(String regex, RandomGenerator random) {
    try {
      PatternExample example = new PatternExample(regex, random);
      String out = example.sequence();
      return example.at == regex.length() ? out : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private String sequence() {
    StringBuilder out = new StringBuilder();
    while (at < regex.length() && regex.charAt(at) != ')' && regex.charAt(at) != '|') {
      char c = regex.charAt(at);
      if (c == '^' || c == '$') {
        at++;
        continue;
      }
      String atom = atom();
      int[] count = quantifier();
      for (int i = 0; i < count[0]; i++) {
        out.append(atom);
      }
    }
    return out.toString();
  }

  private String atom() {
    char c = regex.charAt(at++);
    switch (c) {
      case '\\' -> {
        char e = regex.charAt(at++);
        return switch (e) {
          case 'd' -> Integer.toString(random.nextInt(10));
          case 'w' -> String.valueOf((char) ('a' + random.nextInt(26)));
          case 's' -> " ";
          default -> {
            if (Character.isLetterOrDigit(e)) {
              throw new IllegalArgumentException("escape \\" + e);
            }
            yield String.valueOf(e);
          }
        };
      }
      case '.' -> {
        return String.valueOf((char) ('a' + random.nextInt(26)));
      }
      case '[' -> {
        return characterClass();
      }
      case '(' -> {
        if (regex.startsWith("?:", at)) {
          at += 2;
        } else if (regex.charAt(at) == '?') {
          throw new IllegalArgumentException("group construct");
        }
        String first = sequence();
        while (regex.charAt(at) == '|') {
          at++;
          sequence();
        }
        at++;
        return first;
      }
      default -> {
        if ("*+?{".indexOf(c) >= 0) {
          throw new IllegalArgumentException("dangling quantifier");
        }
        return String.valueOf(c);
      }
    }
  }

  private String characterClass() {
    if (regex.charAt(at) == '^') {
      throw new IllegalArgumentException("negated class");
    }
    char first = regex.charAt(at);
    if (first == '\\') {
      at++;
      char e = regex.charAt(at);
      skipClass();
      return e == 'd' ? "7" : e == 'w' ? "a" : String.valueOf(e);
    }
    at++;
    String out = String.valueOf(first);
    if (regex.charAt(at) == '-' && regex.charAt(at + 1) != ']') {
      char last = regex.charAt(at + 1);
      out = String.valueOf((char) (first + random.nextInt(Math.max(1, last - first + 1))));
    }
    skipClass();
    return out;
  }

  private void skipClass() {
    while (regex.charAt(at) != ']') {
      at += regex.charAt(at) == '\\' ? 2 : 1;
    }
    at++;
  }

  private int[] quantifier() {
    if (at >= regex.length()) {
      return new int[] {1};
    }
    char c = regex.charAt(at);
    switch (c) {
      case '?', '*' -> {
        at++;
        lazy();
        return new int[] {0};
      }
      case '+' -> {
        at++;
        lazy();
        return new int[] {1};
      }
      case '{' -> {
        int close = regex.indexOf('}', at);
        String[] parts = regex.substring(at + 1, close).split(",", -1);
        at = close + 1;
        lazy();
        return new int[] {Integer.parseInt(parts[0].strip())};
      }
      default -> {
        return new int[] {1};
      }
    }
  }

  private void lazy() {
    if (at < regex.length() && regex.charAt(at) == '?') {
      at++;
    }
  }
}
