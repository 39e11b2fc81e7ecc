package io.datasynth.quality;

import java.nio.file.Path;

/**
 * The LSH band index: a multimap from 32-bit band keys to the numbers of remembered signatures, as an
 * open-addressing table with linear probing in {@link MappedMemory}, off the Java heap.
 *
 * <p>A slot is one {@code long}: the band key in the high half and the signature number plus one in the low half,
 * so an all-zero slot is empty. Entries under one key sit in the run of slots that starts at the key's home slot.
 * The table doubles when it is 7/10 full, copying into new memory and freeing the old. Not thread-safe.
 */
final class BandTable implements AutoCloseable {
  private static final int MIN_SLOTS = 1 << 13;
  private static final long MAX_SLOTS = 1L << 33;
  private static final int SEGMENT_SHIFT = 30;

  private final Path dir;
  private MappedMemory slots;
  private long capacity;
  private long mask;
  private long size;

  /** A table in {@code dir} that holds {@code expectedEntries} without growing. */
  BandTable(Path dir, long expectedEntries) {
    this.dir = dir;
    long wanted = Math.max(MIN_SLOTS, expectedEntries * 10 / 7 + 1);
    long slots = Long.highestOneBit(Math.min(MAX_SLOTS, wanted) - 1) << 1;
    allocate(slots);
  }

  /** Adds {@code signature} under {@code key}. */
  void add(int key, int signature) {
    if ((size + 1) * 10 > capacity * 7) {
      grow();
    }
    insert(slots, mask, ((long) key << 32) | (signature + 1L));
    size++;
  }

  /**
   * Copies the numbers of the signatures stored under {@code key} into {@code out} from {@code from} on, stopping
   * when {@code out} is full.
   *
   * @return the index after the last one written
   */
  int collect(int key, int[] out, int from) {
    int n = from;
    for (long i = home(key, mask); n < out.length; i = (i + 1) & mask) {
      long slot = slots.getLong(i << 3);
      if (slot == 0) {
        break;
      }
      if ((int) (slot >>> 32) == key) {
        out[n++] = (int) slot - 1;
      }
    }
    return n;
  }

  /**
   * Reads the home slot of every key, so that {@link #collect} of them then finds their cache lines loaded: the
   * reads are independent, so the processor overlaps their misses instead of waiting for one after another.
   *
   * @return the slots' bits mixed together, only so that the reads are not left out as unused
   */
  long load(int[] keys) {
    long all = 0;
    for (int key : keys) {
      all ^= slots.getLong(home(key, mask) << 3);
    }
    return all;
  }

  /** Bytes of mapped memory the table takes. */
  long bytes() {
    return slots.capacity();
  }

  @Override
  public void close() {
    slots.close();
  }

  private void grow() {
    if (capacity >= MAX_SLOTS) {
      throw new IllegalStateException("the near-duplicate band index is full at " + size + " entries");
    }
    MappedMemory old = slots;
    long oldCapacity = capacity;
    allocate(capacity * 2);
    for (long i = 0; i < oldCapacity; i++) {
      long slot = old.getLong(i << 3);
      if (slot != 0) {
        insert(slots, mask, slot);
      }
    }
    old.close();
  }

  private void allocate(long slotCount) {
    int shift = (int) Math.min(SEGMENT_SHIFT, Long.numberOfTrailingZeros(slotCount * 8));
    MappedMemory memory = MappedMemory.open(dir, Math.max(12, shift));
    memory.ensure(slotCount * 8);
    // Lookups read a slot before inserts write it: taken first by a read, each page would fault twice.
    memory.touch(slotCount * 8);
    slots = memory;
    capacity = slotCount;
    mask = slotCount - 1;
  }

  private static void insert(MappedMemory slots, long mask, long entry) {
    long i = home((int) (entry >>> 32), mask);
    while (slots.getLong(i << 3) != 0) {
      i = (i + 1) & mask;
    }
    slots.putLong(i << 3, entry);
  }

  /** The key's first slot: band keys are already well mixed, so their bits serve as the hash. */
  private static long home(int key, long mask) {
    return (key & 0xFFFF_FFFFL) * 0x9E37_79B9L & mask;
  }
}
