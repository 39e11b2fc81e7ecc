package io.datasynth.quality;

/**
 * MinHash signatures of character 3-gram sets, and the banding that turns them into locality-sensitive keys.
 *
 * <p>One permutation hashing with optimal densification (Li, Owen and Zhang 2012; Shrivastava 2017): each 3-gram is
 * hashed once, strongly (a 64-bit finaliser); the top 7 bits pick one of {@value #SIZE} bins and the low 31 bits are
 * its value, and each bin keeps its smallest value. A bin no gram fell into borrows the value of the first filled bin
 * in a fixed pseudo-random sequence of its own, the same for every text. Two texts then agree at each position with
 * probability equal to the Jaccard similarity of their 3-gram sets, as with {@value #SIZE} independent hash
 * functions, at the cost of one hash per gram instead of {@value #SIZE}. The fraction of equal positions estimates
 * the similarity with a standard error of about {@code sqrt(J(1-J)/128)}, 0.035 at 0.8 (a little more for texts of
 * under about 40 code points, whose grams leave most bins to be borrowed). The sequences come from a fixed seed, so
 * signatures are the same in every run and JVM.
 *
 * <p>The signature is cut into bands of {@code rows} positions; two records that agree on a whole band become
 * candidates. {@code rows} is the largest value for which a pair at exactly the threshold is still found with
 * probability at least {@value #RECALL_AT_THRESHOLD} (7 rows in 18 bands for 0.8).
 *
 * <p>Immutable and thread-safe.
 */
final class MinHash {
  private static final int BIN_BITS = 7;

  /** Positions (bins) per signature. */
  static final int SIZE = 1 << BIN_BITS;

  /** Texts with fewer code points than this get no signature: a few changed words would move them too far. */
  static final int MIN_CODE_POINTS = 20;

  private static final double RECALL_AT_THRESHOLD = 0.97;

  private static final long SEED = 0x5EED_DA7A_5E7L;

  /** Steps of each bin's borrowing sequence kept in a table; a text with very few grams may need more. */
  private static final int TABLED_STEPS = 16;

  /** Bin {@code b}'s borrowing sequence: its {@code k}th step at {@code b * TABLED_STEPS + k}. */
  private final byte[] borrow = new byte[SIZE * TABLED_STEPS];
  private final int rows;
  private final int bands;

  MinHash(double threshold) {
    for (int b = 0; b < SIZE; b++) {
      for (int k = 0; k < TABLED_STEPS; k++) {
        borrow[b * TABLED_STEPS + k] = (byte) step(b, k);
      }
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
    long filledLow = 0;
    long filledHigh = 0;
    for (int i = 0; i + 2 < cps.length; i++) {
      long gram = mix(((long) cps[i] << 42) | ((long) cps[i + 1] << 21) | cps[i + 2]);
      int bin = (int) (gram >>> (64 - BIN_BITS));
      sig[bin] = Math.min(sig[bin], (int) gram >>> 1);
      if (bin < 64) {
        filledLow |= 1L << bin;
      } else {
        filledHigh |= 1L << bin;
      }
    }
    // Only empty bins are written below, so every bin borrowed from still holds its own minimum.
    for (int b = 0; b < SIZE; b++) {
      if (!filled(b, filledLow, filledHigh)) {
        int from = -1;
        for (int k = 0; from < 0; k++) {
          int j = k < TABLED_STEPS ? borrow[b * TABLED_STEPS + k] : step(b, k);
          from = filled(j, filledLow, filledHigh) ? j : -1;
        }
        sig[b] = sig[from];
      }
    }
    return sig;
  }

  private static boolean filled(int bin, long low, long high) {
    return ((bin < 64 ? low : high) >>> bin & 1) != 0; // a long shift counts modulo 64
  }

  /** Step {@code k} of bin {@code b}'s borrowing sequence: a bin from 0 to {@value #SIZE} - 1. */
  private static int step(int b, int k) {
    return (int) (mix(SEED ^ ((long) b << 32 | k)) >>> (64 - BIN_BITS));
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
