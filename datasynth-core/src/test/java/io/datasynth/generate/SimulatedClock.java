package io.datasynth.generate;

import io.datasynth.engine.EngineClock;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Simulated time for engine tests: waiting advances the clock straight to the next scheduled event, so a run with
 * one-second latencies and a 60-second retry-after takes microseconds, deterministically, on one thread.
 */
final class SimulatedClock implements EngineClock {
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private record Task(long at, long seq, Runnable action) {}

  private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at
      ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Instant instant() {
    return EPOCH.plusNanos(now);
  }

  /** Runs {@code action} when the simulated time reaches now + delay. */
  void schedule(long delayNanos, Runnable action) {
    tasks.add(new Task(now + Math.max(0, delayNanos), seq++, action));
  }

  @Override
  public <T> T poll(BlockingQueue<T> queue, long timeoutNanos) {
    long deadline = now + Math.max(0, timeoutNanos);
    while (true) {
      T item = queue.poll();
      if (item != null) {
        return item;
      }
      Task next = tasks.peek();
      if (next == null || next.at > deadline) {
        now = Math.max(now, deadline);
        return null;
      }
      tasks.poll();
      now = Math.max(now, next.at);
      next.action.run();
    }
  }
}
