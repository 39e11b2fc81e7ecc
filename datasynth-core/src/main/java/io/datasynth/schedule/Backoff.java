package io.datasynth.schedule;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter: retry n waits a random time between half and all of base·2^(n-1), capped at
 * two minutes, so retries never come back sooner than half the configured delay and never in lock-step.
 */
final class Backoff {
  private static final Duration CAP = Duration.ofMinutes(2);

  private final Duration base;
  private final RandomGenerator random;

  Backoff(Duration base, RandomGenerator random) {
    this.base = base;
    this.random = random;
  }

  /** The delay before retry number {@code attempt} (1-based). */
  Duration delay(int attempt) {
    double max = Math.min(CAP.toNanos(), base.toNanos() * Math.pow(2, Math.max(0, attempt - 1)));
    return Duration.ofNanos((long) (max / 2 + random.nextDouble() * max / 2));
  }
}
