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
    double sum = 0;
    long pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = sample.get(i).grams().jaccard(sample.get(j).grams());
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
