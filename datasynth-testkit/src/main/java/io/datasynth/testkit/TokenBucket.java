package io.datasynth.testkit;

/**
 * One rate limit as a token bucket: capacity {@code limit × burstSeconds / 60} (at least 1), refilled
 * continuously at {@code limit / 60} per second.
 *
 * <p>A cost larger than the capacity is admitted once the bucket is full and leaves it in debt, so an oversized
 * request is slow but never refused forever. Not thread-safe: {@link RateLimiter} guards it.
 */
final class TokenBucket {
  private final long limitPerMinute;
  private final double capacity;
  private final double perNano;
  private double available;
  private long lastNanos;

  TokenBucket(long limitPerMinute, double burstSeconds, long nowNanos) {
    this.limitPerMinute = limitPerMinute;
    this.capacity = Math.max(1, limitPerMinute * burstSeconds / 60.0);
    this.perNano = limitPerMinute / 60e9;
    this.available = capacity;
    this.lastNanos = nowNanos;
  }

  void refill(long nowNanos) {
    if (nowNanos > lastNanos) {
      available = Math.min(capacity, available + (nowNanos - lastNanos) * perNano);
      lastNanos = nowNanos;
    }
  }

  /** Nanoseconds until {@code cost} fits; 0 when it fits now. Call {@link #refill} first. */
  long nanosUntilFits(long cost) {
    double missing = Math.min(cost, capacity) - available;
    return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano);
  }

  void take(long cost) {
    available -= cost;
  }

  void give(long amount) {
    available = Math.min(capacity, available + amount);
  }

  long limit() {
    return limitPerMinute;
  }

  /** Whole tokens available now; never negative. */
  long remaining() {
    return (long) Math.floor(Math.max(0, available));
  }

  /** Nanoseconds until the bucket is full again; 0 when full. */
  long nanosUntilFull() {
    double missing = capacity - available;
    return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano);
  }
}
