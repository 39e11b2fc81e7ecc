package io.datasynth.schedule;

import java.time.Duration;

/**
 * Takes an endpoint of a fleet out of service after it failed {@link #THRESHOLD} times in a row, and lets one
 * request try it again when its time out is over: a success brings it back, a failure takes it out for twice as
 * long (at most {@link #LONGEST}). Rate limits are not failures: the limiter paces those. Not thread-safe: owned by
 * the scheduler's thread.
 */
final class CircuitBreaker {
  /** Consecutive failed requests that take an endpoint out. */
  static final int THRESHOLD = 5;
  /** The first time out; each one after it, without a success between, doubles. */
  static final Duration FIRST = Duration.ofSeconds(10);
  static final Duration LONGEST = Duration.ofMinutes(5);

  /** What the breaker says about sending to its endpoint now. */
  sealed interface Verdict {
    /** Send as the window and limiter allow. */
    record Closed() implements Verdict {}

    /** Send nothing before {@code until} (monotonic nanoseconds). */
    record Open(long until) implements Verdict {}

    /** The time out is over: one request may try the endpoint, and no other until it answers. */
    record Trial() implements Verdict {}
  }

  private static final Verdict CLOSED = new Verdict.Closed();
  private static final Verdict TRIAL = new Verdict.Trial();

  private int streak;
  /** When it was last taken out; a request sent by then says nothing of whether it is back. */
  private long openedAt = Long.MIN_VALUE;
  /** How long it is out from {@link #openedAt} on. */
  private long timeOut = FIRST.toNanos();
  private boolean open;
  private int timesOut;

  Verdict verdict(long now) {
    if (!open) {
      return CLOSED;
    }
    long until = openedAt + timeOut;
    return now < until ? new Verdict.Open(until) : TRIAL;
  }

  /**
   * A request to the endpoint answered: it is in service again, unless it was sent before the endpoint was taken
   * out (only the trial's answer brings it back).
   *
   * @param sentAt when the request was sent (monotonic nanoseconds)
   */
  void onSuccess(long sentAt) {
    if (open && sentAt <= openedAt) {
      return;
    }
    streak = 0;
    open = false;
    timeOut = FIRST.toNanos();
  }

  /**
   * A request to the endpoint failed.
   *
   * @param sentAt when the request was sent (monotonic nanoseconds)
   * @return how long it is now out of service, or null when that did not change
   */
  Duration onFailure(long sentAt, long now) {
    streak++;
    if (open) {
      if (sentAt <= openedAt) {
        // Sent before it was taken out (nothing is sent to it from then until its trial); the time out counts it.
        return null;
      }
      // The trial failed: out again, for longer.
      timeOut = Math.min(LONGEST.toNanos(), timeOut * 2);
    } else if (streak < THRESHOLD) {
      return null;
    }
    open = true;
    openedAt = now;
    timesOut++;
    return Duration.ofNanos(timeOut);
  }

  /** How often the endpoint was taken out. */
  int timesOut() {
    return timesOut;
  }

  boolean isOpen() {
    return open;
  }
}
