package io.datasynth.sink;

import io.datasynth.error.InputException;
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
      throw InputException.of(target, "is a folder", "give a file name for the output, e.g. "
          + target.resolve("synthetic.json"));
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // Writing it atomically would rename a new file over the device or pipe itself.
      throw InputException.of(target, "is not a regular file (a device, pipe or socket)",
          "give the path of a file for the output");
    }
    if (!overwrite && Files.exists(target)) {
      throw InputException.of(target, "already exists",
          "pass --force to overwrite it, or choose another output with -o");
    }
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
   * checked by {@code guard}: the folder before the temporary file is made and again right before it is renamed
   * over the target, so a folder swapped for a link meanwhile leaves the target untouched.
   *
   * @throws InputException also when the guard refuses the target or its folder
   */
  public static void write(Path target, FileGuard guard, Body body) {
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
      throw InputException.of(absolute.getParent(), "cannot create the output folder (" + reason(e) + ")",
          "choose another output with -o");
    } catch (IOException e) {
      throw InputException.of(absolute.getParent(), "cannot create the output folder (" + e.getMessage() + ")",
          null);
    }
    String name = absolute.getFileName().toString();
    Path place;
    try {
      place = guard.forReplacing(dir.resolve(name));
    } catch (IOException e) {
      throw InputException.of(absolute, "cannot be written (" + e.getMessage() + ")", null);
    }
    deleteStaleTemporaries(dir, name);
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, temporaryPrefix(name) + ProcessHandle.current().pid() + ".", ".tmp");
    } catch (AccessDeniedException e) {
      throw InputException.of(dir, "folder is not writable", "make it writable or choose another output with -o");
    } catch (IOException e) {
      throw InputException.of(dir, "cannot create a file in this folder (" + e.getMessage() + ")",
          "choose another output with -o");
    }
    try {
      try (FileChannel ch = guard.openForWriting(tmp);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        body.writeTo(out);
        out.flush();
        ch.force(true);
      }
      Path again = guard.forReplacing(place);
      if (!again.equals(place)) {
        throw InputException.of(absolute, "changed while it was being written (a folder on its path was moved)",
            "make sure nothing else moves folders during a run, and try again");
      }
      move(tmp, place);
      fsyncDir(dir);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort: the temporary file is hidden and named after the target
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new RunFailedException("could not write " + target + " (" + e.getMessage()
          + "); nothing was overwritten — free some space or choose another output with -o", e);
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
