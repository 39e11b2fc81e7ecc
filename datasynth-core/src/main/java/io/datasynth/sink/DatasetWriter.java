package io.datasynth.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Writes a dataset file: the DataSynth JSON document ({@code metadata}, {@code schema}, {@code samples}) or JSON
 * Lines, streaming the records so memory does not grow with their number. Files are written atomically.
 */
public final class DatasetWriter {
  /** Synthetic record ids are {@code SYNTH_0001}, {@code SYNTH_0002}, … */
  public static final String ID_PREFIX = "SYNTH_";

  private DatasetWriter() {}

  /** The id of the n-th record (1-based). */
  public static String id(long number) {
    return String.format("%s%04d", ID_PREFIX, number);
  }

  /**
   * Writes the records in order, numbering them from 1.
   *
   * @param metadata the metadata object (JSON only; ignored for JSONL)
   * @param schema the schema as written by SchemaWriter (JSON only)
   * @param records the records; iterated once
   */
  public static void write(Path target, OutputFormat format, ObjectNode metadata, ObjectNode schema,
      Iterable<ObjectNode> records) {
    write(target, FileGuard.unrestricted(), format, metadata, schema, records);
  }

  /** Writes the records like {@link #write(Path, OutputFormat, ObjectNode, ObjectNode, Iterable)}, through a guard. */
  public static void write(Path target, FileGuard guard, OutputFormat format, ObjectNode metadata,
      ObjectNode schema, Iterable<ObjectNode> records) {
    AtomicFiles.write(target, guard, out -> {
      if (format == OutputFormat.JSONL) {
        writeJsonl(out, records.iterator());
      } else {
        writeJson(out, metadata, schema, records.iterator());
      }
    });
  }

  private static void writeJsonl(OutputStream out, Iterator<ObjectNode> records) throws IOException {
    ObjectMapper m = Json.mapper();
    while (records.hasNext()) {
      out.write(m.writeValueAsBytes(records.next()));
      out.write('\n');
    }
  }

  private static void writeJson(OutputStream out, ObjectNode metadata, ObjectNode schema,
      Iterator<ObjectNode> records) throws IOException {
    ObjectMapper m = Json.mapper();
    try (JsonGenerator g = m.getFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setPrettyPrinter(Json.prettyPrinter());
      g.writeStartObject();
      g.writeFieldName("metadata");
      m.writeTree(g, metadata);
      g.writeFieldName("schema");
      m.writeTree(g, schema);
      g.writeArrayFieldStart("samples");
      long n = 0;
      while (records.hasNext()) {
        g.writeStartObject();
        g.writeStringField("id", id(++n));
        g.writeFieldName("data");
        m.writeTree(g, records.next());
        g.writeBooleanField("synthetic", true);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write("\n".getBytes(StandardCharsets.UTF_8));
  }
}
