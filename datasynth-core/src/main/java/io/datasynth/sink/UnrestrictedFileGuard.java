package io.datasynth.sink;

import io.datasynth.error.InputException;
import io.datasynth.text.Message;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The guard that lets everything through, following links, as plain {@code java.nio.file} calls do. */
final class UnrestrictedFileGuard implements FileGuard {
  static final UnrestrictedFileGuard INSTANCE = new UnrestrictedFileGuard();

  private UnrestrictedFileGuard() {}

  @Override
  public FileChannel openForReading(Path file) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // Opening a pipe would block until someone writes to it; a device may never end.
      throw InputException.of(file, Message.of(Files.isDirectory(file) ? "input.folder" : "guard.special"),
          Message.of("input.folder.fix"));
    }
    return FileChannel.open(file, StandardOpenOption.READ);
  }

  @Override
  public FileChannel openForWriting(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  @Override
  public Path forReplacing(Path file) {
    return file.toAbsolutePath();
  }

  @Override
  public Path folder(Path dir) throws IOException {
    Files.createDirectories(dir);
    return dir.toAbsolutePath();
  }

  @Override
  public String toString() {
    return "FileGuard.unrestricted()";
  }
}
