package io.datasynth.metrics;

import io.datasynth.metrics.DatasetMetrics.Cluster;
import io.datasynth.metrics.DatasetMetrics.RecordRef;
import io.datasynth.metrics.DatasetMetrics.SelfSimilarity;
import io.datasynth.metrics.DatasetMetrics.SimilarPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A seeded uniform sample of the records (reservoir sampling), whose pairs are compared at the end: the mean
 * similarity, the most similar pairs and the clusters. Memory and time are bounded by the sample's size, not the
 * dataset's. Not thread-safe.
 */
final class SimilaritySample {
  static final int SIZE = 500;
  static final int MOST_SIMILAR = 10;
  static final double CLUSTER_THRESHOLD = 0.5;
  static final int CLUSTERS = 5;
  static final int CLUSTER_MEMBERS = 8;

  private record Member(long position, RecordRef ref, GramSet grams) {}

  private final SplittableRandom random;
  private final Member[] members = new Member[SIZE];
  private long seen;

  SimilaritySample(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * Offers the next record; {@code grams} and {@code ref} are only asked for when it enters the sample.
   */
  void offer(Supplier<GramSet> grams, Supplier<RecordRef> ref) {
    long i = seen++;
    int slot;
    if (i < SIZE) {
      slot = (int) i;
    } else {
      long j = random.nextLong(i + 1);
      if (j >= SIZE) {
        return;
      }
      slot = (int) j;
    }
    members[slot] = new Member(i, ref.get(), grams.get());
  }

  SelfSimilarity result() {
    List<Member> sample = new ArrayList<>();
    for (Member m : members) {
      if (m != null) {
        sample.add(m);
      }
    }
    sample.sort(Comparator.comparingLong(Member::position));
    int n = sample.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    PriorityQueue<SimilarPair> top = new PriorityQueue<>(Comparator.comparingDouble(SimilarPair::similarity));
    long[][] bits = bitsets(sample);
    double sum = 0;
    long pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        GramSet a = sample.get(i).grams();
        GramSet b = sample.get(j).grams();
        double s = bits == null ? a.jaccard(b) : jaccard(bits[i], a.size(), bits[j], b.size());
        sum += s;
        pairs++;
        if (s > 0 && (top.size() < MOST_SIMILAR || s > top.peek().similarity())) {
          top.add(new SimilarPair(sample.get(i).ref(), sample.get(j).ref(), s));
          if (top.size() > MOST_SIMILAR) {
            top.poll();
          }
        }
        if (s >= CLUSTER_THRESHOLD) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    List<SimilarPair> most = new ArrayList<>(top);
    most.sort(Comparator.comparingDouble(SimilarPair::similarity).reversed());
    return new SelfSimilarity(n, pairs, pairs == 0 ? 0 : sum / pairs, most, CLUSTER_THRESHOLD, clusters(sample,
        parent));
  }

  /**
   * Each member's grams as a bitset over the distinct grams of the whole sample, when that makes the pairs cheaper
   * to compare than merging their sorted grams (records that share most of their grams, as a dataset's do); else
   * null. Either way a pair's similarity is the same number.
   */
  private static long[][] bitsets(List<Member> sample) {
    int total = 0;
    for (Member m : sample) {
      total += m.grams().size();
    }
    if (sample.size() < 2 || total == 0) {
      return null;
    }
    long[] all = new long[total];
    int k = 0;
    for (Member m : sample) {
      for (int i = 0; i < m.grams().size(); i++) {
        all[k++] = m.grams().gram(i);
      }
    }
    java.util.Arrays.sort(all);
    int distinct = 0;
    for (int i = 0; i < total; i++) {
      if (i == 0 || all[i] != all[i - 1]) {
        all[distinct++] = all[i];
      }
    }
    int words = (distinct + 63) >>> 6;
    // A pair costs `words` ANDs this way; merging costs about the two sizes' sum in steps several times dearer.
    if (words > 4L * total / sample.size()) {
      return null;
    }
    long[][] bits = new long[sample.size()][words];
    for (int m = 0; m < sample.size(); m++) {
      GramSet g = sample.get(m).grams();
      int d = 0;
      for (int i = 0; i < g.size(); i++) {
        long gram = g.gram(i);
        while (all[d] != gram) {
          d++; // both ascending: each gram is found past the last
        }
        bits[m][d >>> 6] |= 1L << d;
      }
    }
    return bits;
  }

  /** What {@link GramSet#jaccard} gives for the sets of these bits, of these sizes. */
  private static double jaccard(long[] a, int sizeA, long[] b, int sizeB) {
    if (sizeA == 0 && sizeB == 0) {
      return 0;
    }
    int common = 0;
    for (int w = 0; w < a.length; w++) {
      common += Long.bitCount(a[w] & b[w]);
    }
    return (double) common / (sizeA + sizeB - common);
  }

  private static List<Cluster> clusters(List<Member> sample, int[] parent) {
    java.util.Map<Integer, List<RecordRef>> groups = new java.util.LinkedHashMap<>();
    for (int i = 0; i < sample.size(); i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(sample.get(i).ref());
    }
    return groups.values().stream().filter(g -> g.size() > 1)
        .sorted(Comparator.comparingInt((List<RecordRef> g) -> g.size()).reversed()).limit(CLUSTERS)
        .map(g -> new Cluster(g.size(), g.size() > CLUSTER_MEMBERS ? g.subList(0, CLUSTER_MEMBERS) : g)).toList();
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
