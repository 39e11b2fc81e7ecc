package io.datasynth.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.PriceTable;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.metrics.MetricsCollector;
import io.datasynth.quality.Deduplicator;
import io.datasynth.report.PlanCoverage;
import io.datasynth.report.QualityReport;
import io.datasynth.report.RejectDigest;
import io.datasynth.report.RunFacts;
import io.datasynth.report.html.QualityReportPage;
import io.datasynth.schema.Schema;
import io.datasynth.schema.SchemaInference;
import io.datasynth.schema.SchemaReader;
import io.datasynth.seed.Seed;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.sink.DatasetReader;
import io.datasynth.sink.DatasetSource;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import io.datasynth.text.Messages;
import io.datasynth.text.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.List;
import java.util.Objects;

/**
 * Makes the quality report of a dataset file: reads its records once as a stream (twice when the schema has to be
 * inferred), with what lies beside it (metadata, provenance and rejects files), measures them against the seeds, and
 * writes the HTML page atomically. Every file is opened through one {@link FileGuard}. Immutable and thread-safe.
 */
public final class QualityReports {
  private final FileGuard files;
  private final PriceTable prices;
  private final Supplier<Instant> clock;
  private final double threshold;
  private final long randomSeed;

  private QualityReports(Builder b) {
    this.files = b.files;
    this.prices = b.prices;
    this.clock = b.clock;
    this.threshold = b.threshold;
    this.randomSeed = b.randomSeed;
  }

  /** The report's words for a run whose prompts are in {@code language}: Chinese for a Chinese run, else English. */
  private static Messages messages(io.datasynth.prompt.Language language) {
    return new Messages(language == io.datasynth.prompt.Language.ZH ? java.util.Locale.CHINESE : java.util.Locale.ROOT,
        io.datasynth.text.SettingNames.KEYS);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Measures a dataset.
   *
   * @param dataset a JSON, JSON Lines or other installed format's file
   * @param schema the schema to measure by; null for the one the file carries (or its {@code .meta.json}), else one
   *     inferred from the records
   * @param seeds the seeds to compare with; empty for none
   * @throws InputException naming the file when it is missing, refused, unreadable or holds no records
   */
  public QualityReport measure(Path dataset, Schema schema, List<Seed> seeds) {
    return measure(dataset, schema, seeds, false);
  }

  /**
   * Measures a dataset, as {@link #measure(Path, Schema, List)}.
   *
   * @param seedCopiesRuledOut whether the run that wrote it has ruled out, record by record, that any copies a seed
   *     (see {@link io.datasynth.quality.QualityPath#seedCopiesRuledOut}); then the seed-copy guard does not look
   */
  QualityReport measure(Path dataset, Schema schema, List<Seed> seeds, boolean seedCopiesRuledOut) {
    Objects.requireNonNull(dataset, "dataset");
    OutputFiles siblings = OutputFiles.of(dataset);
    files.checkReadable(dataset);
    ObjectNode metadata;
    ObjectNode schemaJson;
    try (DatasetSource source = DatasetReader.open(dataset)) {
      metadata = source.metadata().orElse(null);
      schemaJson = source.schema().orElse(null);
    }
    ObjectNode sidecar = sidecar(siblings.meta());
    if (sidecar != null) {
      metadata = metadata != null ? metadata : sidecar.get("metadata") instanceof ObjectNode m ? m : null;
      schemaJson = schemaJson != null ? schemaJson : sidecar.get("schema") instanceof ObjectNode s && !s.isEmpty()
          ? s : null;
    }
    Schema measuredBy = schema != null ? schema : schemaJson != null ? SchemaReader.fromJson(schemaJson, dataset)
        : inferred(dataset);
    return measure(dataset, siblings, measuredBy, metadata, seeds, seedCopiesRuledOut);
  }

  /**
   * The schema {@link #measure} measures a dataset by when given none: the one the file carries (or its
   * {@code .meta.json}), else one inferred from the records.
   *
   * @throws InputException naming the file when it is missing, refused, unreadable or holds no records
   */
  public Schema schemaOf(Path dataset) {
    files.checkReadable(dataset);
    ObjectNode schemaJson;
    try (DatasetSource source = DatasetReader.open(dataset)) {
      schemaJson = source.schema().orElse(null);
    }
    ObjectNode sidecar = schemaJson != null ? null : sidecar(OutputFiles.of(dataset).meta());
    if (sidecar != null && sidecar.get("schema") instanceof ObjectNode s && !s.isEmpty()) {
      schemaJson = s;
    }
    return schemaJson != null ? SchemaReader.fromJson(schemaJson, dataset) : inferred(dataset);
  }

  private QualityReport measure(Path dataset, OutputFiles siblings, Schema measuredBy, ObjectNode metadata,
      List<Seed> seeds, boolean seedCopiesRuledOut) {
    io.datasynth.metrics.DatasetMetrics metrics;
    try (MetricsCollector collector = collector(measuredBy, seeds, metadata, seedCopiesRuledOut);
        DatasetSource source = DatasetReader.open(dataset);
        ProvenanceLines provenance = ProvenanceLines.open(siblings.provenance(), files)) {
      for (DatasetReader.Item item : source) {
        ObjectNode prov = provenance.next();
        if (item.object() == null) {
          continue;  // validation names it; there is nothing in it to measure
        }
        collector.add(item.id(), item.object(), item.provenance() != null ? item.provenance() : prov);
      }
      metrics = collector.result();
    }
    return report(dataset, measuredBy, metadata, metrics);
  }

  /**
   * What measures a dataset's records one by one, as {@link #measure} does those of a file: by the schema, against
   * the seeds, and, where the metadata holds a plan, against its targets.
   *
   * @param metadata the dataset's metadata, or null
   */
  MetricsCollector collector(Schema measuredBy, List<Seed> seeds, ObjectNode metadata, boolean seedCopiesRuledOut) {
    PlanCoverage plan = PlanCoverage.from(metadata);
    long expected = metadata == null ? 0 : metadata.path("generated_count").asLong();
    MetricsCollector.Builder mb = MetricsCollector.builder(measuredBy).seeds(seeds == null ? List.of() : seeds)
        .nearDuplicateThreshold(threshold).randomSeed(randomSeed).seedCopiesRuledOut(seedCopiesRuledOut);
    if (plan != null) {
      mb.targets(plan.targets(expected));
    }
    return mb.build();
  }

  /** The report of a dataset whose records are measured: with its metadata and the rejects file beside it. */
  private QualityReport report(Path dataset, Schema measuredBy, ObjectNode metadata,
      io.datasynth.metrics.DatasetMetrics metrics) {
    ObjectNode judge = null;
    if (metadata != null) {
      JsonNode j = metadata.get("judge") instanceof ObjectNode o ? o : metadata.path("summary").get("judge");
      judge = j instanceof ObjectNode o ? o : null;
    }
    return new QualityReport(dataset, null, clock.get(), Version.get(), measuredBy, metrics,
        RunFacts.from(metadata, prices), rejects(OutputFiles.of(dataset).rejects()), PlanCoverage.from(metadata),
        judge);
  }

  /** A run's output with its metadata, measured as it was written (see {@link #collector}). */
  record Measured(ObjectNode metadata, io.datasynth.metrics.DatasetMetrics metrics) {}

  /**
   * The quality report of a run's output: measured against the run's seeds and written beside it as
   * {@code <stem>.report.html}, replacing an older one, in the language of the run's prompts.
   *
   * @param seedCopiesRuledOut as for {@link #measure(Path, Schema, List, boolean)}
   * @return the report, with the page's path
   * @throws io.datasynth.error.DataSynthException when the output cannot be read or the page written
   */
  public QualityReport writeForRun(Path output, io.datasynth.recipe.Inputs inputs, SynthesisConfig config,
      boolean seedCopiesRuledOut) {
    return writeForRun(output, inputs, config, measure(output, inputs.schema(), inputs.seeds(), seedCopiesRuledOut));
  }

  /** The same for an output measured as it was written, which is not read again. */
  QualityReport writeForRun(Path output, io.datasynth.recipe.Inputs inputs, SynthesisConfig config,
      Measured measured) {
    return writeForRun(output, inputs, config, report(output, inputs.schema(), measured.metadata(),
        measured.metrics()));
  }

  private QualityReport writeForRun(Path output, io.datasynth.recipe.Inputs inputs, SynthesisConfig config,
      QualityReport measured) {
    io.datasynth.prompt.Language language = config.language() != null ? config.language()
        : io.datasynth.prompt.Language.detect(inputs.seeds());
    return write(measured, OutputFiles.of(output).report(), messages(language), true);
  }

  /**
   * Writes the report as one HTML page, atomically.
   *
   * @param overwrite whether an existing file is replaced; when false and it exists, nothing is written
   * @return the report, with the page's path
   * @throws InputException naming the file when it exists and {@code overwrite} is false, or it is refused
   */
  public QualityReport write(QualityReport report, Path html, Messages messages, boolean overwrite) {
    AtomicFiles.checkTarget(html, overwrite);
    QualityReport written = report.writtenTo(html);
    String page = QualityReportPage.render(written, messages);
    try (AtomicFiles.Pending pending = AtomicFiles.begin(html, files)) {
      try {
        pending.stream().write(page.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw pending.failure(e);
      }
      pending.commit(overwrite);
    }
    return written;
  }

  private Schema inferred(Path dataset) {
    SchemaInference inference = new SchemaInference();
    try (DatasetSource source = DatasetReader.open(dataset)) {
      for (DatasetReader.Item item : source) {
        if (item.object() != null) {
          inference.add(item.object());
        }
      }
    }
    if (inference.records() == 0) {
      throw InputException.of(dataset, Message.of("dataset.empty.report"), Message.of("dataset.empty.fix"));
    }
    return inference.schema(dataset);
  }

  private ObjectNode sidecar(Path meta) {
    if (!Files.isRegularFile(meta)) {
      return null;
    }
    return JsonFiles.parseJson(meta, files.readText(meta)) instanceof ObjectNode o ? o : null;
  }

  private RejectDigest rejects(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    RejectDigest.Tally tally = new RejectDigest.Tally();
    try (BufferedReader r = new BufferedReader(Channels.newReader(files.openForReading(file),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          tally.add(parse(line));
        }
      }
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | UncheckedIOException e) {
      throw InputException.of(file, Message.of("input.unreadable", String.valueOf(e.getMessage())),
          Message.of("report.rejects.unreadable.fix"));
    }
    return tally.digest();
  }

  private static JsonNode parse(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (IOException notJson) {
      return Json.object();
    }
  }

  /** The provenance sidecar of a JSON Lines output, a line per record; nothing when there is none. */
  private static final class ProvenanceLines implements AutoCloseable {
    private final BufferedReader reader;

    private ProvenanceLines(BufferedReader reader) {
      this.reader = reader;
    }

    static ProvenanceLines open(Path file, FileGuard guard) {
      if (!Files.isRegularFile(file)) {
        return new ProvenanceLines(null);
      }
      try {
        return new ProvenanceLines(new BufferedReader(Channels.newReader(guard.openForReading(file),
            StandardCharsets.UTF_8)));
      } catch (IOException e) {
        return new ProvenanceLines(null);
      }
    }

    /**
     * The next record's provenance, or null; also null when its line has no {@code judge_score}, the one thing the
     * measurement reads from it, so most lines need no parsing.
     */
    ObjectNode next() {
      if (reader == null) {
        return null;
      }
      try {
        String line = reader.readLine();
        return line == null || !line.contains("judge_score") ? null
            : parse(line).path("provenance") instanceof ObjectNode o ? o : null;
      } catch (IOException e) {
        return null;
      }
    }

    @Override
    public void close() {
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException ignored) {
          // read-only
        }
      }
    }
  }

  /** Settings of {@link QualityReports}. */
  public static final class Builder {
    private FileGuard files = FileGuard.unrestricted();
    private PriceTable prices = PriceTable.bundled();
    private Supplier<Instant> clock = Instant::now;
    private double threshold = Deduplicator.DEFAULT_THRESHOLD;
    private long randomSeed = 42;

    private Builder() {}

    /** Where files may be opened; unrestricted by default. */
    public Builder files(FileGuard v) {
      files = Objects.requireNonNull(v, "files");
      return this;
    }

    /** Prices to work out savings the metadata does not state; the bundled prices by default. */
    public Builder prices(PriceTable v) {
      prices = Objects.requireNonNull(v, "prices");
      return this;
    }

    /** The clock that dates the report; the system's by default. */
    public Builder clock(Supplier<Instant> v) {
      clock = Objects.requireNonNull(v, "clock");
      return this;
    }

    /** The near-duplicate threshold of the seed-copy guard; the deduplication default by default. */
    public Builder nearDuplicateThreshold(double v) {
      threshold = v;
      return this;
    }

    /** The near-duplicate threshold and sampling seed of a run's settings, as the run's own report uses them. */
    public Builder run(SynthesisConfig config) {
      return nearDuplicateThreshold(config.nearDuplicateThreshold()).randomSeed(config.seed());
    }

    /** Seeds the sampling, so the same dataset gives the same report; 42 by default. */
    public Builder randomSeed(long v) {
      randomSeed = v;
      return this;
    }

    public QualityReports build() {
      if (!(threshold > 0 && threshold <= 1)) {
        throw new IllegalArgumentException("near-duplicate threshold is " + threshold + "; give one in (0, 1]");
      }
      return new QualityReports(this);
    }
  }
}
