package io.datasynth.sink;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The output file format: the DataSynth JSON document or JSON Lines. */
public enum OutputFormat {
  /** {@code {metadata, schema, samples:[{id, data, synthetic}]}}, the layout DataCheck reads. */
  JSON,
  /** One raw record per line. */
  JSONL;

  public static Optional<OutputFormat> parse(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "json" -> Optional.of(JSON);
      case "jsonl", "ndjson" -> Optional.of(JSONL);
      default -> Optional.empty();
    };
  }

  /** The explicit format when given, else JSONL for a .jsonl/.ndjson path, else JSON. */
  public static OutputFormat resolve(OutputFormat explicit, Path path) {
    if (explicit != null) {
      return explicit;
    }
    String name = path == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? JSONL : JSON;
  }

  public String extension() {
    return this == JSON ? ".json" : ".jsonl";
  }
}
