package io.datasynth.quality;

import java.util.Arrays;

/**
 * A multimap from 32-bit band keys to record numbers, in flat primitive arrays: an open-addressing table of keys
 * pointing at chains of entries. About 20 bytes per entry, and no objects per entry.
 *
 * <p>Not thread-safe.
 */
final class BandIndex {
  private static final int NONE = -1;

  private int[] keys = new int[1024];
  private int[] heads = filled(1024);
  private int slotsUsed;
  private int[] entryRecord = new int[1024];
  private int[] entryNext = new int[1024];
  private int entries;

  /** Adds {@code record} under {@code key}. */
  void add(int key, int record) {
    if ((slotsUsed + 1) * 4 > keys.length * 3) {
      grow();
    }
    if (entries == entryRecord.length) {
      entryRecord = Arrays.copyOf(entryRecord, entries * 2);
      entryNext = Arrays.copyOf(entryNext, entries * 2);
    }
    int slot = slot(key);
    if (heads[slot] == NONE) {
      keys[slot] = key;
      slotsUsed++;
    }
    entryRecord[entries] = record;
    entryNext[entries] = heads[slot];
    heads[slot] = entries++;
  }

  /** The first entry under {@code key}, or -1; walk on with {@link #next}. */
  int first(int key) {
    return heads[slot(key)];
  }

  int next(int entry) {
    return entryNext[entry];
  }

  int record(int entry) {
    return entryRecord[entry];
  }

  /** The slot holding {@code key}, or the empty slot where it would go. */
  private int slot(int key) {
    int mask = keys.length - 1;
    int i = key & mask;
    while (heads[i] != NONE && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldHeads = heads;
    keys = new int[oldKeys.length * 2];
    heads = filled(keys.length);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldHeads[i] != NONE) {
        int slot = slot(oldKeys[i]);
        keys[slot] = oldKeys[i];
        heads[slot] = oldHeads[i];
      }
    }
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    Arrays.fill(a, NONE);
    return a;
  }
}
