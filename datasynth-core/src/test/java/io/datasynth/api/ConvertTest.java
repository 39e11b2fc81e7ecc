package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.OutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertTest {
  @TempDir Path dir;

  static final Schema SCHEMA = new Schema("p", "", List.of(Field.of("问题", FieldType.TEXT)), List.of());

  @Nested
  class WhenTheInputCarriesMetadataAndASchema {
    @Test
    void carriesBothOverAndSaysWhereItCameFrom() throws Exception {
      Path in = dir.resolve("run.json");
      DatasetWriter.write(in, OutputFormat.JSON, Json.object().put("model", "m").put("generated_count", 9),
          SchemaWriter.toJson(SCHEMA), List.of(Json.object().put("问题", "一"), Json.object().put("问题", "二")));
      Path out = dir.resolve("copy.json");

      assertThat(DataSynthesizer.convert(in, out, null, false)).isEqualTo(2);

      JsonNode root = JsonFiles.readJson(out);
      assertThat(root.get("metadata").get("model").asText()).isEqualTo("m");
      assertThat(root.get("metadata").get("generated_count").asInt()).isEqualTo(2);
      assertThat(root.get("metadata").get("converted_from").asText()).isEqualTo("run.json");
      assertThat(root.get("schema")).isEqualTo(SchemaWriter.toJson(SCHEMA));
    }
  }

  @Nested
  class WhenTheInputHoldsTenThousandRecords {
    @Test
    void padsTheIdsToFiveDigitsSoThatTheySort() throws Exception {
      StringBuilder lines = new StringBuilder();
      for (int i = 1; i <= 10_000; i++) {
        lines.append("{\"问题\": \"").append(i).append("\"}\n");
      }
      Path in = Files.writeString(dir.resolve("big.jsonl"), lines);
      Path out = dir.resolve("big.json");

      DataSynthesizer.convert(in, out, null, SCHEMA, false);

      JsonNode samples = JsonFiles.readJson(out).get("samples");
      assertThat(samples.get(0).get("id").asText()).isEqualTo("SYNTH_00001");
      assertThat(samples.get(9_999).get("id").asText()).isEqualTo("SYNTH_10000");
    }
  }

  @Nested
  class WhenTheInputCarriesNothing {
    @Test
    void writesFreshMetadataWithTheCountAndTheGivenSchema() throws Exception {
      Path in = Files.writeString(dir.resolve("d.jsonl"), "{\"问题\": \"一\"}\n");
      Path out = dir.resolve("d.json");

      DataSynthesizer.convert(in, out, null, SCHEMA, false);

      ObjectNode meta = (ObjectNode) JsonFiles.readJson(out).get("metadata");
      assertThat(meta.get("generator").asText()).isEqualTo("DataSynth");
      assertThat(meta.get("generated_count").asInt()).isEqualTo(1);
      assertThat(JsonFiles.readJson(out).get("schema")).isEqualTo(SchemaWriter.toJson(SCHEMA));
    }
  }
}
