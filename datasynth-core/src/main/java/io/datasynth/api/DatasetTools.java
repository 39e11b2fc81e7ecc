package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.quality.RecordValidator;
import io.datasynth.quality.Validation;
import io.datasynth.quality.Violation;
import io.datasynth.schema.Schema;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.sink.DatasetReader;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Dataset files on their own: checking one against a schema, and converting between JSON and JSON Lines. */
final class DatasetTools {
  private DatasetTools() {}

  static ValidationReport validate(Path data, Schema schema, FileGuard files) {
    List<DatasetReader.Item> items = DatasetReader.read(data, files);
    if (items.isEmpty()) {
      throw InputException.of(data, "holds no records, so there is nothing to validate",
          "point at a dataset with at least one record");
    }
    RecordValidator validator = new RecordValidator(schema);
    List<String> errors = new ArrayList<>();
    Map<String, Long> byRule = new LinkedHashMap<>();
    int valid = 0;
    for (DatasetReader.Item item : items) {
      Validation v = validator.validate(item.data());
      if (v instanceof Validation.Invalid bad) {
        for (Violation violation : bad.violations()) {
          errors.add("record " + item.position() + ": " + violation.message()
              + (item.id().startsWith("#") ? "" : " (id " + item.id() + ")"));
          byRule.merge(violation.rule().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
      } else {
        valid++;
      }
    }
    return new ValidationReport(items.size(), valid, errors, byRule);
  }

  /** Converts a dataset to the format of {@code out}'s extension (or {@code format}); returns the record count. */
  static int convert(Path in, Path out, OutputFormat format, boolean force) {
    AtomicFiles.checkTarget(out, force);
    if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw InputException.of(out, "is the input file", "write the conversion to another file");
    }
    List<ObjectNode> records = new ArrayList<>();
    for (DatasetReader.Item item : DatasetReader.read(in)) {
      if (item.object() == null) {
        throw InputException.of(in, "item " + item.position() + " is not an object", "fix or remove it");
      }
      records.add(item.object());
    }
    ObjectNode meta = Json.object();
    meta.put("generated_at", Instant.now().toString());
    meta.put("generator", "DataSynth");
    meta.put("version", Version.get());
    meta.put("converted_from", in.getFileName().toString());
    meta.put("generated_count", records.size());
    DatasetWriter.write(out, OutputFormat.resolve(format, out), meta, Json.object(), records);
    return records.size();
  }
}
