package io.datasynth.schedule;

/**
 * The ratio between the input tokens a server counts and the client's estimate of them, learned from the usage of
 * every reply, so that what the rate limiter reserves is what the server's input-token limit will take.
 *
 * <p>The client's count is an approximation for some models (Claude's tokenizer is not public) and misses what the
 * server adds (a system preamble, message framing); a limiter that reserves 1,000 tokens for a request the server
 * counts as 1,300 sends 30% too much and meets the limit's 429s. The ratio is the recent replies' actual tokens over
 * their estimates, weighted toward the latest; it starts at 1 and stays within [{@link #MIN}, {@link #MAX}], so
 * one absurd report cannot stall or flood the limiter. Not thread-safe: owned by the scheduler's thread.
 */
final class InputCalibration {
  /** The smallest and largest ratio believed. */
  static final double MIN = 0.25;
  static final double MAX = 4;
  /** The weight each older observation keeps per newer one: about the last 50 replies count. */
  private static final double DECAY = 0.98;

  private double estimated;
  private double actual;

  /** The current ratio of the server's count to the estimate; 1 before any reply reported usage. */
  double ratio() {
    if (estimated <= 0) {
      return 1;
    }
    return Math.max(MIN, Math.min(MAX, actual / estimated));
  }

  /** The input tokens the server is expected to count for a request estimated at {@code estimate}. */
  long calibrated(long estimate) {
    return estimate <= 0 ? estimate : (long) Math.ceil(estimate * ratio());
  }

  /**
   * Learns from one reply.
   *
   * @param estimate the client's estimate of the request's input tokens
   * @param counted the input tokens the server reported for it, cached ones included
   */
  void observe(long estimate, long counted) {
    if (estimate <= 0 || counted <= 0) {
      return;
    }
    estimated = estimated * DECAY + estimate;
    actual = actual * DECAY + counted;
  }
}
