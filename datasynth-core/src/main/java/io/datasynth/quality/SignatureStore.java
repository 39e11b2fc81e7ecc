package io.datasynth.quality;

import java.nio.file.Path;

/**
 * The MinHash signatures of the remembered records, numbered from 0 in the order they were added, each with the
 * reference of its record, in {@link MappedMemory} off the Java heap.
 *
 * <p>A row is 264 bytes: the low 16 bits of each of the {@value MinHash#SIZE} minima packed four to a
 * {@code long}, then the reference. Sixteen bits tell equal minima apart well enough: unequal ones agree with
 * probability 2^-16, which moves a similarity estimate by far less than its sampling error. Not thread-safe.
 */
final class SignatureStore implements AutoCloseable {
  /** Longs a packed signature takes. */
  static final int WORDS = MinHash.SIZE / 4;

  private static final int ROW = WORDS * 8 + 8;
  private static final int SEGMENT_SHIFT = 24;

  private final MappedMemory rows;
  private int size;

  SignatureStore(Path dir) {
    this.rows = MappedMemory.open(dir, SEGMENT_SHIFT);
  }

  /** Packs a signature's low 16 bits four to a long, as rows keep them. */
  static long[] pack(int[] signature) {
    long[] packed = new long[WORDS];
    for (int k = 0; k < MinHash.SIZE; k++) {
      packed[k >>> 2] |= (signature[k] & 0xFFFFL) << ((k & 3) << 4);
    }
    return packed;
  }

  /** Appends a packed signature with its record's reference; returns its number. */
  int add(long[] packed, int ref) {
    if (size == Integer.MAX_VALUE - 1) {
      throw new IllegalStateException("the near-duplicate index is full at " + size + " records");
    }
    long at = (long) size * ROW;
    rows.ensure(at + ROW);
    for (int w = 0; w < WORDS; w++) {
      rows.putLong(at + 8L * w, packed[w]);
    }
    rows.putLong(at + 8L * WORDS, ref);
    return size++;
  }

  /** The reference stored with signature {@code n}. */
  int ref(int n) {
    return (int) rows.getLong((long) n * ROW + 8L * WORDS);
  }

  /**
   * Positions where signature {@code n} differs from {@code packed}, or {@code limit + 1} as soon as more than
   * {@code limit} differ.
   */
  int mismatches(int n, long[] packed, int limit) {
    long at = (long) n * ROW;
    int mismatches = 0;
    for (int w = 0; w < WORDS; w++) {
      long v = rows.getLong(at + 8L * w) ^ packed[w];
      if (v != 0) {
        mismatches += differingLanes(v);
        if (mismatches > limit) {
          return limit + 1;
        }
      }
    }
    return mismatches;
  }

  /** Positions where two packed signatures differ, or {@code limit + 1} as soon as more than {@code limit} do. */
  static int mismatches(long[] a, long[] b, int limit) {
    int mismatches = 0;
    for (int w = 0; w < WORDS; w++) {
      long v = a[w] ^ b[w];
      if (v != 0) {
        mismatches += differingLanes(v);
        if (mismatches > limit) {
          return limit + 1;
        }
      }
    }
    return mismatches;
  }

  /** The 16-bit lanes of {@code xor} that are not zero. */
  private static int differingLanes(long xor) {
    // Fold each 16-bit lane onto its lowest bit: a lane that differs anywhere leaves a 1 there.
    long v = (xor | (xor >>> 8)) & 0x00FF_00FF_00FF_00FFL;
    v = (v | (v >>> 4)) & 0x000F_000F_000F_000FL;
    v = (v | (v >>> 2)) & 0x0003_0003_0003_0003L;
    v = (v | (v >>> 1)) & 0x0001_0001_0001_0001L;
    return Long.bitCount(v);
  }

  int size() {
    return size;
  }

  /** Bytes of mapped memory the rows take. */
  long bytes() {
    return rows.capacity();
  }

  @Override
  public void close() {
    rows.close();
  }
}
