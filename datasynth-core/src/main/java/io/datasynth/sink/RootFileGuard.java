package io.datasynth.sink;

import io.datasynth.error.InputException;
import io.datasynth.text.Message;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The guard of {@link FileGuard#under}: files are opened inside one root folder only, never through a symbolic link,
 * and only when they are regular files.
 *
 * <p>A file's folder is resolved to its real path, which must lie inside the root; the file itself is opened with
 * {@code NOFOLLOW_LINKS}, and after opening its folder is resolved again and the file's identity compared, so that a
 * folder swapped for a link between the check and the open is refused before the caller writes. Java cannot open a
 * file relative to an open folder, so a swap in the microseconds between the second check and the caller's first
 * write is not caught; the caller truncates or writes only after this check.
 */
final class RootFileGuard implements FileGuard {
  private final Path root;

  private RootFileGuard(Path root) {
    this.root = root;
  }

  static RootFileGuard of(Path root) {
    Objects.requireNonNull(root, "root");
    try {
      Path real = root.toAbsolutePath().toRealPath();
      if (!Files.isDirectory(real)) {
        throw new IllegalArgumentException("root " + root + " is not a folder");
      }
      return new RootFileGuard(real);
    } catch (IOException e) {
      throw new IllegalArgumentException("root " + root + " does not exist", e);
    }
  }

  @Override
  public FileChannel openForReading(Path file) throws IOException {
    Path p = place(file);
    BasicFileAttributes before = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    requirePlainFile(file, before);
    FileChannel ch = open(file, p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    return verified(file, p, before.fileKey(), ch);
  }

  @Override
  public FileChannel openForWriting(Path file) throws IOException {
    Path p = place(file);
    BasicFileAttributes before = attributes(p);
    if (before != null) {
      requirePlainFile(file, before);
    }
    FileChannel ch = open(file, p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    return verified(file, p, before == null ? null : before.fileKey(), ch);
  }

  @Override
  public Path forReplacing(Path file) throws IOException {
    Path p = place(file);
    BasicFileAttributes a = attributes(p);
    if (a != null) {
      requirePlainFile(file, a);
    }
    return p;
  }

  @Override
  public Path folder(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    Path existing = abs;
    Deque<String> missing = new ArrayDeque<>();
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      missing.push(existing.getFileName().toString());
      existing = existing.getParent();
    }
    if (existing == null) {
      throw outside(dir);
    }
    Path real = existing.toRealPath();
    requireInside(real, dir);
    if (!Files.isDirectory(real)) {
      throw InputException.of(dir, Message.of("guard.not_folder", existing), Message.of("guard.not_folder.fix"));
    }
    for (String name : missing) {
      real = real.resolve(name);
    }
    if (!missing.isEmpty()) {
      Files.createDirectories(real);
      Path again = real.toRealPath();
      requireInside(again, dir);
      real = again;
    }
    return real;
  }

  /** The file's path with its folder resolved to a real path inside the root. */
  private Path place(Path file) throws IOException {
    Path abs = file.toAbsolutePath().normalize();
    Path name = abs.getFileName();
    Path parent = abs.getParent();
    if (name == null || parent == null) {
      throw InputException.of(file, Message.of("guard.not_file"), Message.of("guard.file_inside.fix", root));
    }
    Path realParent;
    try {
      realParent = parent.toRealPath();
    } catch (NoSuchFileException e) {
      // Tell "outside" from "missing" without looking further than the root.
      Path existing = parent.getParent();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null || !existing.toRealPath().startsWith(root)) {
        throw outside(file);
      }
      throw e;
    }
    requireInside(realParent, file);
    Path p = realParent.resolve(name.toString());
    if (p.equals(root)) {
      throw InputException.of(file, Message.of("guard.root"), Message.of("guard.file_inside.fix", root));
    }
    return p;
  }

  private FileChannel open(Path file, Path p, java.nio.file.OpenOption... options) throws IOException {
    try {
      return FileChannel.open(p, options);
    } catch (FileSystemException e) {
      BasicFileAttributes a = attributes(p);
      if (a != null && (a.isSymbolicLink() || !a.isRegularFile())) {
        requirePlainFile(file, a);
      }
      throw e;
    }
  }

  /** Checks again after opening: same folder (no link swapped in), and the same plain file that was checked. */
  private FileChannel verified(Path file, Path p, Object keyBefore, FileChannel ch) throws IOException {
    try {
      Path realParent = p.getParent().toRealPath();
      if (!realParent.equals(p.getParent())) {
        throw InputException.of(file, Message.of("guard.changed"), Message.of("guard.changed.fix", root));
      }
      BasicFileAttributes after = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      requirePlainFile(file, after);
      if (keyBefore != null && after.fileKey() != null && !keyBefore.equals(after.fileKey())) {
        throw InputException.of(file, Message.of("guard.replaced"), Message.of("guard.replaced.fix", root));
      }
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void requirePlainFile(Path file, BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      throw InputException.of(file, Message.of("guard.link"), Message.of("guard.link.fix", root));
    }
    if (a.isDirectory()) {
      throw InputException.of(file, Message.of("input.folder"), Message.of("guard.file_inside.fix", root));
    }
    if (!a.isRegularFile()) {
      throw InputException.of(file, Message.of("guard.special"), Message.of("guard.plain_inside.fix", root));
    }
  }

  private void requireInside(Path real, Path file) {
    if (!real.startsWith(root)) {
      throw outside(file);
    }
  }

  private InputException outside(Path file) {
    return InputException.of(file, Message.of("guard.outside", root), Message.of("guard.outside.fix", root));
  }

  @Override
  public String toString() {
    return "FileGuard.under(" + root + ")";
  }
}
