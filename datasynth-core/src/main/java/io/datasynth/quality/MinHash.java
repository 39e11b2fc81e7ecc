package io.datasynth.quality;

/**
 * MinHash signatures of character 3-gram sets, and the banding that turns them into locality-sensitive keys.
 *
 * <p>Each 3-gram is hashed once, strongly (a 64-bit finaliser folded to 32 bits); each of the {@value #SIZE} hash
 * functions is then {@code a·x + b} over 32-bit integers (odd {@code a}, so a permutation), keeping the top 31 bits.
 * Over a strong hash such affine maps are what MinHash needs, and in 32 bits with a branch-free minimum the JIT
 * turns the loop over the functions into vector instructions, several times faster than 64-bit arithmetic.
 * {@code a} and {@code b} come from a fixed seed, so signatures are the same in every run and JVM. The fraction of
 * equal positions in two signatures estimates the Jaccard similarity of the 3-gram sets with a standard error of
 * about {@code sqrt(J(1-J)/128)}, 0.035 at 0.8.
 *
 * <p>The signature is cut into bands of {@code rows} positions; two records that agree on a whole band become
 * candidates. {@code rows} is the largest value for which a pair at exactly the threshold is still found with
 * probability at least {@value #RECALL_AT_THRESHOLD} (7 rows in 18 bands for 0.8).
 *
 * <p>Immutable and thread-safe.
 */
final class MinHash {
  /** Hash functions per signature. */
  static final int SIZE = 128;

  /** Texts with fewer code points than this get no signature: a few changed words would move them too far. */
  static final int MIN_CODE_POINTS = 20;

  private static final double RECALL_AT_THRESHOLD = 0.97;

  private static final long SEED = 0x5EED_DA7A_5E7L;

  private final int[] multipliers = new int[SIZE];
  private final int[] addends = new int[SIZE];
  private final int rows;
  private final int bands;

  MinHash(double threshold) {
    long state = SEED;
    for (int i = 0; i < SIZE; i++) {
      state += 0x9E3779B97F4A7C15L;
      multipliers[i] = (int) mix(state) | 1;
      state += 0x9E3779B97F4A7C15L;
      addends[i] = (int) (mix(state) >>> 32);
    }
    int r = 1;
    for (int candidate = 1; candidate <= SIZE; candidate++) {
      if (recall(threshold, candidate, SIZE / candidate) >= RECALL_AT_THRESHOLD) {
        r = candidate;
      }
    }
    this.rows = r;
    this.bands = SIZE / r;
  }

  int rows() {
    return rows;
  }

  int bands() {
    return bands;
  }

  /** The signature of a normalised text, or null when it is shorter than {@value #MIN_CODE_POINTS} code points. */
  int[] signature(String text) {
    int[] cps = io.datasynth.text.CodePoints.of(text);
    if (cps.length < MIN_CODE_POINTS) {
      return null;
    }
    int[] sig = new int[SIZE];
    java.util.Arrays.fill(sig, Integer.MAX_VALUE);
    for (int i = 0; i + 2 < cps.length; i++) {
      long gram = mix(((long) cps[i] << 42) | ((long) cps[i + 1] << 21) | cps[i + 2]);
      lower(sig, (int) (gram ^ (gram >>> 32)));
    }
    return sig;
  }

  /** Lowers each position of {@code sig} to its hash of {@code x} where that is smaller. */
  private void lower(int[] sig, int x) {
    int[] a = multipliers;
    int[] b = addends;
    for (int k = 0; k < SIZE; k++) {
      // Both values are below 2^31, so the difference cannot overflow; its sign bit selects the smaller.
      int s = sig[k];
      int d = ((a[k] * x + b[k]) >>> 1) - s;
      sig[k] = s + (d & (d >> 31));
    }
  }

  /**
   * The 32-bit key of one band of a signature: equal bands give equal keys; different bands, or the same values
   * in different bands, rarely do (a collision only adds a candidate, which the signature comparison rejects).
   */
  int bandKey(int[] sig, int band) {
    long h = mix(band + 1L);
    for (int k = band * rows, end = k + rows; k < end; k++) {
      h = mix(h ^ (sig[k] & 0xFFFF_FFFFL));
    }
    return (int) (h ^ (h >>> 32));
  }

  /** The probability that a pair with this similarity shares at least one band. */
  static double recall(double similarity, int rows, int bands) {
    return 1 - Math.pow(1 - Math.pow(similarity, rows), bands);
  }

  /** A 64-bit finaliser that spreads every input bit over the output (the MurmurHash3 fmix64 steps). */
  static long mix(long x) {
    long z = x;
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
