package io.datasynth.mcp;

import io.datasynth.sink.OutputFiles;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Semaphore;

/**
 * One lock per file a run writes, so that concurrent tool calls never write the same files at once (a parse appends
 * by rewriting the output; a run journals next to it). A call takes the locks of every file of its output
 * ({@link OutputFiles#all()}), so two outputs that share a file beside them ({@code out.json} and
 * {@code out.jsonl} share {@code out.journal.jsonl}) are one run's files and exclude each other. Locks are taken in
 * a fixed order, so two calls never wait on each other, and are not reentrant: a second call on the same thread is
 * refused too. Thread-safe; holds one small lock per distinct path.
 */
final class OutputLocks {
  private final Map<Path, Semaphore> locks = new ConcurrentHashMap<>();

  /**
   * Takes the locks of {@code output}'s files, waiting up to {@code waitMillis} in all.
   *
   * @throws ToolArgumentException when another call holds one of them for longer
   */
  Held acquire(Path output, long waitMillis) {
    TreeSet<Path> paths = new TreeSet<>();
    OutputFiles.of(output.toAbsolutePath().normalize()).all().forEach(paths::add);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    Deque<Semaphore> held = new ArrayDeque<>();
    for (Path p : paths) {
      Semaphore lock = locks.computeIfAbsent(p, k -> new Semaphore(1));
      boolean got;
      try {
        got = lock.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        got = false;
      }
      if (!got) {
        held.forEach(Semaphore::release);
        throw new ToolArgumentException("another call is writing " + output.getFileName() + " or a file beside "
            + "it (" + p.getFileName() + ") right now; wait until it has finished, or choose another output_path");
      }
      held.push(lock);
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.getAndSet(false)) {
        held.forEach(Semaphore::release);
      }
    };
  }

  /** Held locks; closing releases them (once). */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
