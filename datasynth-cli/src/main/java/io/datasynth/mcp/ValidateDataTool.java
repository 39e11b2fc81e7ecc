package io.datasynth.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.ValidationReport;
import io.datasynth.json.Json;
import io.datasynth.api.QualityReports;
import io.datasynth.metrics.DatasetMetricsJson;
import io.datasynth.recipe.DataRecipe;
import io.datasynth.recipe.InputLoader;
import io.datasynth.report.QualityReport;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import io.datasynth.seed.SeedReader;
import io.datasynth.sink.OutputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/** {@code validate_data}: checks every record of a dataset file against a schema. */
final class ValidateDataTool implements McpTool {
  static final String NAME = "validate_data";
  static final String DATA_PATH = "data_path";
  static final String SCHEMA_PATH = "schema_path";
  static final String SEEDS_PATH = "seeds_path";
  /** Errors listed in a result; the counts cover all of them. */
  static final int MAX_ERRORS = 20;

  private final PathGuard guard;
  private final ToolSchema schema;

  private final McpText words;

  ValidateDataTool(PathGuard guard) {
    this(guard, McpText.english());
  }

  /** The tool, its result texts in {@code words}' language. */
  ValidateDataTool(PathGuard guard, McpText words) {
    this.guard = guard;
    this.words = words;
    this.schema = ToolSchema.builder()
        .string(DATA_PATH, "The dataset file, relative to the server root: DataSynth JSON ({samples: [...]}), a "
            + "JSON list, or JSON Lines.")
        .string(SCHEMA_PATH, "The schema: a DataSynth schema, a JSON Schema, or a DataRecipe analysis folder, "
            + "relative to the server root.")
        .string(SEEDS_PATH, "Optional seed examples to compare the records with (the seed-copy guard), relative to "
            + "the server root; a DataRecipe folder given as schema_path brings its own.")
        .required(DATA_PATH, SCHEMA_PATH)
        .build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Checks every record of a dataset file against a schema (types, required fields, enums, ranges, "
        + "lengths, patterns). Returns the counts, the problems by rule, and the first " + MAX_ERRORS + " errors; "
        + "and the quality metrics (diversity, self-similarity, similarity to the seeds, distributions) with the "
        + "path of the HTML quality report beside the data, when there is one.";
  }

  @Override
  public ToolSchema schema() {
    return schema;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public ToolResult call(ToolCall call) {
    ToolArgs a = call.args();
    Path data = guard.existing(a.requiredString(DATA_PATH), DATA_PATH);
    Path schemaPath = guard.existing(a.requiredString(SCHEMA_PATH), SCHEMA_PATH);
    if (Files.isDirectory(schemaPath)) {
      guard.derivedExisting(schemaPath.resolve(DataRecipe.SCHEMA), SCHEMA_PATH);
    }
    Schema schemaOfData = InputLoader.schemaOnly(schemaPath);
    ValidationReport r = DataSynthesizer.validate(data, schemaOfData, guard.files());
    List<Seed> seeds = List.of();
    if (a.has(SEEDS_PATH)) {
      seeds = SeedReader.read(guard.existing(a.requiredString(SEEDS_PATH), SEEDS_PATH), schemaOfData.fieldNames());
    } else if (Files.isDirectory(schemaPath) && DataRecipe.isAnalysisDir(schemaPath)) {
      guard.derivedExisting(schemaPath.resolve(DataRecipe.SAMPLES), SCHEMA_PATH);
      seeds = InputLoader.fromDataRecipe(schemaPath).seeds();
    }
    QualityReport quality = QualityReports.builder().files(guard.files()).build().measure(data, schemaOfData, seeds);
    Path html = OutputFiles.of(data).report();
    List<String> shown = r.errors().stream().limit(MAX_ERRORS).toList();
    ObjectNode d = Json.object();
    d.put("data_path", guard.display(data));
    d.put("valid", r.ok());
    d.put("total", r.total());
    d.put("valid_records", r.valid());
    d.put("invalid_records", r.total() - r.valid());
    d.put("error_count", r.errors().size());
    d.set("by_rule", Json.mapper().valueToTree(new TreeMap<>(r.byRule())));
    d.set("errors", Json.mapper().valueToTree(shown));
    d.put("errors_truncated", r.errors().size() > shown.size());
    d.set("quality", DatasetMetricsJson.of(quality.metrics()));
    if (Files.isRegularFile(html)) {
      d.put("report_path", guard.display(html));
    } else {
      d.putNull("report_path");
    }
    McpText w = words;
    StringBuilder t = new StringBuilder();
    if (r.ok()) {
      t.append(w.text("mcp.validate.ok", w.records(r.total()), guard.display(data)));
    } else {
      t.append(w.text("mcp.validate.broken", r.total() - r.valid(), w.records(r.total()), Counts.of(r.byRule())));
      r.problems().stream().limit(MAX_ERRORS).forEach(e -> t.append("\n  ").append(w.render(e)));
      if (r.errors().size() > shown.size()) {
        t.append('\n').append(w.text("mcp.validate.more", r.errors().size() - shown.size()));
      }
    }
    t.append('\n').append(w.text("mcp.validate.quality", quality.metrics().selfSimilarity().mean(),
        quality.metrics().selfSimilarity().sampled(), quality.metrics().seedSimilarity() == null ? ""
            : w.text("mcp.validate.seed_copies", quality.metrics().seedSimilarity().seedCopies()),
        Files.isRegularFile(html) ? w.text("mcp.validate.report", guard.display(html)) : ""));
    return ToolResult.ok(t.toString(), d);
  }
}
