package io.datasynth.json;

/**
 * The kinds of file DataSynth reads from users, each with the largest size it reads. A file past its limit is
 * refused with the limit named, before any of it is read; the limit is also enforced while reading, for files whose
 * size the system does not report.
 */
public enum InputKind {
  /** A schema (DataSynth, DataRecipe or JSON Schema). */
  SCHEMA("a schema", 16L << 20),
  /** A {@code --config} file. */
  CONFIG("a config file", 1L << 20),
  /** A {@code --template} prompt template. */
  TEMPLATE("a template", 1L << 20),
  /** Annotation guidelines shown to the model. */
  GUIDELINES("a guidelines file", 16L << 20),
  /** A {@code --prices} file. */
  PRICES("a price file", 16L << 20),
  /** A run manifest beside a journal. */
  MANIFEST("a run manifest", 1L << 20),
  /** A pasted model reply ({@code parse}). */
  REPLY("a model reply", 64L << 20),
  /** Seed examples, or a combined {schema, samples} file; read as a stream. */
  SEEDS("a seed file", 1L << 30),
  /** A dataset to validate or convert; read as a stream. */
  DATASET("a dataset", 1L << 30),
  /** Any other input. */
  OTHER("an input file", 256L << 20),
  /** An {@code --endpoints} file: one base URL per line. */
  ENDPOINTS("an endpoints file", 1L << 20);

  private final long maxBytes;

  /** @param label what the file is, in English; the bundles hold it in every language */
  InputKind(String label, long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** What the file is, for messages: "a seed file". */
  public io.datasynth.text.Message label() {
    return io.datasynth.text.Message.of("input.kind." + name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The largest file of this kind read, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /** A size in words: "1 GiB", "64 MiB", "512 KiB". */
  public static String size(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
      return bytes / (1L << 30) + " GiB";
    }
    if (bytes >= 1L << 30) {
      return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return bytes % (1L << 20) == 0 ? bytes / (1L << 20) + " MiB"
          : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
    return bytes >= 1024 ? bytes / 1024 + " KiB" : bytes + " bytes";
  }
}
