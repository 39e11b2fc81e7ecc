package io.datasynth.journal;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Which of a journal's records are delivered. Every accepted record, surplus included, has an ordinal: its place
 * among them in journal order, from 1. A record is delivered until a later decision takes it back (a replay that
 * finds it no longer passes the quality path, or the judge). Memory is one bit per ordinal. Not thread-safe.
 */
public final class Ledger {
  private final BitSet delivered = new BitSet();
  private long count;
  private long[] undelivered;

  /** Marks a record delivered. */
  public void deliver(long ordinal) {
    int i = index(ordinal);
    if (!delivered.get(i)) {
      delivered.set(i);
      count++;
      undelivered = null;
    }
  }

  /** Takes a delivery back. */
  public void withdraw(long ordinal) {
    int i = index(ordinal);
    if (delivered.get(i)) {
      delivered.clear(i);
      count--;
      undelivered = null;
    }
  }

  public boolean isDelivered(long ordinal) {
    return ordinal >= 1 && ordinal <= Integer.MAX_VALUE && delivered.get((int) ordinal - 1);
  }

  /** Records delivered. */
  public long delivered() {
    return count;
  }

  /**
   * The position among delivered records of a delivered ordinal, from 1, or 0 when it is not delivered: the
   * number its output id carries.
   *
   * @param ordinals the last ordinal given
   */
  public long position(long ordinal, long ordinals) {
    if (!isDelivered(ordinal)) {
      return 0;
    }
    if (undelivered == null) {
      undelivered = new long[(int) Math.max(0, ordinals - count)];
      int n = 0;
      for (int i = delivered.nextClearBit(0); i < ordinals && n < undelivered.length; i = delivered.nextClearBit(i + 1)) {
        undelivered[n++] = i + 1L;
      }
      undelivered = Arrays.copyOf(undelivered, n);
    }
    int before = Arrays.binarySearch(undelivered, ordinal);
    return ordinal - (before < 0 ? -before - 1 : before);
  }

  private static int index(long ordinal) {
    if (ordinal < 1 || ordinal > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("ordinal " + ordinal);
    }
    return (int) ordinal - 1;
  }
}
