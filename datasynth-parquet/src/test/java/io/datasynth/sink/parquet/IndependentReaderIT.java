package io.datasynth.sink.parquet;

import static io.datasynth.sink.parquet.ParquetFixtures.SCHEMA;
import static io.datasynth.sink.parquet.ParquetFixtures.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.OutputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads DataSynth's Parquet output with an independent reader, {@code hyparquet} (pure JavaScript), through Node.
 * Skipped unless {@code node} is on the PATH and the package is installed:
 * {@code npm ci --prefix datasynth-parquet/src/test/node}.
 */
class IndependentReaderIT {
  /** Resolved from the module folder, where Maven runs tests. */
  static final Path NODE_DIR = Path.of("src/test/node");

  @TempDir Path dir;

  @BeforeAll
  static void needsNodeAndHyparquet() {
    assumeTrue(Files.isRegularFile(NODE_DIR.resolve("node_modules/hyparquet/package.json")),
        "hyparquet is not installed; run: npm ci --prefix datasynth-parquet/src/test/node");
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "node does not run");
    } catch (IOException e) {
      assumeTrue(false, "no node on the PATH");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      assumeTrue(false, "interrupted");
    }
  }

  private JsonNode readWithHyparquet(Path file) throws Exception {
    Process p = new ProcessBuilder("node", "read.mjs", file.toAbsolutePath().toString()).directory(NODE_DIR.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
    assertThat(p.exitValue()).as("node's exit code; output: %s", new String(out, StandardCharsets.UTF_8)).isZero();
    return Json.mapper().readTree(out);
  }

  @Nested
  class WhenADataSynthParquetFileIsRead {
    @Test
    void givesTheSameRecordsColumnTypesAndMetadata() throws Exception {
      Path out = dir.resolve("合成数据.parquet");
      ObjectNode meta = Json.object().put("model", "m").put("说明", "中文");
      DatasetWriter.write(out, OutputFormat.resolve(null, out), meta, SchemaWriter.toJson(SCHEMA), records());

      JsonNode read = readWithHyparquet(out);

      assertThat(read.get("num_rows").get("int64").asLong()).isEqualTo(3);
      Map<String, String> kv = new HashMap<>();
      read.get("key_value_metadata").forEach(e -> kv.put(e.get("key").asText(), e.get("value").asText()));
      assertThat(Json.mapper().readTree(kv.get("datasynth.metadata"))).isEqualTo(meta);
      assertThat(Json.mapper().readTree(kv.get("datasynth.schema"))).isEqualTo(SchemaWriter.toJson(SCHEMA));

      Map<String, JsonNode> columns = new HashMap<>();
      read.get("schema").forEach(e -> columns.put(e.get("name").asText(), e));
      assertColumn(columns.get("问题"), "BYTE_ARRAY", "REQUIRED", "STRING");
      assertColumn(columns.get("score"), "INT64", "REQUIRED", null);
      assertColumn(columns.get("权重"), "DOUBLE", "OPTIONAL", null);
      assertColumn(columns.get("ok"), "BOOLEAN", "REQUIRED", null);
      assertThat(columns.get("标签").get("logical_type").get("type").asText()).isEqualTo("LIST");
      assertColumn(columns.get("extra"), "BYTE_ARRAY", "OPTIONAL", "JSON");

      List<ObjectNode> expected = records();
      JsonNode rows = read.get("rows");
      assertThat(rows).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertThat(reparsed(normalised(rows.get(i)))).as("row %d", i).isEqualTo(reparsed(expected.get(i)));
      }
    }

    private void assertColumn(JsonNode column, String physical, String repetition, String logical) {
      assertThat(column).isNotNull();
      assertThat(column.get("type").asText()).isEqualTo(physical);
      assertThat(column.get("repetition_type").asText()).isEqualTo(repetition);
      if (logical != null) {
        assertThat(column.get("logical_type").get("type").asText()).isEqualTo(logical);
      }
    }
  }

  /**
   * The same JSON with every number as its exact decimal value, so an int64 and a double compare by value only
   * (JavaScript prints the double 1.5e10 as 15000000000).
   */
  private static JsonNode reparsed(JsonNode v) {
    if (v.isNumber()) {
      return JsonNodeFactory.instance.numberNode(v.decimalValue().stripTrailingZeros());
    }
    if (v.isObject()) {
      ObjectNode out = Json.object();
      v.properties().forEach(e -> out.set(e.getKey(), reparsed(e.getValue())));
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      v.forEach(item -> out.add(reparsed(item)));
      return out;
    }
    return v;
  }

  /** A row as hyparquet gives it, as JSON: int64 values back to numbers, nulls of optional columns left out. */
  private static JsonNode normalised(JsonNode v) {
    if (v.isObject() && v.size() == 1 && v.has("int64")) {
      return JsonNodeFactory.instance.numberNode(Long.parseLong(v.get("int64").asText()));
    }
    if (v.isObject()) {
      ObjectNode out = Json.object();
      v.properties().forEach(e -> {
        if (!e.getValue().isNull()) {
          out.set(e.getKey(), normalised(e.getValue()));
        }
      });
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      v.forEach(item -> out.add(normalised(item)));
      return out;
    }
    return v;
  }
}
