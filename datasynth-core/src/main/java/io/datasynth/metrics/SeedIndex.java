package io.datasynth.metrics;

import io.datasynth.text.GramBits;
import java.util.List;

/**
 * The 3-gram sets of the seeds with an inverted index, which finds a record's most similar seed by exact Jaccard
 * similarity while touching only the seeds that share a gram with it. Not thread-safe.
 */
final class SeedIndex {
  /** A seed's position in the list given, and how similar it is. */
  record Nearest(int seed, double similarity) {}

  private final int[] sizes;
  private final long[] keys;
  private final boolean[] used;
  private final int[] starts;
  private final int[] ends;
  private final int[] postings;
  private final int[] counts;
  private final int[] touched;
  /** The seeds' grams: most of a record's grams are in no seed, and this tells so without a probe of the table. */
  private final GramBits present;

  SeedIndex(List<GramSet> seeds) {
    sizes = new int[seeds.size()];
    long total = 0;
    for (int s = 0; s < seeds.size(); s++) {
      sizes[s] = seeds.get(s).size();
      total += sizes[s];
    }
    int capacity = Integer.highestOneBit((int) Math.max(2, Math.min(total, 1 << 28)) * 2 - 1) << 1;
    keys = new long[capacity];
    used = new boolean[capacity];
    int[] perSlot = new int[capacity];
    for (GramSet g : seeds) {
      for (int i = 0; i < g.size(); i++) {
        perSlot[slot(keys, used, g.gram(i), true)]++;
      }
    }
    starts = new int[capacity];
    ends = new int[capacity];
    int running = 0;
    for (int i = 0; i < capacity; i++) {
      starts[i] = running;
      ends[i] = running;
      running += perSlot[i];
    }
    postings = new int[running];
    for (int s = 0; s < seeds.size(); s++) {
      GramSet g = seeds.get(s);
      for (int i = 0; i < g.size(); i++) {
        postings[ends[slot(keys, used, g.gram(i), false)]++] = s;
      }
    }
    counts = new int[seeds.size()];
    touched = new int[seeds.size()];
    present = new GramBits(total);
    for (GramSet g : seeds) {
      for (int i = 0; i < g.size(); i++) {
        present.add(g.gram(i));
      }
    }
  }

  /** The most similar seed (the first on ties), or null when no seed shares a gram with the record. */
  Nearest nearest(GramSet record) {
    long[] grams = new long[record.size()];
    for (int i = 0; i < grams.length; i++) {
      grams[i] = record.gram(i);
    }
    return nearest(grams, grams.length);
  }

  /**
   * As {@link #nearest(GramSet)}, from a record's distinct grams in any order (as {@link GramSet.Distinct} gives
   * them): the result does not depend on the order.
   *
   * @param count how many of {@code distinctGrams}, from the first, are the record's
   */
  Nearest nearest(long[] distinctGrams, int count) {
    int n = 0;
    for (int g = 0; g < count; g++) {
      long gram = distinctGrams[g];
      if (!present.mayContain(gram)) {
        continue;
      }
      int slot = slot(keys, used, gram, false);
      if (slot < 0) {
        continue;
      }
      for (int p = starts[slot]; p < ends[slot]; p++) {
        int s = postings[p];
        if (counts[s]++ == 0) {
          touched[n++] = s;
        }
      }
    }
    int best = -1;
    double bestSimilarity = -1;
    for (int t = 0; t < n; t++) {
      int s = touched[t];
      int common = counts[s];
      counts[s] = 0;
      double j = (double) common / (count + sizes[s] - common);
      if (j > bestSimilarity || j == bestSimilarity && s < best) {
        best = s;
        bestSimilarity = j;
      }
    }
    return best < 0 ? null : new Nearest(best, bestSimilarity);
  }

  /** The slot of {@code key}: inserted when {@code insert}, else -1 when absent. */
  private static int slot(long[] keys, boolean[] used, long key, boolean insert) {
    int mask = keys.length - 1;
    for (int i = (int) (key ^ (key >>> 32)) & mask; ; i = (i + 1) & mask) {
      if (!used[i]) {
        if (!insert) {
          return -1;
        }
        used[i] = true;
        keys[i] = key;
        return i;
      }
      if (keys[i] == key) {
        return i;
      }
    }
  }
}
