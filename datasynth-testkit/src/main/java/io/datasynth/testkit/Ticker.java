package io.datasynth.testkit;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The fake provider's time: a monotonic nanosecond count for buckets and retry windows, and the matching wall
 * time for headers and records.
 *
 * <p>The system ticker derives wall time from {@link System#nanoTime()} and the instant it was made, so the two
 * never disagree. An injected {@link InstantSource} drives both, which lets tests advance time by hand.
 */
final class Ticker {
  private final InstantSource source;
  private final long baseNanos;
  private final Instant baseInstant;

  private Ticker(InstantSource source) {
    this.source = source;
    this.baseNanos = System.nanoTime();
    this.baseInstant = Instant.now();
  }

  static Ticker system() {
    return new Ticker(null);
  }

  static Ticker of(InstantSource source) {
    return new Ticker(source);
  }

  long nanos() {
    if (source == null) {
      return System.nanoTime();
    }
    Instant now = source.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  Instant now() {
    return source == null ? baseInstant.plusNanos(System.nanoTime() - baseNanos) : source.instant();
  }
}
