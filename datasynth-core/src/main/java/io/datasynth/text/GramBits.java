package io.datasynth.text;

/**
 * A set of hashed grams kept as one bit each, 8 bits a gram, in front of an exact index of the same grams: it
 * answers "not in the set" for most grams that are not, with one load that stays in the cache, and never for a gram
 * that is (about 1 in 9 of the others passes by chance). Not thread-safe while grams are added.
 */
public final class GramBits {
  private final long[] words;
  private final int mask;

  /** @param grams how many grams will be added; the bits are sized for them (at most 2^24) */
  public GramBits(long grams) {
    int bits = Integer.highestOneBit((int) Math.max(64, Math.min(grams * 8, 1 << 24)) * 2 - 1);
    words = new long[bits >>> 6];
    mask = bits - 1;
  }

  /** @param hash the gram's 64-bit hash, mixed so that its high bits vary */
  public void add(long hash) {
    int bit = bit(hash);
    words[bit >>> 6] |= 1L << bit;
  }

  /** False only when {@code hash} was never added. */
  public boolean mayContain(long hash) {
    int bit = bit(hash);
    return (words[bit >>> 6] & 1L << bit) != 0;
  }

  /** High bits: the index behind takes its slots from the low ones. */
  private int bit(long hash) {
    return (int) (hash >>> 40) & mask;
  }
}
