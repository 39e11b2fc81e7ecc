package io.datasynth.quality;

import io.datasynth.error.RunFailedException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Memory outside the Java heap: a temporary file mapped into memory in segments of equal size, grown on demand
 * and zero-filled.
 *
 * <p>The file is deleted as soon as it is opened (where the platform allows; elsewhere when it is closed), so a
 * crash leaves nothing behind on disk. Segments are written through the file before they are mapped, so a full
 * disk shows as an error here rather than as a fault on a later memory access. {@link #close} unmaps the
 * segments and frees the space at once; without it the space is freed when the buffers are garbage collected.
 *
 * <p>Offsets are in bytes; a value must be aligned to its own size ({@code getLong} at a multiple of 8), so it
 * never straddles two segments. Not thread-safe.
 */
final class MappedMemory implements AutoCloseable {
  private static final Unmapper UNMAPPER = Unmapper.find();
  private static final int FILL_CHUNK = 1 << 20;

  private final Path dir;
  private final FileChannel channel;
  private final int shift;
  private final long mask;
  private MappedByteBuffer[] segments = new MappedByteBuffer[4];
  private int count;
  private boolean closed;

  private MappedMemory(Path dir, FileChannel channel, int segmentShift) {
    this.dir = dir;
    this.channel = channel;
    this.shift = segmentShift;
    this.mask = (1L << segmentShift) - 1;
  }

  /**
   * Opens empty memory backed by a new temporary file in {@code dir}.
   *
   * @param segmentShift log2 of the segment size in bytes, from 12 (4 KiB) to 30 (1 GiB)
   * @throws RunFailedException when no file can be created there
   */
  static MappedMemory open(Path dir, int segmentShift) {
    if (segmentShift < 12 || segmentShift > 30) {
      throw new IllegalArgumentException("segment shift " + segmentShift + " is outside 12..30");
    }
    Path file;
    FileChannel channel;
    try {
      file = Files.createTempFile(dir, ".datasynth-dedup-", ".tmp");
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.DELETE_ON_CLOSE);
    } catch (IOException | UnsupportedOperationException e) {
      throw new RunFailedException("could not create the near-duplicate index in " + dir + " (" + e.getMessage()
          + "); make the folder writable or free some disk space", e);
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Windows keeps open files: DELETE_ON_CLOSE removes it on close instead.
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
    MappedByteBuffer[] old = segments;
    segments = new MappedByteBuffer[0];
    for (int i = 0; i < count; i++) {
      UNMAPPER.unmap(old[i]);
    }
    count = 0;
    try {
      channel.close();
    } catch (IOException ignored) {
      // the file was deleted on open; closing only releases the descriptor
    }
  }

  private void mapNext() {
    long size = 1L << shift;
    long start = capacity();
    try {
      ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, FILL_CHUNK));
      for (long at = start; at < start + size; at += zeros.capacity()) {
        zeros.clear();
        while (zeros.hasRemaining()) {
          channel.write(zeros, at + zeros.position());
        }
      }
      MappedByteBuffer segment = channel.map(FileChannel.MapMode.READ_WRITE, start, size);
      if (count == segments.length) {
        segments = Arrays.copyOf(segments, count * 2);
      }
      segments[count++] = segment;
    } catch (IOException e) {
      throw new RunFailedException("could not grow the near-duplicate index in " + dir + " to " + (start + size)
          + " bytes (" + e.getMessage() + "); free some disk space there", e);
    }
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

    void unmap(MappedByteBuffer buffer) {
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
