package io.datasynth.quality;

/**
 * The exact keys of the remembered records, each with the reference it was remembered under, in one open-addressing
 * {@code long[]} table on the heap: 16 bytes a slot, at most 3/4 full, so 21 to 43 bytes a record.
 *
 * <p>A slot keeps 96 bits of the 128-bit key (the first 64 and the next 32) and a 32-bit reference that is never
 * 0, so an all-zero slot is empty. Two different records collide only when 96 bits of their SHA-256 agree,
 * about once in 10^13 for ten million records. Not thread-safe.
 */
final class ExactIndex {
  private static final int MIN_SLOTS = 1 << 10;
  private static final long HIGH_HALF = 0xFFFF_FFFF_0000_0000L;

  private long[] table;
  private int size;

  /** An index that holds {@code expected} keys without growing. */
  ExactIndex(long expected) {
    table = new long[2 * slotsFor(expected)];
  }

  /** The reference stored with the key, or 0 when the key is not there. */
  int get(long hi, long lo) {
    int mask = table.length / 2 - 1;
    long tag = lo & HIGH_HALF;
    for (int i = (int) hi & mask; ; i = (i + 1) & mask) {
      long h = table[2 * i];
      long l = table[2 * i + 1];
      if (h == 0 && l == 0) {
        return 0;
      }
      if (h == hi && (l & HIGH_HALF) == tag) {
        return (int) l;
      }
    }
  }

  /** Stores a key that is not there yet under {@code ref}, which must not be 0. */
  void put(long hi, long lo, int ref) {
    if ((size + 1L) * 4 > (table.length / 2) * 3L) {
      grow();
    }
    insert(table, hi, (lo & HIGH_HALF) | (ref & 0xFFFF_FFFFL));
    size++;
  }

  int size() {
    return size;
  }

  /** Bytes of heap the table takes. */
  long bytes() {
    return 8L * table.length;
  }

  private void grow() {
    if (table.length >= 1 << 30) {
      throw new IllegalStateException("the exact-duplicate index is full at " + size + " records");
    }
    long[] old = table;
    table = new long[old.length * 2];
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0 || old[i + 1] != 0) {
        insert(table, old[i], old[i + 1]);
      }
    }
  }

  private static void insert(long[] table, long hi, long tagAndRef) {
    int mask = table.length / 2 - 1;
    int i = (int) hi & mask;
    while (table[2 * i] != 0 || table[2 * i + 1] != 0) {
      i = (i + 1) & mask;
    }
    table[2 * i] = hi;
    table[2 * i + 1] = tagAndRef;
  }

  private static int slotsFor(long expected) {
    long needed = Math.max(MIN_SLOTS, expected * 4 / 3 + 1);
    if (needed > 1 << 29) {
      return 1 << 29;
    }
    return Integer.highestOneBit((int) needed - 1) << 1;
  }
}
