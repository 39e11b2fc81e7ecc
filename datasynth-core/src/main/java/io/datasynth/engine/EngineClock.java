package io.datasynth.engine;

import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Time as the engine sees it: a monotonic clock, the wall clock, and waiting for the next event. Injected so that
 * tests can run a 60-second back-off in microseconds of simulated time.
 */
public interface EngineClock {

  /** Monotonic time in nanoseconds, for durations and deadlines. */
  long nanoTime();

  /** The wall-clock time, for timestamps in outputs. */
  Instant instant();

  /**
   * Waits up to {@code timeoutNanos} for the next event.
   *
   * @return the event, or null when the time ran out
   */
  <T> T poll(BlockingQueue<T> queue, long timeoutNanos) throws InterruptedException;

  /** Real time. */
  static EngineClock system() {
    return new EngineClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Instant instant() {
        return Instant.now();
      }

      @Override
      public <T> T poll(BlockingQueue<T> queue, long timeoutNanos) throws InterruptedException {
        return queue.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
      }
    };
  }
}
