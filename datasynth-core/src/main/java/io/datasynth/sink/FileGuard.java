package io.datasynth.sink;

import io.datasynth.error.InputException;
import io.datasynth.json.JsonFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the library may open files: every file it reads or writes for a run (the output, its journal, manifest,
 * stats and the other files of {@link OutputFiles}, and the atomic-write temporaries) is opened through one guard.
 *
 * <p>{@link #unrestricted()} opens any path, following links, as the command line does. {@link #under(Path)} fences
 * the files into one folder, as the MCP server needs: a symbolic link is refused wherever a file is opened or
 * replaced ({@code NOFOLLOW_LINKS}), so is anything but a regular file, and after opening the file's real folder is
 * checked again to be inside the root, so that a folder swapped for a link meanwhile is caught before anything is
 * truncated or written. Nothing is read from a refused file, so an error never quotes a file outside the root.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface FileGuard {

  /** Opens every path, following symbolic links: the command line's behaviour. */
  static FileGuard unrestricted() {
    return UnrestrictedFileGuard.INSTANCE;
  }

  /**
   * Opens only regular files inside {@code root}, never through a symbolic link below it.
   *
   * @param root an existing folder (it may itself be reached through a link); resolved to its real path now
   * @throws IllegalArgumentException when the folder does not exist
   */
  static FileGuard under(Path root) {
    return RootFileGuard.of(root);
  }

  /**
   * Opens an existing regular file for reading.
   *
   * @throws InputException when the file is refused (a link, not a regular file, outside the root)
   * @throws NoSuchFileException when it does not exist
   */
  FileChannel openForReading(Path file) throws IOException;

  /**
   * Opens a file for reading and writing at its start, creating it when absent; an existing file is never truncated
   * here (truncate the returned channel once it is known to be the right file).
   *
   * @throws InputException when the file is refused
   */
  FileChannel openForWriting(Path file) throws IOException;

  /**
   * The path to create, replace (rename over) or delete {@code file} at: checked, with its folder as a real path. The
   * folder must exist. Call it again right before the rename: a folder swapped for a link in between is refused.
   *
   * @throws InputException when the file or its folder is refused
   */
  Path forReplacing(Path file) throws IOException;

  /**
   * The folder {@code dir}, created when missing, checked and as a real path.
   *
   * @throws InputException when it, or the part that exists, is refused
   */
  Path folder(Path dir) throws IOException;

  /**
   * Reads a whole text file as UTF-8 (a byte-order mark is skipped) through {@link #openForReading}, at most
   * {@link JsonFiles#MAX_INPUT_BYTES}.
   *
   * @throws InputException naming the file when it is missing, unreadable, refused, too large or not UTF-8
   */
  default String readText(Path file) {
    byte[] bytes;
    try (FileChannel ch = openForReading(file)) {
      long size = ch.size();
      if (size > JsonFiles.MAX_INPUT_BYTES) {
        throw InputException.of(file, io.datasynth.text.Message.of("guard.too_large", size / (1024 * 1024),
            JsonFiles.MAX_INPUT_BYTES / (1024 * 1024)), io.datasynth.text.Message.of("guard.too_large.fix"));
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read until full or the end: a file that shrank meanwhile is read as it is now
      }
      bytes = java.util.Arrays.copyOf(buf.array(), buf.position());
    } catch (NoSuchFileException e) {
      throw JsonFiles.notFound(file);
    } catch (AccessDeniedException e) {
      throw JsonFiles.denied(file);
    } catch (IOException e) {
      throw JsonFiles.unreadable(file, e.getClass().getSimpleName());
    }
    return JsonFiles.decodeUtf8(file, bytes);
  }

  /**
   * Checks that {@code file} may be read, opening it through {@link #openForReading} and nothing more, for readers
   * that open the file themselves afterwards.
   *
   * @throws InputException naming the file when it is missing, unreadable or refused
   */
  default void checkReadable(Path file) {
    try (FileChannel ignored = openForReading(file)) {
      // opened only to be checked
    } catch (NoSuchFileException e) {
      throw JsonFiles.notFound(file);
    } catch (AccessDeniedException e) {
      throw JsonFiles.denied(file);
    } catch (IOException e) {
      throw JsonFiles.unreadable(file, e.getClass().getSimpleName());
    }
  }
}
