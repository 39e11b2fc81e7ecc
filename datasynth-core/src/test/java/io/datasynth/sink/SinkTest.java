package io.datasynth.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.error.RunFailedException;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkTest {
  @TempDir Path dir;

  static ObjectNode record(String q, int score) {
    ObjectNode o = Json.object();
    o.put("question", q);
    o.put("score", score);
    return o;
  }

  @Nested
  class AtomicWrites {
    @Test
    void leaveTheOldFileWhenWritingFailsMidway() throws IOException {
      Path target = dir.resolve("out.json");
      Files.writeString(target, "old");
      assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
        out.write("half of the new".getBytes());
        throw new IOException("No space left on device");
      })).isInstanceOf(RunFailedException.class).hasMessageContaining("No space left on device")
          .hasMessageContaining("nothing was overwritten");
      assertThat(Files.readString(target)).isEqualTo("old");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).containsExactly(target);
      }
    }

    @Test
    void createTheOutputFolder() {
      Path target = dir.resolve("11_合成数据/synthetic.json");
      AtomicFiles.writeString(target, "{}");
      assertThat(target).hasContent("{}");
    }

    @Test
    void neverOverwriteWithoutBeingAsked() throws IOException {
      Path target = Files.writeString(dir.resolve("o.json"), "x");
      assertThatThrownBy(() -> AtomicFiles.checkTarget(target, false)).isInstanceOf(InputException.class)
          .hasMessageContaining("already exists").hasMessageContaining("pass force: true to overwrite it");
      AtomicFiles.checkTarget(target, true);
      assertThatThrownBy(() -> AtomicFiles.checkTarget(dir, true)).hasMessageContaining("is a folder");
    }
  }

  @Nested
  class Datasets {
    @Test
    void roundTripTheJsonLayoutDataCheckReads() {
      Path out = dir.resolve("synthetic.json");
      ObjectNode meta = Json.object().put("generator", "DataSynth");
      DatasetWriter.write(out, OutputFormat.JSON, meta, Json.object(), List.of(record("你好？", 1), record("b", 2)));
      JsonNode root = JsonFiles.readJson(out);
      assertThat(root.get("samples").get(1).get("id").asText()).isEqualTo("SYNTH_0002");
      assertThat(root.get("samples").get(0).get("synthetic").asBoolean()).isTrue();
      assertThat(root.get("samples").get(0).get("data").get("question").asText()).isEqualTo("你好？");
      List<DatasetReader.Item> items = DatasetReader.read(out);
      assertThat(items).extracting(DatasetReader.Item::id).containsExactly("SYNTH_0001", "SYNTH_0002");
    }

    @Test
    void writeOneRawRecordPerLineForJsonl() throws IOException {
      Path out = dir.resolve("s.jsonl");
      DatasetWriter.write(out, OutputFormat.resolve(null, out), Json.object(), Json.object(),
          List.of(record("a", 1), record("b", 2)));
      assertThat(Files.readAllLines(out)).containsExactly("{\"question\":\"a\",\"score\":1}",
          "{\"question\":\"b\",\"score\":2}");
      assertThat(DatasetReader.read(out)).hasSize(2);
    }

    @Test
    void readJsonLinesOfAnyLengthAcrossTheReadersChunks() throws IOException {
      // Lines longer than a 64 KiB chunk, ending on and across its edges, in CRLF and without a final newline.
      StringBuilder file = new StringBuilder();
      List<String> texts = new ArrayList<>();
      java.util.Random random = new java.util.Random(3);
      for (int i = 0; i < 60; i++) {
        String text = "问".repeat(random.nextInt(i % 7 == 0 ? 40_000 : 3_000)) + i;
        texts.add(text);
        file.append("{\"question\": \"").append(text).append("\"}").append(i % 2 == 0 ? "\n" : "\r\n");
        if (i % 10 == 0) {
          file.append("\n");
        }
      }
      file.setLength(file.length() - 2);
      Path out = Files.writeString(dir.resolve("long.jsonl"), file, StandardCharsets.UTF_8);

      assertThat(DatasetReader.read(out)).extracting(item -> item.object().get("question").asText())
          .containsExactlyElementsOf(texts);
    }

    @Test
    void readListsAndRefuseOtherShapes() throws IOException {
      Path list = Files.writeString(dir.resolve("l.json"), "[{\"question\": \"a\"}]");
      assertThat(DatasetReader.read(list)).hasSize(1);
      Path other = Files.writeString(dir.resolve("o.json"), "{\"x\": 1}");
      assertThatThrownBy(() -> DatasetReader.read(other)).isInstanceOf(InputException.class)
          .hasMessageContaining("no records found");
    }
  }

  @Test
  void statsCountFieldsLengthsRangesAndSmallDistributions() {
    Schema s = new Schema("", "", List.of(Field.of("question", FieldType.TEXT),
        new Field("score", "score", FieldType.INT, "", true, new Constraints(1.0, 5.0, List.of(), null, null, null),
            null)), List.of());
    DatasetStats stats = new DatasetStats(s);
    stats.add(record("一二三", 1));
    stats.add(record("abcdef", 5));
    ObjectNode q = Json.object();
    q.put("score", 5);
    stats.add(q);
    JsonNode j = stats.toJson();
    assertThat(j.get("record_count").asInt()).isEqualTo(3);
    JsonNode question = j.get("fields").get("question");
    assertThat(question.get("missing").asInt()).isEqualTo(1);
    assertThat(question.get("length").get("min").asInt()).isEqualTo(3);
    assertThat(question.get("length").get("max").asInt()).isEqualTo(6);
    JsonNode score = j.get("fields").get("score");
    assertThat(score.get("avg").asDouble()).isEqualTo(3.67);
    assertThat(score.get("min").isIntegralNumber()).as("an int field's min is an integer: %s", score).isTrue();
    assertThat(score.get("min").asLong()).isEqualTo(1);
    assertThat(score.get("max").isIntegralNumber()).isTrue();
    assertThat(score.get("max").asLong()).isEqualTo(5);
    assertThat(score.get("distribution").get("5").asInt()).isEqualTo(2);
    assertThat(DatasetStats.pathFor(dir.resolve("synthetic.json"))).hasFileName("synthetic.stats.json");
  }

  @Test
  void zeroPadsIdsToTheWidthOfTheFileSoThatTheySort() {
    assertThat(DatasetWriter.id(7)).isEqualTo("SYNTH_0007");
    assertThat(DatasetWriter.idDigits(9_999)).isEqualTo(4);
    assertThat(DatasetWriter.idDigits(10_000)).isEqualTo(5);
    assertThat(DatasetWriter.id(7, DatasetWriter.idDigits(10_000))).isEqualTo("SYNTH_00007");
    assertThat(DatasetWriter.id(10_000, 5)).isEqualTo("SYNTH_10000");
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (long n = 1; n <= 12_000; n += 997) {
      ids.add(DatasetWriter.id(n, DatasetWriter.idDigits(12_000)));
    }
    assertThat(ids).isSorted();
  }

  @Test
  void writesIdsWithTheHeadersWidth() throws java.io.IOException {
    Path out = dir.resolve("wide.json");
    try (DatasetSink sink = DatasetSink.open(out, OutputFormat.JSON,
        new DatasetHeader(Json.object(), Json.object(), 5), true)) {
      sink.write(Json.object().put("q", "a"));
      sink.commit();
    }
    assertThat(io.datasynth.json.JsonFiles.readJson(out, io.datasynth.json.InputKind.DATASET)
        .at("/samples/0/id").asText()).isEqualTo("SYNTH_00001");
  }

  @Test
  void refusesAFormatThatContradictsTheOutputsExtension() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutputFormat.resolve(OutputFormat.JSONL,
            Path.of("out/x.json"))).isInstanceOf(io.datasynth.error.ConfigException.class)
        .hasMessageContaining("x.json is a json file name").hasMessageContaining("x.jsonl");
    assertThat(OutputFormat.resolve(OutputFormat.JSONL, Path.of("x.jsonl"))).isSameAs(OutputFormat.JSONL);
    assertThat(OutputFormat.resolve(OutputFormat.JSONL, Path.of("x.out"))).isSameAs(OutputFormat.JSONL);
    assertThat(OutputFormat.resolve(null, Path.of("x.jsonl"))).isSameAs(OutputFormat.JSONL);
  }
}
