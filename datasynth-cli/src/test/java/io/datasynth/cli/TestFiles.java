package io.datasynth.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Files for tests: the bundled examples, the shared real data, and snapshots of a folder's contents. */
final class TestFiles {
  /** The project's bundled examples, seen from the module folder where Maven runs tests. */
  static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();
  /** Real instruction data beside the repository ({@code ../shared/data} from its root); absent in a fresh clone. */
  static final Path SHARED_DATA = Path.of("../../shared/data").toAbsolutePath().normalize();

  private TestFiles() {}

  /** Copies {@code examples/NAME} into {@code dir/NAME} and returns the copy, so runs never write into the repo. */
  static Path example(String name, Path dir) {
    Path target = dir.resolve(name);
    copyTree(EXAMPLES.resolve(name), target);
    return target;
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.createDirectories(t.getParent());
          Files.copy(p, t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under {@code dir} (relative path → SHA-256 of its bytes), to show that nothing was touched. */
  static Map<String, String> snapshot(Path dir) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p) && Files.isReadable(p)) {
          files.put(dir.relativize(p).toString(), sha256(Files.readAllBytes(p)));
        } else if (Files.isRegularFile(p)) {
          files.put(dir.relativize(p).toString(), "unreadable, " + Files.size(p) + " bytes");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
