package io.datasynth.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** The DataSynth JSON document: {@code {metadata, schema, samples:[{id, data, synthetic}]}}, streamed. */
final class JsonFormat implements OutputFormat {
  JsonFormat() {}

  @Override
  public String name() {
    return "json";
  }

  @Override
  public List<String> extensions() {
    return List.of(".json");
  }

  @Override
  public RecordWriter open(OutputStream out, DatasetHeader header) throws IOException {
    ObjectMapper m = Json.mapper();
    JsonGenerator g = m.getFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setPrettyPrinter(Json.prettyPrinter());
    g.writeStartObject();
    g.writeFieldName("metadata");
    m.writeTree(g, header.metadata());
    g.writeFieldName("schema");
    m.writeTree(g, header.schema());
    g.writeArrayFieldStart("samples");
    return new RecordWriter() {
      @Override
      public void write(ObjectNode record, long number) throws IOException {
        write(record, number, null);
      }

      @Override
      public void write(ObjectNode record, long number, ObjectNode provenance) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", DatasetWriter.id(number, header.idDigits()));
        g.writeFieldName("data");
        m.writeTree(g, record);
        g.writeBooleanField("synthetic", true);
        if (provenance != null) {
          g.writeFieldName("provenance");
          m.writeTree(g, provenance);
        }
        g.writeEndObject();
      }

      @Override
      public DatasetReader.Item readBack(ObjectNode record, long number, ObjectNode provenance) {
        return new DatasetReader.Item(DatasetWriter.id(number, header.idDigits()), record, Math.toIntExact(number),
            provenance);
      }

      @Override
      public boolean keepsProvenance() {
        return true;
      }

      @Override
      public void finish() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.close();
        out.write('\n');
      }
    };
  }

  @Override
  public DatasetSource read(Path file) {
    return JsonDocumentSource.open(file);
  }

  @Override
  public String toString() {
    return name();
  }
}
