package io.datasynth.quality;

import io.datasynth.error.RunFailedException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory outside the Java heap (and outside the JVM's direct-memory limit): private, copy-on-write mappings of a
 * sparse temporary file, in segments of equal size, grown on demand, reading as zero until written.
 *
 * <p>Private mappings are never written back to the file: a page becomes ordinary process memory when it is first
 * written, so the file stays an empty hole on disk and the disk sees no traffic (a shared mapping would write every
 * dirtied page back, over and over, for a structure nobody reads again). The file is deleted as soon as it is
 * opened (where the platform allows; elsewhere when it is closed), so a crash leaves nothing behind.
 * {@link #close} unmaps the segments and frees the memory at once; without it the memory is freed when the buffers
 * are garbage collected.
 *
 * <p>Where no file can be made or grown there (a read-only folder, a file-size limit), segments are direct buffers
 * instead, which work the same but count against the JVM's direct-memory limit ({@code -XX:MaxDirectMemorySize},
 * by default the heap size); a warning says so.
 *
 * <p>Offsets are in bytes; a value must be aligned to its own size ({@code getLong} at a multiple of 8), so it
 * never straddles two segments. Not thread-safe.
 */
final class MappedMemory implements AutoCloseable {
  private static final Unmapper UNMAPPER = Unmapper.find();

  private static final Logger LOG = LoggerFactory.getLogger(MappedMemory.class);

  /** The smallest page size of the platforms Java runs on. */
  private static final int PAGE = 4096;

  private final Path dir;
  private FileChannel channel;
  private final int shift;
  private final long mask;
  private ByteBuffer[] segments = new ByteBuffer[4];
  private int count;
  private boolean closed;

  private MappedMemory(Path dir, FileChannel channel, int segmentShift) {
    this.dir = dir;
    this.channel = channel;
    this.shift = segmentShift;
    this.mask = (1L << segmentShift) - 1;
  }

  /**
   * Opens empty memory backed by a new temporary file in {@code dir}, or by direct buffers when no file can be made
   * there.
   *
   * @param segmentShift log2 of the segment size in bytes, from 12 (4 KiB) to 30 (1 GiB)
   */
  static MappedMemory open(Path dir, int segmentShift) {
    if (segmentShift < 12 || segmentShift > 30) {
      throw new IllegalArgumentException("segment shift " + segmentShift + " is outside 12..30");
    }
    FileChannel channel = null;
    try {
      Path file = Files.createTempFile(dir, ".datasynth-dedup-", ".tmp");
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.DELETE_ON_CLOSE);
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // Windows keeps open files: DELETE_ON_CLOSE removes it on close instead.
      }
    } catch (IOException | UnsupportedOperationException e) {
      warnDirect(dir, e);
    }
    return new MappedMemory(dir, channel, segmentShift);
  }

  /** The folder the backing file was created in, for memory opened beside this one. */
  Path dir() {
    return dir;
  }

  /** Bytes mapped so far; every one of them reads as zero until written. */
  long capacity() {
    return (long) count << shift;
  }

  /** Maps more segments until at least {@code bytes} are available. */
  void ensure(long bytes) {
    checkOpen();
    while (capacity() < bytes) {
      mapNext();
    }
  }

  /**
   * Writes a zero (what every byte reads as) into each 4 KiB page of the first {@code bytes}, so that the memory of
   * a structure written at random is taken at once, one fault a page. Read first, a page of a private mapping is
   * mapped from the file, and the first write then faults again to copy it, and stops every other processor
   * running one of the process's threads to drop the old mapping from its TLB.
   */
  void touch(long bytes) {
    for (long at = 0; at < bytes; at += PAGE) {
      putLong(at, 0);
    }
  }

  long getLong(long at) {
    return segments[(int) (at >>> shift)].getLong((int) (at & mask));
  }

  void putLong(long at, long value) {
    segments[(int) (at >>> shift)].putLong((int) (at & mask), value);
  }

  int getInt(long at) {
    return segments[(int) (at >>> shift)].getInt((int) (at & mask));
  }

  void putInt(long at, int value) {
    segments[(int) (at >>> shift)].putInt((int) (at & mask), value);
  }

  /** Unmaps every segment and deletes the file; safe to call twice. Nothing may be read or written after it. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ByteBuffer[] old = segments;
    segments = new ByteBuffer[0];
    for (int i = 0; i < count; i++) {
      UNMAPPER.unmap(old[i]);
    }
    count = 0;
    closeChannel();
  }

  private void closeChannel() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // the file was deleted on open; closing only releases the descriptor
    }
    channel = null;
  }

  private void mapNext() {
    long size = 1L << shift;
    long start = capacity();
    ByteBuffer segment = null;
    if (channel != null) {
      try {
        // Mapping past the end lengthens the file (ftruncate): a hole, which takes no disk space.
        segment = channel.map(FileChannel.MapMode.PRIVATE, start, size);
      } catch (IOException e) {
        warnDirect(dir, e);
        closeChannel();
      }
    }
    if (segment == null) {
      try {
        segment = ByteBuffer.allocateDirect((int) size);
      } catch (OutOfMemoryError e) {
        throw new RunFailedException(io.datasynth.text.Message.of("dedup.direct_memory", start, dir), e);
      }
    }
    if (count == segments.length) {
      segments = Arrays.copyOf(segments, count * 2);
    }
    segments[count++] = segment;
  }

  private static void warnDirect(Path dir, Exception e) {
    LOG.warn("no memory can be mapped from a file in {} ({}); the near-duplicate index uses direct memory, limited "
        + "by -XX:MaxDirectMemorySize", dir, e.getMessage());
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the near-duplicate index is closed");
    }
  }

  /** Releases a mapping at once through the JDK's cleaner, where the platform lets us; else leaves it to GC. */
  private record Unmapper(Object unsafe, Method invokeCleaner) {
    static Unmapper find() {
      try {
        Class<?> type = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = type.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        return new Unmapper(theUnsafe.get(null), type.getMethod("invokeCleaner", ByteBuffer.class));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return new Unmapper(null, null);
      }
    }

    void unmap(ByteBuffer buffer) {
      if (invokeCleaner == null) {
        return;
      }
      try {
        invokeCleaner.invoke(unsafe, buffer);
      } catch (ReflectiveOperationException | RuntimeException ignored) {
        // the garbage collector unmaps it later
      }
    }
  }
}
