package io.datasynth.metrics;

/** The 64-bit hashing the counters share: MurmurHash3's finaliser, and a hash of a run of characters. */
final class Hashes {
  private Hashes() {}

  /** Spreads every input bit over the output (fmix64). */
  static long mix(long x) {
    long z = x;
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  /** The state FNV-1a starts from. */
  static final long FNV_OFFSET = 0xCBF29CE484222325L;

  /** A hash of {@code s[from, to)}: FNV-1a over its chars, then mixed. */
  static long of(CharSequence s, int from, int to) {
    long h = FNV_OFFSET;
    for (int i = from; i < to; i++) {
      h = fnv(h, s.charAt(i));
    }
    return mix(h);
  }

  /** One FNV-1a step: the state after {@code c}. */
  static long fnv(long h, char c) {
    return (h ^ c) * 0x100000001B3L;
  }

  /** A hash of two hashes in order, for n-grams of tokens. */
  static long pair(long a, long b) {
    return mix(a * 0x9E3779B97F4A7C15L + b);
  }
}
