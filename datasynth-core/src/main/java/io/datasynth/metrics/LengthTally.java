package io.datasynth.metrics;

import io.datasynth.metrics.DatasetMetrics.LengthBin;
import io.datasynth.metrics.DatasetMetrics.LengthSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Lengths counted exactly up to {@value #EXACT} characters, longer ones together, so quantiles and bins cost 32 KiB
 * whatever the number of values. Not thread-safe.
 */
final class LengthTally {
  static final int EXACT = 4096;
  private static final int BINS = 10;

  private final long[] counts = new long[EXACT + 1];
  private long n;
  private double sum;
  private long max;

  void add(long length) {
    counts[(int) Math.min(length, EXACT)]++;
    n++;
    sum += length;
    max = Math.max(max, length);
  }

  long count() {
    return n;
  }

  /** The summary, or null when nothing was counted. */
  LengthSummary summary() {
    return n == 0 ? null : new LengthSummary(n, sum / n, quantile(0.5), quantile(0.9), max);
  }

  /** The smallest length with at least {@code q} of the values at or below it (lengths past the exact range as the maximum). */
  long quantile(double q) {
    long need = Math.max(1, (long) Math.ceil(q * n));
    long seen = 0;
    for (int len = 0; len < EXACT; len++) {
      seen += counts[len];
      if (seen >= need) {
        return len;
      }
    }
    return max;
  }

  /** The same ten bins for both tallies, wide enough for their 99th percentiles, with each one's shares. */
  static List<LengthBin> bins(LengthTally seeds, LengthTally records) {
    long upper = Math.max(1, records.n == 0 ? 0 : records.quantile(0.99));
    if (seeds != null && seeds.n > 0) {
      upper = Math.max(upper, seeds.quantile(0.99));
    }
    long width = niceWidth((upper + BINS) / BINS);
    List<LengthBin> bins = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      long from = b * width;
      long to = b == BINS - 1 ? Long.MAX_VALUE : from + width - 1;
      bins.add(new LengthBin(from, to, seeds == null ? 0 : seeds.share(from, to), records.share(from, to)));
    }
    return bins;
  }

  private double share(long from, long to) {
    if (n == 0) {
      return 0;
    }
    long in = 0;
    for (long len = from; len <= Math.min(to, EXACT); len++) {
      in += counts[(int) len];
    }
    return (double) in / n;
  }

  /** The smallest of 1, 2, 5, 10, 20, 50, … that is at least {@code w}. */
  static long niceWidth(long w) {
    long step = 1;
    while (true) {
      for (long m : new long[] {1, 2, 5}) {
        if (m * step >= w) {
          return m * step;
        }
      }
      step *= 10;
    }
  }
}
