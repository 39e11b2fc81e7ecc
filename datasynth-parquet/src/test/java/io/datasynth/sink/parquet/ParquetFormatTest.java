package io.datasynth.sink.parquet;

import static io.datasynth.sink.parquet.ParquetFixtures.SCHEMA;
import static io.datasynth.sink.parquet.ParquetFixtures.json;
import static io.datasynth.sink.parquet.ParquetFixtures.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.ValidationReport;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.schema.SchemaReader;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.sink.DatasetReader;
import io.datasynth.sink.DatasetSource;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.OutputFormat;
import io.datasynth.sink.OutputFormats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFormatTest {
  @TempDir Path dir;

  static ObjectNode meta() {
    return Json.object().put("model", "qwen2.5:7b").put("generator", "DataSynth").put("说明", "中文元数据");
  }

  private Path write(String name, List<ObjectNode> records) {
    Path out = dir.resolve(name);
    DatasetWriter.write(out, OutputFormat.resolve(null, out), meta(), SchemaWriter.toJson(SCHEMA), records);
    return out;
  }

  private static List<ObjectNode> read(Path file) {
    List<ObjectNode> out = new ArrayList<>();
    DatasetReader.read(file).forEach(i -> out.add(i.object()));
    return out;
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  @Nested
  class WhenTheModuleIsOnTheClassPath {
    @Test
    void isFoundByNameAndByExtension() {
      assertThat(OutputFormat.parse("PARQUET")).hasValueSatisfying(f -> assertThat(f).isInstanceOf(ParquetFormat.class));
      assertThat(OutputFormat.resolve(null, Path.of("数据.parquet"))).isInstanceOf(ParquetFormat.class);
      assertThat(OutputFormats.names()).containsExactly("json", "jsonl", "parquet");
      assertThat(OutputFormat.parse("parquet").orElseThrow().typed()).isTrue();
    }
  }

  @Nested
  class WhenRecordsAreWrittenAndReadBack {
    @Test
    void giveTheSameRecordsWithChineseNamesAndTextAndOptionalFieldsLeftOut() throws IOException {
      Path out = write("合成数据.parquet", records());

      assertThat(Files.readAllBytes(out)).startsWith('P', 'A', 'R', '1');
      List<ObjectNode> back = read(out);
      assertThat(back).hasSize(3);
      assertThat(back.get(0)).isEqualTo(records().get(0));
      assertThat(back.get(1)).isEqualTo(records().get(1));
      assertThat(back.get(2).has("权重")).isTrue();
      assertThat(back.get(2).has("nums")).isFalse();
      assertThat(back.get(2).get("score").asLong()).isEqualTo(9007199254740993L);
      assertThat(back.get(2).get("权重").asDouble()).isEqualTo(1.5e10);
    }

    @Test
    void carryTheMetadataAndTheSchemaInTheKeyValueMetadata() {
      Path out = write("s.parquet", records());

      try (DatasetSource source = DatasetReader.open(out)) {
        assertThat(source.metadata()).contains(meta());
        assertThat(source.schema()).hasValueSatisfying(s ->
            assertThat(SchemaReader.fromJson(s, null)).isEqualTo(SCHEMA));
      }
    }

    @Test
    void writeAFileWithNoRowsThatReadsBackEmpty() {
      Path out = write("empty.parquet", List.of());

      assertThat(read(out)).isEmpty();
    }

    @Test
    void coerceNumbersAndBooleansGivenAsText() {
      ObjectNode r = json("{\"问题\": 42, \"score\": \"7\", \"ok\": \"true\", \"标签\": [\"a\"], \"nums\": [2.0]}");

      ObjectNode back = read(write("c.parquet", List.of(r))).get(0);

      assertThat(back).isEqualTo(json("{\"问题\": \"42\", \"score\": 7, \"ok\": true, \"标签\": [\"a\"], "
          + "\"nums\": [2]}"));
    }
  }

  @Nested
  class WhenARecordDoesNotFitTheColumns {
    @Test
    void failsNamingTheRecordAndFieldAndLeavesTheOldFileAndNoTemporary() throws IOException {
      Path out = Files.writeString(dir.resolve("out.parquet"), "old");
      List<ObjectNode> bad = List.of(records().get(0), json("{\"问题\": \"x\", \"score\": \"many\", \"ok\": true, "
          + "\"标签\": []}"));

      assertThatThrownBy(() -> write("out.parquet", bad)).isInstanceOf(InputException.class)
          .hasMessageContaining("record 2").hasMessageContaining("'score'").hasMessageContaining("not a number");
      assertThat(out).hasContent("old");
      assertThat(listing()).containsExactly(out);
    }

    @Test
    void refusesAMissingRequiredValueAndAKeyTheSchemaDoesNotHave() {
      assertThatThrownBy(() -> write("a.parquet", List.of(json("{\"score\": 1, \"ok\": true, \"标签\": []}"))))
          .isInstanceOf(InputException.class).hasMessageContaining("'问题'").hasMessageContaining("required");
      assertThatThrownBy(() -> write("b.parquet", List.of(json("{\"问题\": \"q\", \"score\": 1, \"ok\": true, "
          + "\"标签\": [], \"多余\": 1}")))).isInstanceOf(InputException.class).hasMessageContaining("'多余'");
    }

    @Test
    void refusesToStartWithoutASchema() {
      Path out = dir.resolve("n.parquet");
      assertThatThrownBy(() -> DatasetWriter.write(out, OutputFormat.resolve(null, out), meta(), Json.object(),
          records())).isInstanceOf(InputException.class).hasMessageContaining("schema");
      assertThat(out).doesNotExist();
    }
  }

  @Nested
  class WhenTheFileIsNotParquet {
    @Test
    void saysSoNamingTheFile() throws IOException {
      Path cut = dir.resolve("cut.parquet");
      byte[] whole = Files.readAllBytes(write("whole.parquet", records()));
      Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));

      assertThatThrownBy(() -> DatasetReader.read(cut)).isInstanceOf(InputException.class)
          .hasMessageContaining(cut.toString()).hasMessageContaining("not a readable Parquet file");
    }
  }

  @Nested
  class WhenDatasetsAreConvertedAndValidated {
    @Test
    void convertsJsonToParquetAndBackWithTheSchemaTheJsonCarries() {
      Path json = write("run.json", records());
      Path parquet = dir.resolve("run.parquet");
      Path back = dir.resolve("back.jsonl");

      assertThat(DataSynthesizer.convert(json, parquet, null, false)).isEqualTo(3);
      assertThat(DataSynthesizer.convert(parquet, back, null, false)).isEqualTo(3);

      assertThat(read(back)).isEqualTo(read(json));
      try (DatasetSource source = DatasetReader.open(parquet)) {
        assertThat(source.metadata()).hasValueSatisfying(m -> {
          assertThat(m.get("model").asText()).isEqualTo("qwen2.5:7b");
          assertThat(m.get("converted_from").asText()).isEqualTo("run.json");
        });
      }
    }

    @Test
    void infersTypedColumnsForJsonLinesThatCarryNoSchema() throws IOException {
      Path jsonl = Files.writeString(dir.resolve("d.jsonl"),
          "{\"问\": \"一\", \"n\": 1, \"f\": 0.5, \"tags\": [\"a\"]}\n{\"问\": \"二\", \"n\": 2, \"f\": 1}\n");
      Path parquet = dir.resolve("d.parquet");

      DataSynthesizer.convert(jsonl, parquet, null, false);

      List<ObjectNode> back = read(parquet);
      assertThat(back.get(0)).isEqualTo(json("{\"问\": \"一\", \"n\": 1, \"f\": 0.5, \"tags\": [\"a\"]}"));
      assertThat(back.get(1).get("f").isDouble()).isTrue();
      assertThat(back.get(1).has("tags")).isFalse();
    }

    @Test
    void validatesAParquetFile() {
      Path out = write("v.parquet", records());

      ValidationReport r = DataSynthesizer.validate(out, SCHEMA);

      assertThat(r.total()).isEqualTo(3);
      assertThat(r.valid()).isEqualTo(3);
    }

    @Test
    void readsTheRecordsOfAParquetOutputIntoTheJsonLayout() {
      Path parquet = write("p.parquet", records());
      Path json = dir.resolve("p.json");

      DataSynthesizer.convert(parquet, json, null, false);

      assertThat(JsonFiles.readJson(json).get("samples").get(0).get("data")).isEqualTo(records().get(0));
      assertThat(JsonFiles.readJson(json).get("schema")).isEqualTo(SchemaWriter.toJson(SCHEMA));
    }
  }
}
