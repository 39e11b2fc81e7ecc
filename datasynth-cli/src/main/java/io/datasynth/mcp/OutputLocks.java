package io.datasynth.mcp;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per output file, so that concurrent tool calls never write the same file at once (a parse appends by
 * rewriting the file; a run journals next to it). Thread-safe; holds one small lock per distinct output path.
 */
final class OutputLocks {
  private final Map<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

  /**
   * Takes the lock of {@code output}, waiting up to {@code waitMillis}.
   *
   * @throws ToolArgumentException when another call holds it for longer
   */
  Held acquire(Path output, long waitMillis) {
    ReentrantLock lock = locks.computeIfAbsent(output.toAbsolutePath().normalize(), p -> new ReentrantLock());
    boolean got;
    try {
      got = lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      got = false;
    }
    if (!got) {
      throw new ToolArgumentException("another call is writing " + output + " right now; wait until it has "
          + "finished, or choose another output_path");
    }
    return lock::unlock;
  }

  /** A held lock; closing it releases it. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
