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
    return new Distinct().of(normalized).toSet();
  }

  /**
   * The distinct gram hashes of normalised texts, one text at a time, in the order they first occur: the set {@link
   * #of} sorts, for lookups that need no order ({@link SeedIndex}), without the sort. It keeps its buffers from text
   * to text, as a report measures every record of a dataset. Not thread-safe.
   */
  static final class Distinct {
    private long[] grams = new long[64];
    private int size;
    private long[] keys = new long[128];
    private int[] stamps = new int[128];
    private int stamp;

    /** Takes the grams of {@code normalized}, in place of the last text's. */
    Distinct of(String normalized) {
      size = 0;
      int n = normalized.length();
      if (n == 0) {
        return this;
      }
      int first = normalized.codePointAt(0);
      int i = Character.charCount(first);
      if (i >= n) {
        return whole(first);
      }
      int second = normalized.codePointAt(i);
      i += Character.charCount(second);
      if (i >= n) {
        return whole(((long) first << 21) | second);
      }
      reserve(n - 2);
      long a = first;
      long b = second;
      while (i < n) {
        int c = normalized.codePointAt(i);
        i += Character.charCount(c);
        add(Hashes.mix((a << 42) | (b << 21) | c));
        a = b;
        b = c;
      }
      return this;
    }

    private Distinct whole(long value) {
      grams[0] = Hashes.mix(value | (1L << 63));
      size = 1;
      return this;
    }

    /** Room for {@code count} grams, and a table at most half full; a new stamp marks every slot free. */
    private void reserve(int count) {
      if (grams.length < count) {
        grams = new long[Integer.highestOneBit(count - 1) << 1];
      }
      int slots = Integer.highestOneBit(count * 2 - 1) << 1;
      if (keys.length < slots) {
        keys = new long[slots];
        stamps = new int[slots];
        stamp = 0;
      }
      if (++stamp == 0) {
        java.util.Arrays.fill(stamps, 0);
        stamp = 1;
      }
    }

    private void add(long g) {
      int mask = keys.length - 1;
      int k = (int) (g ^ (g >>> 32)) & mask;
      while (stamps[k] == stamp) {
        if (keys[k] == g) {
          return;
        }
        k = (k + 1) & mask;
      }
      stamps[k] = stamp;
      keys[k] = g;
      grams[size++] = g;
    }

    /** How many distinct grams the text has. */
    int size() {
      return size;
    }

    /** The grams, valid up to {@link #size()} until the next text. */
    long[] grams() {
      return grams;
    }

    /** The grams as a set of their own. */
    GramSet toSet() {
      if (size == 0) {
        return EMPTY;
      }
      long[] g = Arrays.copyOf(grams, size);
      Arrays.sort(g);
      return new GramSet(g);
    }
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
