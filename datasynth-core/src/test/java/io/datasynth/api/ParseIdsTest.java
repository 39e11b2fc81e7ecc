package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.JsonFiles;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ids {@code parse} gives: zero-padded to the file's width, so that they sort. */
class ParseIdsTest {
  @TempDir Path dir;

  @Test
  void aReplyOfTenThousandRecordsGetsFiveDigitIds() {
    Random random = new Random(5);
    StringBuilder reply = new StringBuilder("[");
    for (int i = 0; i < 10_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 6; w++) {
        for (int c = 0; c < 7; c++) {
          text.append((char) ('a' + random.nextInt(26)));
        }
        text.append(' ');
      }
      reply.append(i == 0 ? "" : ",").append("{\"text\": \"").append(text.toString().strip()).append("\"}");
    }
    reply.append("]");
    Schema schema = new Schema("p", "", List.of(Field.of("text", FieldType.TEXT)), List.of());
    Path out = dir.resolve("out.json");

    ParseReport report = DataSynthesizer.of(SynthesisConfig.builder().build())
        .parseReply(reply.toString(), schema, List.of(), out);

    assertThat(report.added()).isEqualTo(10_000);
    JsonNode samples = JsonFiles.readJson(out).get("samples");
    assertThat(samples.get(0).get("id").asText()).isEqualTo("SYNTH_00001");
    assertThat(samples.get(9_999).get("id").asText()).isEqualTo("SYNTH_10000");
  }
}
