package io.datasynth.metrics;

import java.util.Arrays;

/**
 * The distinct character 3-grams of a normalised text, as sorted 64-bit hashes: the sets whose Jaccard similarity
 * near-duplicate detection estimates. A text of one or two code points is one gram of itself; an empty text has
 * none. Immutable.
 */
final class GramSet {
  static final GramSet EMPTY = new GramSet(new long[0]);

  private final long[] grams;

  private GramSet(long[] grams) {
    this.grams = grams;
  }

  static GramSet of(String normalized) {
    int[] cps = io.datasynth.text.CodePoints.of(normalized);
    if (cps.length == 0) {
      return EMPTY;
    }
    if (cps.length < 3) {
      long whole = cps.length == 1 ? cps[0] : ((long) cps[0] << 21) | cps[1];
      return new GramSet(new long[] {Hashes.mix(whole | (1L << 63))});
    }
    long[] g = new long[cps.length - 2];
    for (int i = 0; i + 2 < cps.length; i++) {
      g[i] = Hashes.mix(((long) cps[i] << 42) | ((long) cps[i + 1] << 21) | cps[i + 2]);
    }
    Arrays.sort(g);
    int n = 0;
    for (int i = 0; i < g.length; i++) {
      if (i == 0 || g[i] != g[i - 1]) {
        g[n++] = g[i];
      }
    }
    return new GramSet(n == g.length ? g : Arrays.copyOf(g, n));
  }

  /**
   * The distinct gram hashes of a normalised text in the order they first occur: the set {@link #of} sorts, for
   * lookups that need no order ({@link SeedIndex}), without the sort.
   */
  static long[] distinct(String normalized) {
    int[] cps = io.datasynth.text.CodePoints.of(normalized);
    if (cps.length == 0) {
      return new long[0];
    }
    if (cps.length < 3) {
      long whole = cps.length == 1 ? cps[0] : ((long) cps[0] << 21) | cps[1];
      return new long[] {Hashes.mix(whole | (1L << 63))};
    }
    int count = cps.length - 2;
    int slots = Integer.highestOneBit(count * 2 - 1) << 1;
    int mask = slots - 1;
    long[] table = new long[slots];
    boolean[] used = new boolean[slots];
    long[] out = new long[count];
    int n = 0;
    for (int i = 0; i + 2 < cps.length; i++) {
      long g = Hashes.mix(((long) cps[i] << 42) | ((long) cps[i + 1] << 21) | cps[i + 2]);
      int k = (int) (g ^ (g >>> 32)) & mask;
      while (used[k] && table[k] != g) {
        k = (k + 1) & mask;
      }
      if (!used[k]) {
        used[k] = true;
        table[k] = g;
        out[n++] = g;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** The set of distinct hashes, such as {@link #distinct} gives; the array is not kept. */
  static GramSet ofDistinct(long[] distinct) {
    long[] g = distinct.clone();
    Arrays.sort(g);
    return new GramSet(g);
  }

  int size() {
    return grams.length;
  }

  long gram(int i) {
    return grams[i];
  }

  /** |A ∩ B| / |A ∪ B|; 0 when both are empty (two empty texts share no content). */
  double jaccard(GramSet other) {
    long[] a = grams;
    long[] b = other.grams;
    if (a.length == 0 && b.length == 0) {
      return 0;
    }
    int i = 0;
    int j = 0;
    int common = 0;
    // Without branches: which side steps is data the processor cannot predict, so a branch would miss half the time.
    while (i < a.length && j < b.length) {
      long x = a[i];
      long y = b[j];
      common += x == y ? 1 : 0;
      i += x <= y ? 1 : 0;
      j += y <= x ? 1 : 0;
    }
    return (double) common / (a.length + b.length - common);
  }
}
