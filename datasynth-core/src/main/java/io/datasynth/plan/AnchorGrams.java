package io.datasynth.plan;

import io.datasynth.text.GramBits;
import java.util.Arrays;

/**
 * The 3-gram sets of a seed guide's anchors inverted (for each gram, the anchors whose text has it), so that the
 * Jaccard similarity of a record to every anchor comes from one lookup per distinct gram of the record instead of
 * sorting its grams and merging them with each anchor's. The similarities are exactly those of {@link
 * SeedGuide#jaccard} on the sorted distinct grams. Not thread-safe: it reuses its buffers (the guide's thread owns it).
 */
final class AnchorGrams {
  private final int[] sizes;
  private final int mask;
  private final int[] keys;
  private final boolean[] used;
  private final int[] starts;
  private final int[] ends;
  private final int[] postings;
  private final int[] common;
  /** The anchors' grams: a record's gram in none of them costs one load, not a probe. */
  private final GramBits present;
  private int[] seenKeys = new int[0];
  private int[] seenStamps = new int[0];
  private int stamp;

  /** @param grams each anchor's sorted distinct grams, as {@link SeedGuide#grams} gives them */
  AnchorGrams(int[][] grams) {
    sizes = new int[grams.length];
    int total = 0;
    for (int a = 0; a < grams.length; a++) {
      sizes[a] = grams[a].length;
      total += grams[a].length;
    }
    long[] pairs = new long[total];
    int p = 0;
    for (int a = 0; a < grams.length; a++) {
      for (int g : grams[a]) {
        pairs[p++] = ((long) g << 32) | a;
      }
    }
    Arrays.sort(pairs);
    postings = new int[total];
    int distinct = 0;
    for (int i = 0; i < total; i++) {
      postings[i] = (int) pairs[i];
      if (i == 0 || (int) (pairs[i] >> 32) != (int) (pairs[i - 1] >> 32)) {
        distinct++;
      }
    }
    int slots = Integer.highestOneBit(Math.max(1, distinct) * 2 - 1) << 1;
    mask = slots - 1;
    keys = new int[slots];
    used = new boolean[slots];
    starts = new int[slots];
    ends = new int[slots];
    for (int i = 0; i < total; ) {
      int g = (int) (pairs[i] >> 32);
      int j = i;
      while (j < total && (int) (pairs[j] >> 32) == g) {
        j++;
      }
      int s = slot(g);
      used[s] = true;
      keys[s] = g;
      starts[s] = i;
      ends[s] = j;
      i = j;
    }
    common = new int[grams.length];
    present = new GramBits(distinct);
    for (int[] anchor : grams) {
      for (int g : anchor) {
        present.add(spread(g));
      }
    }
  }

  /** A gram's hash with its bits spread into the high half, as {@link GramBits} reads them. */
  private static long spread(int g) {
    return g * 0x9E37_79B9_7F4A_7C15L;
  }

  /**
   * The anchor most similar to a record, the first on ties; -1 when there are no anchors.
   *
   * @param grams the record's grams, repeats allowed
   */
  int nearest(int[] grams) {
    Arrays.fill(common, 0);
    int distinct = 0;
    newStamp(grams.length);
    int seenMask = seenKeys.length - 1;
    for (int g : grams) {
      int i = mix(g) & seenMask;
      boolean seen = false;
      while (seenStamps[i] == stamp) {
        if (seenKeys[i] == g) {
          seen = true;
          break;
        }
        i = (i + 1) & seenMask;
      }
      if (seen) {
        continue;
      }
      seenStamps[i] = stamp;
      seenKeys[i] = g;
      distinct++;
      if (!present.mayContain(spread(g))) {
        continue;
      }
      int s = find(g);
      if (s >= 0) {
        for (int k = starts[s]; k < ends[s]; k++) {
          common[postings[k]]++;
        }
      }
    }
    int best = -1;
    double bestJ = -1;
    for (int a = 0; a < sizes.length; a++) {
      double j = distinct == 0 && sizes[a] == 0 ? 1 : (double) common[a] / (distinct + sizes[a] - common[a]);
      if (j > bestJ) {
        bestJ = j;
        best = a;
      }
    }
    return best;
  }

  private void newStamp(int n) {
    int slots = Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1;
    if (slots > seenKeys.length) {
      seenKeys = new int[slots];
      seenStamps = new int[slots];
      stamp = 0;
    }
    if (++stamp == 0) {
      Arrays.fill(seenStamps, 0);
      stamp = 1;
    }
  }

  private int slot(int g) {
    int i = mix(g) & mask;
    while (used[i] && keys[i] != g) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private int find(int g) {
    for (int i = mix(g) & mask; used[i]; i = (i + 1) & mask) {
      if (keys[i] == g) {
        return i;
      }
    }
    return -1;
  }

  private static int mix(int g) {
    int h = g * 0x9E37_79B9;
    return h ^ (h >>> 16);
  }
}
