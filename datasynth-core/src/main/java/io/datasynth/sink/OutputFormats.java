package io.datasynth.sink;

import io.datasynth.error.ConfigException;
import io.datasynth.error.InputException;
import io.datasynth.json.InputKind;
import io.datasynth.json.JsonFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The dataset formats installed: JSON and JSON Lines always, and whatever format modules are on the class path
 * (found once through {@link ServiceLoader}, so the list never changes while the program runs).
 */
public final class OutputFormats {
  /** A format DataSynth knows of that lives in a module of its own, for the error when that module is missing. */
  private record Known(String name, String extension, byte[] magic, String module, String title) {}

  private static final List<Known> KNOWN = List.of(
      new Known("parquet", ".parquet", new byte[] {'P', 'A', 'R', '1'}, "datasynth-parquet", "Parquet"));

  private OutputFormats() {}

  /** What a format name refers to. */
  public sealed interface Lookup {
    /** An installed format. */
    record Found(OutputFormat format) implements Lookup {}

    /**
     * A format DataSynth has, in a module that is not on the class path.
     *
     * @param name the format's name
     * @param module the Maven artifact id of the module that provides it
     */
    record NotInstalled(String name, String module) implements Lookup {}

    /**
     * No such format.
     *
     * @param name the name as given
     * @param known the names of the installed formats
     */
    record Unknown(String name, List<String> known) implements Lookup {}
  }

  /** Every installed format, JSON and JSON Lines first. */
  public static List<OutputFormat> installed() {
    return Installed.ALL;
  }

  /** The names of the installed formats, e.g. {@code [json, jsonl, parquet]}. */
  public static List<String> names() {
    return installed().stream().map(OutputFormat::name).toList();
  }

  /** What {@code name} (any case, surrounding blanks ignored) names. */
  public static Lookup lookup(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (OutputFormat f : installed()) {
      if (f.name().equals(n) || f.aliases().contains(n)) {
        return new Lookup.Found(f);
      }
    }
    for (Known k : KNOWN) {
      if (k.name().equals(n)) {
        return new Lookup.NotInstalled(k.name(), k.module());
      }
    }
    return new Lookup.Unknown(name, names());
  }

  /** The installed format whose extension {@code path} has, or empty. */
  public static Optional<OutputFormat> byExtension(Path path) {
    if (path == null || path.getFileName() == null) {
      return Optional.empty();
    }
    String file = path.getFileName().toString().toLowerCase(Locale.ROOT);
    for (OutputFormat f : installed()) {
      for (String ext : f.extensions()) {
        if (file.endsWith(ext)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The format to write {@code path} in when none was chosen: by its extension, else JSON.
   *
   * @throws ConfigException when the extension is that of a format whose module is not installed
   */
  static OutputFormat forOutput(Path path) {
    Optional<OutputFormat> byExtension = byExtension(path);
    if (byExtension.isPresent()) {
      return byExtension.get();
    }
    String file = path == null || path.getFileName() == null ? ""
        : path.getFileName().toString().toLowerCase(Locale.ROOT);
    for (Known k : KNOWN) {
      if (file.endsWith(k.extension())) {
        throw new ConfigException(io.datasynth.error.Setting.FORMAT, io.datasynth.text.Message.of(
            "format.write_needs_module", path, k.title(), k.module(), io.datasynth.error.Setting.FORMAT));
      }
    }
    return OutputFormat.JSON;
  }

  /**
   * The format to read {@code file} with: the installed format that recognises its first bytes, else the one of its
   * extension, else JSON (which also reads JSON Lines).
   *
   * @throws InputException when the file is of a format whose module is not installed
   */
  static OutputFormat forInput(Path file) {
    byte[] head = head(file);
    for (OutputFormat f : installed()) {
      if (f.recognizes(head)) {
        return f;
      }
    }
    for (Known k : KNOWN) {
      if (startsWith(head, k.magic())
          || file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(k.extension())) {
        throw InputException.of(file, io.datasynth.text.Message.of("format.read_needs_module", k.title(),
            k.module()), io.datasynth.text.Message.of("format.read_needs_module.fix"));
      }
    }
    return byExtension(file).orElse(OutputFormat.JSON);
  }

  /**
   * The file's first bytes, or none when it cannot be read: the format's reader then says precisely why. A device
   * or a FIFO is refused before it is opened, as it could block or never end.
   */
  private static byte[] head(Path file) {
    if (!Files.isRegularFile(file)) {
      JsonFiles.check(file, InputKind.DATASET);
      return new byte[0];
    }
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(8);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Loaded on first use; immutable. */
  private static final class Installed {
    static final List<OutputFormat> ALL = load();

    private static List<OutputFormat> load() {
      List<OutputFormat> all = new ArrayList<>(List.of(OutputFormat.JSON, OutputFormat.JSONL));
      for (OutputFormat f : ServiceLoader.load(OutputFormat.class, OutputFormat.class.getClassLoader())) {
        if (all.stream().noneMatch(g -> g.name().equals(f.name()))) {
          all.add(f);
        }
      }
      return List.copyOf(all);
    }
  }
}
