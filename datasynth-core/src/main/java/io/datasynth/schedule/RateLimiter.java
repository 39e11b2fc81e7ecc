package io.datasynth.schedule;

import io.datasynth.provider.RateLimits;
import io.datasynth.provider.RateLimits.Dimension;
import io.datasynth.provider.Usage;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Paces requests under a provider's limits: a local token bucket per limit, reserved before each request, corrected
 * from the rate-limit headers of every response, and paused for the whole key when the provider answers 429.
 *
 * <p>Limits are unknown until the first response with headers arrives; until then the limiter admits everything
 * and the concurrency window alone holds the load. Not thread-safe: owned by the engine thread.
 */
final class RateLimiter {
  private static final List<Dimension> DIMENSIONS = List.of(Dimension.values());

  private final Map<Dimension, TokenBucket> buckets = new EnumMap<>(Dimension.class);
  private final Map<Dimension, Long> largestSeen = new EnumMap<>(Dimension.class);
  private long pausedUntil = Long.MIN_VALUE;

  /** Whether any response carried rate-limit headers. */
  boolean knowsLimits() {
    return !buckets.isEmpty();
  }

  /** The monotonic time until which every send waits, or {@code Long.MIN_VALUE} when not paused. */
  long pausedUntil() {
    return pausedUntil;
  }

  /**
   * Reserves a request's cost when it fits now.
   *
   * @return 0 when reserved, else nanoseconds to wait before trying again (nothing reserved)
   */
  long tryAcquire(Cost cost, long now) {
    if (now < pausedUntil) {
      return pausedUntil - now;
    }
    // By dimension rather than through the map's entries, which it makes anew for every step of every request.
    long wait = 0;
    for (Dimension d : DIMENSIONS) {
      TokenBucket b = buckets.get(d);
      if (b != null) {
        wait = Math.max(wait, b.waitFor(cost.of(d), now));
      }
    }
    if (wait > 0) {
      return wait;
    }
    for (Dimension d : DIMENSIONS) {
      TokenBucket b = buckets.get(d);
      if (b != null) {
        b.take(cost.of(d));
      }
    }
    return 0;
  }

  /** Returns what a finished request did not use: its unused output reservation and any input over-estimate. */
  void release(Cost reserved, Usage actual, long now) {
    if (actual == null) {
      return;
    }
    long inputDiff = reserved.inputTokens()
        - (actual.inputTokens() + actual.cacheReadTokens() + actual.cacheWriteTokens());
    long outputDiff = reserved.outputTokens() - actual.outputTokens();
    giveBack(Dimension.INPUT_TOKENS, inputDiff, now);
    giveBack(Dimension.OUTPUT_TOKENS, outputDiff, now);
    giveBack(Dimension.TOKENS, inputDiff + outputDiff, now);
  }

  private void giveBack(Dimension d, long amount, long now) {
    TokenBucket b = buckets.get(d);
    if (b != null) {
      b.refill(now);
      if (amount >= 0) {
        b.give(amount);
      } else {
        b.take(-amount);
      }
    }
  }

  /**
   * Corrects the local buckets from a response's headers.
   *
   * <p>The local bucket already pays for every request this client sent, so without other users of the key it
   * needs no correction: the headers teach the limit and the burst, catch a model that drifted, and let a bucket
   * emptied by a 429 recover. A server may compute {@code remaining} when it admits the request or when it writes
   * the response (the fake provider does the latter, a few milliseconds before the client reads it); which one is
   * not known, so the correction holds under both. The level is lowered to {@code remaining} when that is below
   * it, without subtracting the requests sent since: a server that answers at the end has counted them already,
   * one that answers at admission has refilled meanwhile, and subtracting them stalled the client every round trip.
   * It is raised to {@code remaining} minus everything in flight when that is above it.
   *
   * @param limits what the headers said; {@code remaining} alone bounds the burst, since a server that answers at
   *     the end may have refilled the answered request's cost already
   * @param sentSinceItStarted the cost of requests sent after it that are still in flight: a server that counts at
   *     admission had not counted them, so a bucket learned from this response starts that much lower
   * @param inFlight the cost of every request still in flight
   */
  void observe(RateLimits limits, Cost sentSinceItStarted, Cost inFlight, long now) {
    for (Map.Entry<Dimension, RateLimits.Limit> e : limits.limits().entrySet()) {
      Dimension d = e.getKey();
      RateLimits.Limit l = e.getValue();
      if (l.limit() <= 0) {
        continue;
      }
      // A server may allow a smaller burst than its per-minute limit; learn it from the largest level seen.
      long seen = largestSeen.merge(d, l.remaining(), Math::max);
      double capacity = Math.min(l.limit(), seen);
      TokenBucket b = buckets.get(d);
      if (b == null) {
        buckets.put(d, new TokenBucket(l.limit(), capacity, l.remaining() - sentSinceItStarted.of(d), now));
        continue;
      }
      b.refill(now);
      double level = b.level();
      if (l.remaining() < level) {
        level = l.remaining();
      } else if (l.remaining() - inFlight.of(d) > level) {
        level = l.remaining() - inFlight.of(d);
      }
      b.correct(l.limit(), capacity, level, now);
    }
  }

  /**
   * Pauses every send after a 429: until {@code retryAfter} has passed, or when the provider did not say, until
   * the exhausted limit resets, or else for {@code fallback}. Repeated 429s extend the pause, never shorten it.
   *
   * @return the monotonic time the pause ends
   */
  long pause(Duration retryAfter, RateLimits limits, Duration fallback, long now) {
    Duration wait = retryAfter;
    for (Map.Entry<Dimension, RateLimits.Limit> e : limits.limits().entrySet()) {
      if (e.getValue().remaining() <= 0) {
        TokenBucket b = buckets.get(e.getKey());
        if (b != null) {
          b.empty(now);
        }
        Duration reset = e.getValue().resetIn();
        if (retryAfter == null && reset != null && (wait == null || reset.compareTo(wait) > 0)) {
          wait = reset;
        }
      }
    }
    if (wait == null) {
      wait = fallback;
    }
    pausedUntil = Math.max(pausedUntil, now + wait.toNanos());
    return pausedUntil;
  }
}
