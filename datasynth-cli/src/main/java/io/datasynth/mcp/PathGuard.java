package io.datasynth.mcp;

import java.io.IOException;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The MCP server's file-system fence: every path a tool receives is resolved against one root folder and refused
 * when it ends up outside it.
 *
 * <p>Relative paths are resolved against the root, absolute paths are taken as they are; either way the result
 * must lie inside the root after following symbolic links. An existing path is checked through
 * {@link Path#toRealPath}; a path that does not exist yet (an output file) is checked through its nearest existing
 * parent, and the missing part must be plain names (no {@code ..}). Names in any script work (e.g. Chinese folder
 * names). An output that is itself a symbolic link is refused. Files are then opened through {@link #files()},
 * which refuses links and re-checks each file's folder after opening it, so that a folder swapped for a link
 * between the check and the write is caught where the library writes through it.
 *
 * <p>Immutable and thread-safe.
 */
final class PathGuard {
  private final Path root;
  private final FileGuard files;

  private PathGuard(Path root) {
    this.root = root;
    this.files = FileGuard.under(root);
  }

  /**
   * A guard for {@code root}.
   *
   * @param root an existing folder; resolved to its real path
   * @throws IllegalArgumentException when the folder does not exist or is not a folder
   */
  static PathGuard of(Path root) {
    Objects.requireNonNull(root, "root");
    Path real;
    try {
      real = root.toAbsolutePath().toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("root " + root + " does not exist; give an existing folder (--root)");
    }
    if (!Files.isDirectory(real)) {
      throw new IllegalArgumentException("root " + root + " is not a folder; give a folder (--root)");
    }
    return new PathGuard(real);
  }

  /** The root, as a real absolute path. */
  Path root() {
    return root;
  }

  /** The guard every file the library opens for a tool goes through: inside the root, never through a link. */
  FileGuard files() {
    return files;
  }

  /**
   * Checks every file a run of {@code output} writes or reads beside it ({@link OutputFiles#all()}: the output, its
   * journal, manifest, stats, rejects, report and sidecar): each must be absent or a regular file, not a symbolic
   * link, a folder, a device or a pipe. Nothing is read from them, so nothing of a linked file reaches a message.
   *
   * @param output an output path from {@link #output} or {@link #derivedOutput}
   * @throws ToolArgumentException naming the first file refused and what to do
   */
  void requirePlainOutputFiles(Path output, String argument) {
    for (Path f : OutputFiles.of(output).all()) {
      if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      String what = f.equals(output) ? "" : " (a file the run keeps beside " + display(output) + ")";
      if (Files.isSymbolicLink(f)) {
        throw new ToolArgumentException(argument + ": " + display(f) + what + " is a symbolic link; the server "
            + "never reads or writes through links. Remove the link, or choose another " + argument);
      }
      if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
        throw new ToolArgumentException(argument + ": " + display(f) + what + " is "
            + (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS) ? "a folder" : "not a regular file")
            + "; move it away, or choose another " + argument);
      }
    }
  }

  /**
   * How results name a path: relative to the root with {@code /} separators ({@code .} for the root itself), the
   * form tools accept back; a path outside the root stays absolute.
   */
  String display(Path path) {
    Path p = path.toAbsolutePath().normalize();
    if (!p.startsWith(root)) {
      return p.toString();
    }
    String rel = root.relativize(p).toString().replace('\\', '/');
    return rel.isEmpty() ? "." : rel;
  }

  /**
   * An existing file or folder named by a tool argument, as a real path inside the root.
   *
   * @param value the argument as given; relative to the root or absolute
   * @param argument the argument's name, for messages
   * @throws ToolArgumentException when the path is outside the root or does not exist
   */
  Path existing(String value, String argument) {
    Path candidate = candidate(value, argument);
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (IOException e) {
      // Tell "outside" from "missing" without revealing anything beyond the root.
      checkMissingPath(candidate, value, argument);
      throw new ToolArgumentException(argument + ": " + value + " does not exist (looked for " + candidate
          + "); give a path relative to the server root " + root);
    }
    requireInside(real, value, argument);
    return real;
  }

  /**
   * A file a tool may create or replace, as an absolute path inside the root: the path itself when it exists
   * (after following links), else its nearest existing parent's real path plus the missing names.
   *
   * @throws ToolArgumentException when the path, or where it would be created, is outside the root
   */
  Path output(String value, String argument) {
    return outputPath(candidate(value, argument), value, argument);
  }

  /** Checks a path the server derived itself (e.g. a DataRecipe folder's default output) like {@link #output}. */
  Path derivedOutput(Path path, String argument) {
    return outputPath(path.toAbsolutePath(), path.toString(), argument);
  }

  /** Checks an existing path the server derived itself (e.g. a file inside a DataRecipe folder). */
  Path derivedExisting(Path path, String argument) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return path;
    }
    return existing(path.toAbsolutePath().toString(), argument);
  }

  private Path outputPath(Path candidate, String value, String argument) {
    if (Files.isSymbolicLink(candidate)) {
      // Writing would replace the link, and reading it back would follow it: neither is what the caller means.
      throw new ToolArgumentException(argument + ": " + value + " is a symbolic link; the server never writes "
          + "through links. Give the path of a plain file inside the server root " + root);
    }
    Path existing = candidate;
    Deque<Path> missing = new ArrayDeque<>();
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      throw outside(value, argument);
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      // A link whose target is missing: where it would write cannot be known, so it is refused.
      throw new ToolArgumentException(argument + ": " + value + " goes through " + existing + ", a link to a "
          + "missing target; give a path inside the server root " + root);
    }
    requireInside(real, value, argument);
    Path result = real;
    for (Path name : missing) {
      String n = name.toString();
      if (n.equals("..") || n.equals(".")) {
        throw new ToolArgumentException(argument + ": " + value + " has '" + n + "' after a folder that does not "
            + "exist; write the path without '.' and '..' (relative to the server root " + root + ")");
      }
      result = result.resolve(n);
    }
    return result;
  }

  private Path candidate(String value, String argument) {
    if (value == null || value.isBlank()) {
      throw new ToolArgumentException(argument + " is empty; give a path relative to the server root " + root);
    }
    if (value.indexOf('\0') >= 0) {
      throw new ToolArgumentException(argument + " contains a NUL character; give a plain path");
    }
    Path p;
    try {
      p = Path.of(value.strip());
    } catch (InvalidPathException e) {
      throw new ToolArgumentException(argument + ": " + value + " is not a valid path (" + e.getReason() + ")"
          + (FileNames.unicode() ? "" : "; " + FileNames.advice()));
    }
    return p.isAbsolute() ? p : root.resolve(p);
  }

  /** A missing path whose existing part already leads outside the root is reported as outside. */
  private void checkMissingPath(Path candidate, String value, String argument) {
    Path existing = candidate.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw outside(value, argument);
    }
    try {
      requireInside(existing.toRealPath(), value, argument);
    } catch (IOException e) {
      throw outside(value, argument);
    }
  }

  private void requireInside(Path real, String value, String argument) {
    if (!real.startsWith(root)) {
      throw outside(value, argument);
    }
  }

  private ToolArgumentException outside(String value, String argument) {
    return new ToolArgumentException(argument + ": " + value + " is outside the server root " + root
        + "; give a path inside it (relative paths are resolved against the root; links that lead out are "
        + "refused)");
  }
}
