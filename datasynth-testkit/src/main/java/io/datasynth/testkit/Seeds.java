package io.datasynth.testkit;

import java.util.SplittableRandom;

/** Derives independent, reproducible random generators from a seed, a request index and a purpose. */
final class Seeds {
  static final long FAULTS = 0x46_41_55_4cL;
  static final long REPLY = 0x52_45_50_4cL;
  static final long IDS = 0x49_44_53L;
  static final long BATCH = 0x42_41_54_43L;

  private Seeds() {}

  /** A generator that depends only on its three arguments, so request {@code index} sees the same draws every run. */
  static SplittableRandom random(long seed, long index, long purpose) {
    return new SplittableRandom(mix(mix(seed ^ mix(purpose)) + index));
  }

  /** The 64-bit finalizer of MurmurHash3: spreads nearby inputs over the whole range. */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
