package io.datasynth.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A dataset file format: how records are written to a file and read back. A new format is one class implementing
 * this, listed in {@code META-INF/services/io.datasynth.sink.OutputFormat} of its jar; {@link OutputFormats} finds
 * it through {@link java.util.ServiceLoader}. {@link DatasetSink} does the atomic writing around it, so a format
 * only turns records into bytes.
 *
 * <p>Implementations are immutable and thread-safe; each {@link #open} and {@link #read} is used by one thread.
 */
public interface OutputFormat {
  /** {@code {metadata, schema, samples:[{id, data, synthetic}]}}, the layout DataCheck reads. */
  OutputFormat JSON = new JsonFormat();

  /** One raw record per line. */
  OutputFormat JSONL = new JsonLinesFormat();

  /** The name given to {@code --format}, lower case: {@code json}, {@code jsonl}, {@code parquet}. */
  String name();

  /** Other names accepted for it, lower case; may be empty. */
  default List<String> aliases() {
    return List.of();
  }

  /** The file extensions that mean this format, lower case with the dot, the usual one first; never empty. */
  List<String> extensions();

  /** The usual file extension, with the dot. */
  default String extension() {
    return extensions().get(0);
  }

  /**
   * Whether records must fit the schema's field types (typed columns), so records that break the schema cannot be
   * written; a run with validation off should not choose such a format.
   */
  default boolean typed() {
    return false;
  }

  /** Whether a file starting with these bytes (up to 8, fewer for a short file) is of this format. */
  default boolean recognizes(byte[] head) {
    return false;
  }

  /**
   * Starts writing one file to {@code out}, which {@link DatasetSink} owns: the writer must neither close it nor
   * keep it past {@link RecordWriter#finish}.
   *
   * @throws IOException when writing the header fails
   * @throws io.datasynth.error.InputException when the header does not suit the format (e.g. no schema for a typed
   *     format)
   */
  RecordWriter open(OutputStream out, DatasetHeader header) throws IOException;

  /**
   * Opens a file of this format for reading.
   *
   * @throws io.datasynth.error.InputException when it cannot be read or is not of this format, naming the file
   */
  DatasetSource read(Path file);

  /** The installed format with this name or alias (any case), or empty; see {@link OutputFormats#lookup}. */
  static Optional<OutputFormat> parse(String name) {
    return OutputFormats.lookup(name) instanceof OutputFormats.Lookup.Found f ? Optional.of(f.format())
        : Optional.empty();
  }

  /**
   * The explicit format when given, else the installed format of {@code path}'s extension, else JSON.
   *
   * @throws io.datasynth.error.ConfigException when the extension names a format whose module is not installed, or
   *     another format than the explicit one ({@code -o x.json --format jsonl}): JSONL is never written silently
   *     into a {@code .json} file
   */
  static OutputFormat resolve(OutputFormat explicit, Path path) {
    if (explicit == null) {
      return OutputFormats.forOutput(path);
    }
    Optional<OutputFormat> named = path == null ? Optional.empty() : OutputFormats.byExtension(path);
    if (named.isPresent() && !named.get().name().equals(explicit.name())) {
      String file = path.getFileName().toString();
      throw new io.datasynth.error.ConfigException(io.datasynth.error.Setting.FORMAT, io.datasynth.text.Message.of(
          "format.contradicts_output", path, named.get().name(), explicit.name(), io.datasynth.error.Setting.FORMAT,
          io.datasynth.error.Setting.OUTPUT, file.substring(0, file.lastIndexOf('.')) + explicit.extensions().get(0)));
    }
    return explicit;
  }
}
