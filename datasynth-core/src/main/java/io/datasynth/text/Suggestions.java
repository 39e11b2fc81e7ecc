package io.datasynth.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …?": the known name nearest to a misspelt one, by edit distance (an insertion, deletion, change or
 * swap of neighbours counts one), ignoring case and the difference between {@code -} and {@code _}. A name counts as
 * near when at most two edits away, and at most one for names of four characters or fewer, so that short names are
 * not matched by chance. Stateless.
 */
public final class Suggestions {
  private Suggestions() {}

  /** The known name nearest to {@code name}, or empty when none is near; the first of equally near ones wins. */
  public static Optional<String> closest(String name, Collection<String> known) {
    String n = normal(name);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      String kn = normal(k);
      if (kn.equals(n)) {
        return Optional.of(k);
      }
      int d = distance(n, kn);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    int allowed = Math.min(n.length(), best == null ? 0 : normal(best).length()) <= 4 ? 1 : 2;
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  private static String normal(String s) {
    return s.toLowerCase(Locale.ROOT).replace('-', '_').replaceFirst("^_+", "");
  }

  /** Optimal string alignment distance: Levenshtein with swaps of neighbouring characters. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
