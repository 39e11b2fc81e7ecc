package io.datasynth.metrics;

/**
 * Counts distinct 64-bit hashes in bounded memory: exactly up to {@value #EXACT_LIMIT} of them, then by
 * HyperLogLog with 2<sup>14</sup> registers (16 KiB, a standard error of about 0.8%). Not thread-safe.
 */
final class DistinctCounter {
  /** Distinct values counted exactly, at most (an open-addressing table of twice as many slots). */
  static final int EXACT_LIMIT = 1 << 14;

  private static final int P = 14;
  private static final int M = 1 << P;

  private long[] table = new long[64];
  private int size;
  private boolean zero;
  private byte[] registers;

  /** Counts {@code hash}, which must already be well mixed. */
  void add(long hash) {
    if (registers != null) {
      register(hash);
      return;
    }
    if (hash == 0) {
      if (!zero) {
        zero = true;
        size++;
      }
    } else if (insert(table, hash)) {
      size++;
    }
    if (size > EXACT_LIMIT) {
      toSketch();
    } else if (size * 2 > table.length) {
      grow();
    }
  }

  /** How many distinct values were added: exact while {@link #exact()}, else an estimate. */
  long count() {
    if (registers == null) {
      return size;
    }
    double sum = 0;
    int zeros = 0;
    for (byte r : registers) {
      sum += 1.0 / (1L << r);
      if (r == 0) {
        zeros++;
      }
    }
    double alpha = 0.7213 / (1 + 1.079 / M);
    double estimate = alpha * M * (double) M / sum;
    if (estimate <= 2.5 * M && zeros > 0) {
      estimate = M * Math.log((double) M / zeros);
    }
    return Math.round(estimate);
  }

  /** Whether {@link #count()} is exact. */
  boolean exact() {
    return registers == null;
  }

  private static boolean insert(long[] t, long v) {
    int mask = t.length - 1;
    for (int i = (int) v & mask; ; i = (i + 1) & mask) {
      if (t[i] == 0) {
        t[i] = v;
        return true;
      }
      if (t[i] == v) {
        return false;
      }
    }
  }

  private void grow() {
    long[] bigger = new long[table.length * 2];
    for (long v : table) {
      if (v != 0) {
        insert(bigger, v);
      }
    }
    table = bigger;
  }

  private void toSketch() {
    registers = new byte[M];
    for (long v : table) {
      if (v != 0) {
        register(v);
      }
    }
    if (zero) {
      register(0);
    }
    table = null;
  }

  private void register(long hash) {
    int index = (int) (hash >>> (64 - P));
    long rest = (hash << P) | (1L << (P - 1));
    byte rank = (byte) (Long.numberOfLeadingZeros(rest) + 1);
    if (rank > registers[index]) {
      registers[index] = rank;
    }
  }
}
