package io.datasynth.testkit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rate limits of one API style: a token bucket per configured limit, admitting a request only when every
 * bucket can pay its cost. Thread-safe.
 */
final class RateLimiter {

  /** What a bucket counts. */
  enum Kind {
    REQUESTS,
    INPUT_TOKENS,
    OUTPUT_TOKENS,
    TOKENS
  }

  /** The cost of one request per bucket kind; {@link Kind#REQUESTS} is always 1. */
  record Cost(long inputTokens, long outputTokens, long tokens) {
    long of(Kind kind) {
      return switch (kind) {
        case REQUESTS -> 1;
        case INPUT_TOKENS -> inputTokens;
        case OUTPUT_TOKENS -> outputTokens;
        case TOKENS -> tokens;
      };
    }
  }

  /** The state of one bucket as the headers report it. */
  record BucketState(Kind kind, long limit, long remaining, long nanosUntilFull) {
    BucketState exhausted() {
      return new BucketState(kind, limit, 0, nanosUntilFull);
    }
  }

  /**
   * The answer to a request: admitted (cost taken) or refused by some buckets, with the nanoseconds until it
   * would fit.
   */
  record Admission(boolean admitted, long retryAfterNanos, Set<Kind> refusedBy) {}

  private final Map<Kind, TokenBucket> buckets = new EnumMap<>(Kind.class);
  private final Ticker ticker;

  /**
   * @param limits the per-minute limit of each kind; kinds with 0 are not limited
   * @param burstSeconds the seconds' worth of each limit a bucket holds; 60 is the full per-minute limit
   */
  RateLimiter(Map<Kind, Long> limits, double burstSeconds, Ticker ticker) {
    this.ticker = ticker;
    long now = ticker.nanos();
    limits.forEach(
        (kind, limit) -> {
          if (limit > 0) {
            buckets.put(kind, new TokenBucket(limit, burstSeconds, now));
          }
        });
  }

  synchronized Admission admit(Cost cost) {
    long now = ticker.nanos();
    long wait = 0;
    Set<Kind> refused = EnumSet.noneOf(Kind.class);
    for (Map.Entry<Kind, TokenBucket> entry : buckets.entrySet()) {
      TokenBucket bucket = entry.getValue();
      bucket.refill(now);
      long nanos = bucket.nanosUntilFits(cost.of(entry.getKey()));
      if (nanos > 0) {
        refused.add(entry.getKey());
        wait = Math.max(wait, nanos);
      }
    }
    if (!refused.isEmpty()) {
      return new Admission(false, wait, refused);
    }
    buckets.forEach((kind, bucket) -> bucket.take(cost.of(kind)));
    return new Admission(true, 0, Set.of());
  }

  /** Gives back {@code amount} of a bucket, e.g. the unused part of a {@code max_tokens} reservation. */
  synchronized void refund(Kind kind, long amount) {
    TokenBucket bucket = buckets.get(kind);
    if (bucket != null && amount > 0) {
      bucket.refill(ticker.nanos());
      bucket.give(amount);
    }
  }

  /** The state of each configured bucket now, in {@link Kind} order; empty when nothing is limited. */
  synchronized List<BucketState> state() {
    long now = ticker.nanos();
    List<BucketState> states = new ArrayList<>(buckets.size());
    buckets.forEach(
        (kind, bucket) -> {
          bucket.refill(now);
          states.add(new BucketState(kind, bucket.limit(), bucket.remaining(), bucket.nanosUntilFull()));
        });
    return states;
  }
}
