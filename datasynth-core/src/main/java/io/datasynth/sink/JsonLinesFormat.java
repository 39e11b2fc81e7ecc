package io.datasynth.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** JSON Lines: one raw record per line, no metadata or schema. */
final class JsonLinesFormat implements OutputFormat {
  JsonLinesFormat() {}

  @Override
  public String name() {
    return "jsonl";
  }

  @Override
  public List<String> aliases() {
    return List.of("ndjson");
  }

  @Override
  public List<String> extensions() {
    return List.of(".jsonl", ".ndjson");
  }

  @Override
  public RecordWriter open(OutputStream out, DatasetHeader header) {
    ObjectMapper m = Json.mapper();
    return new RecordWriter() {
      @Override
      public void write(ObjectNode record, long number) throws java.io.IOException {
        out.write(m.writeValueAsBytes(record));
        out.write('\n');
      }

      @Override
      public void finish() {
        // nothing ends a JSON Lines file
      }
    };
  }

  @Override
  public DatasetSource read(Path file) {
    return DatasetReader.readJson(file);
  }

  @Override
  public String toString() {
    return name();
  }
}
