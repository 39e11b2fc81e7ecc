package io.datasynth.journal;

import io.datasynth.error.ConfigException;
import io.datasynth.error.RunFailedException;
import io.datasynth.sink.FileGuard;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive right to change one output and its journal. A run takes it before it decides whether to resume,
 * top up or start fresh, and holds it until the output is written and the journal is gone, so two runs of the same
 * output never both decide on what they saw before the other finished.
 *
 * <p>The lock is an OS file lock on a hidden lock file beside the output, which is never deleted (deleting it would
 * let a waiting run lock a file nobody else can see). POSIX file locks belong to the process, and closing any
 * channel to the file releases them all, so a second opener in the same JVM must be refused before it opens a
 * channel: {@link #HELD} is that process-wide record. It is the one piece of process-wide state, because the OS lock
 * it mirrors is process-wide too. Thread-safe.
 */
public final class OutputLock implements AutoCloseable {
  /** Lock files held by this process, as absolute normalised paths. */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;
  private volatile boolean released;

  private OutputLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock or fails at once.
   *
   * @param lockFile the output's lock file (see {@link io.datasynth.sink.OutputFiles#lock()})
   * @param output the output it guards, named in the error
   * @throws ConfigException when another run in this process or another holds it
   */
  public static OutputLock acquire(Path lockFile, Path output, FileGuard guard) {
    Path key = lockFile.toAbsolutePath().normalize();
    if (!HELD.add(key)) {
      throw inUse(output);
    }
    FileChannel ch = null;
    try {
      guard.folder(key.getParent());
      ch = guard.openForWriting(key);
      FileLock l;
      try {
        l = ch.tryLock(0, Long.MAX_VALUE, false);
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        // Safe to close: no other channel of this process has the file open, HELD says so.
        ch.close();
        HELD.remove(key);
        throw inUse(output);
      }
      return new OutputLock(key, ch, l);
    } catch (IOException e) {
      closeQuietly(ch);
      HELD.remove(key);
      throw new RunFailedException(io.datasynth.text.Message.of("lock.failed", key, String.valueOf(e.getMessage())),
          e);
    } catch (RuntimeException e) {
      if (ch != null && ch.isOpen()) {
        closeQuietly(ch);
        HELD.remove(key);
      }
      throw e;
    }
  }

  private static ConfigException inUse(Path output) {
    return new ConfigException(null, io.datasynth.text.Message.of("lock.in_use", output,
        io.datasynth.error.Setting.OUTPUT));
  }

  /** Releases the lock; idempotent. */
  @Override
  public void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
    HELD.remove(key);
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      if (ch != null) {
        ch.close();
      }
    } catch (IOException ignored) {
      // already failing or releasing
    }
  }
}
