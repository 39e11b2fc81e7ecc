package io.datasynth.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.ValidationReport;
import io.datasynth.json.Json;
import io.datasynth.recipe.InputLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/** {@code validate_data}: checks every record of a dataset file against a schema. */
final class ValidateDataTool implements McpTool {
  static final String NAME = "validate_data";
  static final String DATA_PATH = "data_path";
  static final String SCHEMA_PATH = "schema_path";
  /** Errors listed in a result; the counts cover all of them. */
  static final int MAX_ERRORS = 20;

  private final PathGuard guard;
  private final ToolSchema schema;

  ValidateDataTool(PathGuard guard) {
    this.guard = guard;
    this.schema = ToolSchema.builder()
        .string(DATA_PATH, "The dataset file, relative to the server root: DataSynth JSON ({samples: [...]}), a "
            + "JSON list, or JSON Lines.")
        .string(SCHEMA_PATH, "The schema: a DataSynth schema, a JSON Schema, or a DataRecipe analysis folder, "
            + "relative to the server root.")
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
        + "lengths, patterns). Returns the counts, the problems by rule, and the first " + MAX_ERRORS + " errors.";
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
    if (java.nio.file.Files.isDirectory(schemaPath)) {
      guard.derivedExisting(schemaPath.resolve(io.datasynth.recipe.DataRecipe.SCHEMA), SCHEMA_PATH);
    }
    ValidationReport r = DataSynthesizer.validate(data, InputLoader.schemaOnly(schemaPath), guard.files());
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
    StringBuilder t = new StringBuilder();
    if (r.ok()) {
      t.append(r.total()).append(" records, all valid: ").append(guard.display(data));
    } else {
      t.append(r.total() - r.valid()).append(" of ").append(r.total()).append(" records break the schema (")
          .append(Counts.of(r.byRule())).append("):");
      shown.forEach(e -> t.append("\n  ").append(e));
      if (r.errors().size() > shown.size()) {
        t.append("\n  … and ").append(r.errors().size() - shown.size()).append(" more");
      }
    }
    return ToolResult.ok(t.toString(), d);
  }
}
