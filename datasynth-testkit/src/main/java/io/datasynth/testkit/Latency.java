package io.datasynth.testkit;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long the fake takes to answer: base plus seeded jitter, plus a delay per output token; {@link Fault#SLOW}
 * multiplies it and applies a floor.
 */
record Latency(
    Duration base, Duration jitter, Jitter distribution, Duration perOutputToken, double slowFactor,
    Duration slowAtLeast) {

  static final double EXPONENTIAL_CAP = 20;

  /** The delay in nanoseconds for a reply of {@code outputTokens}. */
  long nanos(RandomGenerator random, int outputTokens, boolean slow) {
    double jitterNanos = jitter.toNanos();
    double drawn =
        switch (distribution) {
          case UNIFORM -> random.nextDouble() * jitterNanos;
          case EXPONENTIAL -> Math.min(EXPONENTIAL_CAP, -Math.log(1 - random.nextDouble())) * jitterNanos;
        };
    double total = base.toNanos() + drawn + (double) perOutputToken.toNanos() * outputTokens;
    if (slow) {
      total = Math.max(total * slowFactor, slowAtLeast.toNanos());
    }
    return (long) total;
  }
}
