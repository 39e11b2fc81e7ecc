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
import io.datasynth.schema.SchemaInference;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.sink.DatasetHeader;
import io.datasynth.sink.DatasetSink;
import io.datasynth.sink.DatasetSource;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFormat;
import io.datasynth.text.Message;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Dataset files on their own: checking one against a schema, and converting between formats. */
final class DatasetTools {
  private DatasetTools() {}

  static ValidationReport validate(Path data, Schema schema, FileGuard files) {
    List<DatasetReader.Item> items = DatasetReader.read(data, files);
    if (items.isEmpty()) {
      throw InputException.of(data, Message.of("dataset.empty.validate"), Message.of("dataset.empty.fix"));
    }
    RecordValidator validator = new RecordValidator(schema);
    List<Message> errors = new ArrayList<>();
    Map<String, Long> byRule = new LinkedHashMap<>();
    int valid = 0;
    for (DatasetReader.Item item : items) {
      Validation v = validator.validate(item.data());
      if (v instanceof Validation.Invalid bad) {
        for (Violation violation : bad.violations()) {
          errors.add(item.id().startsWith("#") ? Message.of("validate.problem", item.position(), violation.detail())
              : Message.of("validate.problem.id", item.position(), violation.detail(), item.id()));
          byRule.merge(violation.rule().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
      } else {
        valid++;
      }
    }
    return new ValidationReport(items.size(), valid, errors, byRule);
  }

  /**
   * Converts a dataset to the format of {@code out}'s extension (or {@code format}), streaming the records; returns
   * the record count. The schema is {@code schema}, else the one the input carries, else, for a typed format,
   * inferred from the records (a first pass over the input). The input's metadata is carried over, with
   * {@code converted_from} and {@code converted_at} added.
   */
  static int convert(Path in, Path out, OutputFormat format, Schema schema, boolean force) {
    OutputFormat target = OutputFormat.resolve(format, out);
    AtomicFiles.checkTarget(out, force);
    if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw InputException.of(out, Message.of("convert.same_file"), Message.of("convert.same_file.fix"));
    }
    ObjectNode meta;
    ObjectNode schemaJson;
    try (DatasetSource source = DatasetReader.open(in)) {
      meta = source.metadata().map(ObjectNode::deepCopy).orElse(null);
      schemaJson = schema != null ? SchemaWriter.asGiven(schema) : source.schema().orElse(null);
    }
    if (meta == null) {
      meta = Json.object();
      meta.put("generated_at", Instant.now().toString());
      meta.put("generator", "DataSynth");
      meta.put("version", Version.get());
    }
    SchemaInference inference = new SchemaInference();
    try (DatasetSource source = DatasetReader.open(in)) {
      objects(in, source).forEach(inference::add);
    }
    if (schemaJson == null && target.typed()) {
      schemaJson = SchemaWriter.toJson(inference.schema(in));
    }
    meta.put("generated_count", inference.records());
    meta.put("converted_from", in.getFileName().toString());
    meta.put("converted_at", Instant.now().toString());
    DatasetHeader header = new DatasetHeader(meta, schemaJson == null ? Json.object() : schemaJson,
        DatasetWriter.idDigits(inference.records()));
    long count;
    try (DatasetSource source = DatasetReader.open(in);
        DatasetSink sink = DatasetSink.open(out, target, header, force)) {
      objects(in, source).forEach(sink::write);
      count = sink.count();
      sink.commit();
    }
    return Math.toIntExact(count);
  }

  /** The source's records, failing on the first item that is not an object. */
  private static Iterable<ObjectNode> objects(Path in, DatasetSource source) {
    return () -> new java.util.Iterator<>() {
      private final java.util.Iterator<DatasetReader.Item> items = source.iterator();

      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public ObjectNode next() {
        DatasetReader.Item item = items.next();
        if (item.object() == null) {
          throw InputException.of(in, Message.of("dataset.item.not_object", item.position()),
              Message.of("dataset.item.not_object.fix"));
        }
        return item.object();
      }
    };
  }
}
