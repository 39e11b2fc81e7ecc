package io.datasynth.sink;

import io.datasynth.error.InputException;
import io.datasynth.error.Setting;
import io.datasynth.error.SettingValue;
import io.datasynth.text.Message;
import io.datasynth.error.RunFailedException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes files so that a reader sees either the old file or the complete new one, never a torn file: the bytes go
 * to a temporary file in the same folder, are flushed to disk, and the temporary file is renamed over the target.
 *
 * <p>Temporary files are named {@code .NAME.PID.RANDOM.tmp} after the target and the writing process. A process
 * killed mid-write leaves its temporary file behind; the next write of the same target removes it once that
 * process is gone.
 */
public final class AtomicFiles {
  /** What follows {@code .NAME.} in a temporary file's name: the writer's process id and a random number. */
  private static final Pattern TEMPORARY_REST = Pattern.compile("(\\d{1,18})\\.\\d+\\.tmp");

  private AtomicFiles() {}

  /** Writes the body of a file. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Fails when {@code target} exists and {@code overwrite} is false, or when it is a folder, device or pipe. */
  public static void checkTarget(Path target, boolean overwrite) {
    if (Files.isDirectory(target)) {
      throw InputException.of(target, Message.of("output.is_folder"), Message.of("output.is_folder.fix",
          target.resolve("synthetic.json")));
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // Writing it atomically would rename a new file over the device or pipe itself.
      throw InputException.of(target, Message.of("guard.special"), Message.of("output.special.fix"));
    }
    if (!overwrite && Files.exists(target)) {
      throw exists(target);
    }
  }

  /** "already exists; pass --force to overwrite it, or choose another output with -o". */
  public static InputException exists(Path target) {
    return InputException.of(target, Message.of("output.exists"), overwriteFix());
  }

  /** "pass --force to overwrite it, or choose another output with -o", in each adapter's words. */
  public static Message overwriteFix() {
    return Message.of("output.exists.fix", SettingValue.of(Setting.FORCE, true), Setting.OUTPUT);
  }

  /** Writes UTF-8 text atomically. */
  public static void writeString(Path target, String text) {
    writeString(target, FileGuard.unrestricted(), text);
  }

  /** Writes UTF-8 text atomically, every file opened through {@code guard}. */
  public static void writeString(Path target, FileGuard guard, String text) {
    write(target, guard, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes a file atomically, creating its folder when needed. On any failure the temporary file is removed and
   * an existing target is left as it was.
   *
   * @throws InputException when the target is a folder, a device or a pipe, or its folder cannot be written
   * @throws RunFailedException when writing fails midway (e.g. the disk is full)
   */
  public static void write(Path target, Body body) {
    write(target, FileGuard.unrestricted(), body);
  }

  /**
   * Writes a file atomically like {@link #write(Path, Body)}, with its folder, the temporary file and the target
   * checked by {@code guard}.
   *
   * @throws InputException also when the guard refuses the target or its folder
   */
  public static void write(Path target, FileGuard guard, Body body) {
    try (Pending pending = begin(target, guard)) {
      try {
        body.writeTo(pending.stream());
      } catch (IOException e) {
        throw pending.failure(e);
      }
      pending.commit(true);
    }
  }

  /** Starts writing {@code target} atomically, opening any path; see {@link #begin(Path, FileGuard)}. */
  public static Pending begin(Path target) {
    return begin(target, FileGuard.unrestricted());
  }

  /**
   * Starts writing {@code target} atomically: a temporary file in its folder (created when needed) that
   * {@link Pending#commit} puts in place and {@link Pending#close} without a commit removes. The folder, the
   * temporary file and the target are checked by {@code guard}: the folder before the temporary file is made and
   * again right before it is renamed over the target, so a folder swapped for a link meanwhile leaves the target
   * untouched.
   *
   * @throws InputException when the target is a folder, a device or a pipe, its folder cannot be written, or the
   *     guard refuses it
   */
  public static Pending begin(Path target, FileGuard guard) {
    Path absolute = target.toAbsolutePath();
    if (Files.isDirectory(absolute) || Files.exists(absolute) && !Files.isRegularFile(absolute)) {
      checkTarget(absolute, true);
    }
    Path dir;
    try {
      dir = guard.folder(absolute.getParent());
    } catch (InputException e) {
      throw e;
    } catch (FileSystemException e) {
      throw InputException.of(absolute.getParent(), Message.of("output.folder_failed", reason(e)),
          Message.of("output.other.fix", Setting.OUTPUT));
    } catch (IOException e) {
      throw InputException.of(absolute.getParent(), Message.of("output.folder_failed", String.valueOf(e.getMessage())),
          null);
    }
    String name = absolute.getFileName().toString();
    Path place;
    try {
      place = guard.forReplacing(dir.resolve(name));
    } catch (IOException e) {
      throw InputException.of(absolute, Message.of("output.unwritable", String.valueOf(e.getMessage())), null);
    }
    deleteStaleTemporaries(dir, name);
    Path tmp;
    try {
      tmp = createTemporary(dir, name);
    } catch (AccessDeniedException e) {
      throw InputException.of(dir, Message.of("output.folder_not_writable"),
          Message.of("output.folder_not_writable.fix", Setting.OUTPUT));
    } catch (IOException e) {
      throw InputException.of(dir, Message.of("output.cannot_create", String.valueOf(e.getMessage())),
          Message.of("output.other.fix", Setting.OUTPUT));
    }
    try {
      FileChannel ch = guard.openForWriting(tmp);
      return new Pending(target, place, tmp, ch, guard);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw InputException.of(dir, Message.of("output.cannot_write", String.valueOf(e.getMessage())),
          Message.of("output.other.fix", Setting.OUTPUT));
    }
  }

  /**
   * A file being written atomically: bytes go to {@link #stream()}; {@link #commit} flushes them to disk and puts
   * the file in place; {@link #close} without a commit removes the temporary file and leaves the target alone.
   * Not thread-safe.
   */
  public static final class Pending implements AutoCloseable {
    private final Path target;
    private final Path place;
    private final Path tmp;
    private final FileChannel channel;
    private final FileGuard guard;
    private final OutputStream out;
    private boolean done;

    private Pending(Path target, Path place, Path tmp, FileChannel channel, FileGuard guard) {
      this.target = target;
      this.place = place;
      this.tmp = tmp;
      this.channel = channel;
      this.guard = guard;
      this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    /** The stream of the temporary file, buffered; closing it is harmless but not needed. */
    public OutputStream stream() {
      return out;
    }

    /**
     * Flushes, forces the bytes to disk and moves the file over the target.
     *
     * @param replace whether an existing target is replaced; when false and the target exists by now, nothing is
     *     replaced and the write fails
     * @throws InputException when {@code replace} is false and the target exists, or the target's folder changed
     * @throws RunFailedException when flushing or moving fails (e.g. the disk is full); the target is left as it was
     */
    public void commit(boolean replace) {
      if (done) {
        throw new IllegalStateException("already committed or closed");
      }
      try {
        out.flush();
        channel.force(true);
        channel.close();
        if (!guard.forReplacing(place).equals(place)) {
          throw InputException.of(target, Message.of("output.changed"), Message.of("output.changed.fix"));
        }
        if (replace) {
          move(tmp, place);
        } else {
          moveIfAbsent(tmp, place);
        }
        done = true;
        fsyncDir(place.getParent());
      } catch (FileAlreadyExistsException e) {
        throw exists(target);
      } catch (IOException e) {
        throw failure(e);
      } finally {
        if (!done) {
          close();
        }
      }
    }

    /** The error for a write that failed midway, naming the target; the caller throws it. */
    public RunFailedException failure(IOException e) {
      return new RunFailedException(Message.of("output.write_failed", target, String.valueOf(e.getMessage()),
          Setting.OUTPUT), e);
    }

    /** Removes the temporary file unless the write was committed. */
    @Override
    public void close() {
      if (done) {
        return;
      }
      done = true;
      try {
        channel.close();
      } catch (IOException ignored) {
        // the file is deleted next
      }
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // best effort: the temporary file is hidden and named after the target
    }
  }

  /** Moves without ever replacing: a hard link fails when the target exists; else a check, then a move. */
  private static void moveIfAbsent(Path tmp, Path target) throws IOException {
    try {
      Files.createLink(target, tmp);
      Files.delete(tmp);
      return;
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException e) {
      // no hard links on this file system
    }
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    move(tmp, target);
  }

  /**
   * Creates the hidden temporary file {@code .NAME.PID.RANDOM.tmp} with the permissions any new file gets here
   * (the user's umask; {@link Files#createTempFile} would make it readable by its owner only, and the rename would
   * carry that over to the output, which teammates and other tools must be able to read).
   */
  private static Path createTemporary(Path dir, String name) throws IOException {
    String prefix = temporaryPrefix(name) + ProcessHandle.current().pid() + ".";
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve(prefix + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current()
          .nextLong()) + ".tmp");
      try {
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static String temporaryPrefix(String targetName) {
    return "." + targetName + ".";
  }

  /** Removes the temporary files of {@code targetName} whose writing process is no longer alive; best effort. */
  static void deleteStaleTemporaries(Path dir, String targetName) {
    String prefix = temporaryPrefix(targetName);
    try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, p -> {
      String n = p.getFileName().toString();
      return n.startsWith(prefix) && n.endsWith(".tmp");
    })) {
      for (Path tmp : tmps) {
        Matcher m = TEMPORARY_REST.matcher(tmp.getFileName().toString().substring(prefix.length()));
        if (!m.matches()) {
          continue;
        }
        long pid = Long.parseLong(m.group(1));
        if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
          Files.deleteIfExists(tmp);
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // a leftover hidden file is untidy, not harmful: never fail a write over it
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes the rename itself durable; not every platform allows opening a folder, so failures are ignored. */
  static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // not supported here (e.g. Windows); the file itself was forced
    }
  }

  private static String reason(FileSystemException e) {
    return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
  }
}
