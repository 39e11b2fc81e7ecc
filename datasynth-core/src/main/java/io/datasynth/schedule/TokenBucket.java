package io.datasynth.schedule;

/**
 * A local model of one provider limit: a bucket of {@code capacity} that refills at {@code limit} per minute.
 * Not thread-safe: owned by the engine thread.
 */
final class TokenBucket {
  private static final double NANOS_PER_MINUTE = 60e9;
  /**
   * Seconds of refill a request leaves unspent. The server counts a request when it arrives, a few milliseconds
   * after it was reserved here and not always equally late (a new connection, a busy machine), so a bucket spent
   * to exactly zero sees a request that arrives earlier than the previous one refused; this reserve absorbs that,
   * at the price of 50 ms of refill once per run.
   */
  static final double SLACK_SECONDS = 0.05;

  private long limit;
  private double capacity;
  private double level;
  private long updatedAt;

  TokenBucket(long limit, double capacity, double level, long now) {
    this.limit = limit;
    this.capacity = capacity;
    this.level = Math.min(level, capacity);
    this.updatedAt = now;
  }

  void refill(long now) {
    if (now > updatedAt) {
      level = Math.min(capacity, level + (now - updatedAt) * limit / NANOS_PER_MINUTE);
      updatedAt = now;
    }
  }

  /**
   * Nanoseconds until {@code amount} fits with {@link #SLACK_SECONDS} of refill to spare (0 when it fits now); an
   * amount that does not fit in the capacity with the spare waits for a full bucket.
   */
  long waitFor(long amount, long now) {
    refill(now);
    double need = Math.min(amount + limit * SLACK_SECONDS / 60, capacity);
    if (level >= need) {
      return 0;
    }
    return (long) Math.ceil((need - level) * NANOS_PER_MINUTE / limit);
  }

  void take(long amount) {
    level -= amount;
  }

  void give(long amount) {
    level = Math.min(capacity, level + amount);
  }

  /** Adopts what the server said: its limit, and a better estimate of the level (never above capacity). */
  void correct(long newLimit, double newCapacity, double estimatedLevel, long now) {
    refill(now);
    limit = newLimit;
    capacity = newCapacity;
    level = Math.min(capacity, estimatedLevel);
  }

  void empty(long now) {
    refill(now);
    level = Math.min(level, 0);
  }

  double level() {
    return level;
  }

  double capacity() {
    return capacity;
  }

  long limit() {
    return limit;
  }
}
