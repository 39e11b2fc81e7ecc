package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static io.datasynth.cli.TestFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.JsonFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code validate} and {@code convert}: dataset files on their own. */
class DatasetCommandsTest {
  @TempDir Path dir;

  static final String DATASET = """
      {"metadata": {"generator": "DataSynth"}, "schema": {},
       "samples": [
        {"id": "SYNTH_0001", "data": {"instruction": "怎样泡绿茶？", "response": "用八十度左右的水，先温杯再投茶，浸泡两三分钟即可。", "category": "生活建议", "quality": 4}, "synthetic": true},
        {"id": "SYNTH_0002", "data": {"instruction": "What is a haiku?", "response": "A three-line poem of 5, 7 and 5 syllables.", "category": "写作", "quality": 5}, "synthetic": true}
       ]}
      """;

  @Nested
  class Validate {
    @Test
    @Timeout(120) // the JDK's backtracking engine needs hours for these; a hang fails here instead
    void aCatastrophicPatternTakesNoLongerThanAnyOther() {
      Path schema = TestFiles.write(dir.resolve("schema.json"), """
          {"fields": [{"name": "a", "type": "text", "constraints": {"pattern": "^((a+)+)+$"}},
                      {"name": "b", "type": "text", "constraints": {"pattern": "(.*a){12}$"}}]}""");
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < 50; i++) {
        lines.append("{\"a\": \"").append("a".repeat(40 + i)).append("!\", \"b\": \"")
            .append("a".repeat(60 + i)).append("!\"}\n");
      }
      lines.append("{\"a\": \"aaaa\", \"b\": \"").append("xa".repeat(12)).append("\"}\n");
      Path data = TestFiles.write(dir.resolve("data.jsonl"), lines.toString());

      Cli.Result r = Cli.in(dir).run("validate", data, schema);

      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.out()).contains("✗ 50 of 51 records break the schema")
          .contains("does not match pattern ^((a+)+)+$").contains("does not match pattern (.*a){12}$");
    }

    @Test
    void exitsZeroOnAValidFile() {
      Path zh = example("instruction_zh", dir);
      Path data = TestFiles.write(dir.resolve("data.json"), DATASET);
      Cli.Result r = Cli.in(dir).run("validate", data, zh.resolve("schema.json"));

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ 2 records, all valid");
    }

    @Test
    void exitsOneAndListsEachBrokenRecordWithItsFieldAndProblem() {
      Path zh = example("instruction_zh", dir);
      Path data = TestFiles.write(dir.resolve("data.jsonl"), """
          {"instruction": "怎样泡绿茶？", "response": "用八十度左右的水，先温杯再投茶，浸泡两三分钟即可。", "category": "生活建议", "quality": 4}
          {"instruction": "怎样泡红茶？", "response": "用沸水冲泡，三到五分钟后取出茶包。", "category": "生活建议", "quality": 9}
          {"instruction": "Hi", "response": "A reply that is long enough.", "category": "闲聊", "quality": 3}
          """);
      Cli.Result r = Cli.in(dir).run("validate", data, zh.resolve("schema.json"));

      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.out()).contains("✗ 2 of 3 records break the schema")
          .contains("record 2: quality: 9 out of range [1, 5]")
          .contains("record 3: instruction: length 2 < min_length 4")
          .containsPattern("record 3: category: '闲聊' not in allowed values");
    }

    @Test
    void namesRecordsByTheirPositionAlsoWhenTheyHaveIds() {
      Path zh = example("instruction_zh", dir);
      Path data = TestFiles.write(dir.resolve("data.json"), DATASET.replace("\"quality\": 5", "\"quality\": 0"));
      Cli.Result r = Cli.in(dir).run("validate", data, zh.resolve("schema.json"));

      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.out()).contains("record 2: quality: 0 out of range [1, 5]").contains("SYNTH_0002");
    }

    @ParameterizedTest
    @CsvSource({"instruction_zh, seeds.json, schema.json", "preference, seeds.jsonl, schema.json",
        "json_schema, seeds.json, schema.json", "recipe_demo, 09_样例数据/samples.json, 04_复刻指南/DATA_SCHEMA.json"})
    void findsEveryBundledExamplesSeedsValid(String example, String seeds, String schema) {
      Path ex = example(example, dir);
      Cli.Result r = Cli.in(dir).run("validate", ex.resolve(seeds), ex.resolve(schema));

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("all valid");
    }

    @Test
    void acceptsADataRecipeFolderAsTheSchema() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("validate", recipe.resolve("09_样例数据/samples.json"), recipe);

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ 6 records, all valid");
    }
  }

  @Nested
  class Convert {
    @Test
    void unwrapsSamplesDataIntoJsonLines() {
      Path in = TestFiles.write(dir.resolve("data.json"), DATASET);
      Path out = dir.resolve("data.jsonl");
      Cli.Result r = Cli.in(dir).run("convert", in, "-o", out);

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ Converted 2 records: " + out);
      assertThat(read(out).lines()).hasSize(2).first().asString().startsWith("{\"instruction\":\"怎样泡绿茶？\"");
    }

    @Test
    void wrapsJsonLinesIntoTheJsonLayout() {
      Path in = TestFiles.write(dir.resolve("seeds.jsonl"), read(example("preference", dir)
          .resolve("seeds.jsonl")));
      Path out = dir.resolve("seeds.json");
      Cli.Result r = Cli.in(dir).run("convert", in, "-o", out);

      assertThat(r.code()).as(r.describe()).isZero();
      JsonNode root = JsonFiles.readJson(out);
      assertThat(root.get("samples")).hasSize(6);
      assertThat(root.get("samples").get(0).get("id").asText()).isEqualTo("SYNTH_0001");
      assertThat(root.get("samples").get(0).get("data").get("prompt").asText()).startsWith("How do I");
    }

    @Test
    void followsFormatOverTheExtension() {
      Path in = TestFiles.write(dir.resolve("data.json"), DATASET);
      Path out = dir.resolve("data.txt");
      Cli.Result r = Cli.in(dir).run("convert", in, "-o", out, "--format", "jsonl");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(read(out).lines()).hasSize(2);
    }

    @Test
    void refusesToOverwriteWithoutForce() {
      Path in = TestFiles.write(dir.resolve("data.json"), DATASET);
      Path out = TestFiles.write(dir.resolve("data.jsonl"), "old\n");
      Cli.Result r = Cli.in(dir).run("convert", in, "-o", out);

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.errLines()).singleElement().asString().contains(out.toString()).contains("already exists")
          .contains("--force");
      assertThat(read(out)).isEqualTo("old\n");

      assertThat(Cli.in(dir).run("convert", in, "-o", out, "--force").code()).isZero();
      assertThat(read(out).lines()).hasSize(2);
    }

    @Test
    void refusesToConvertAFileOntoItself() {
      Path in = TestFiles.write(dir.resolve("data.json"), DATASET);
      Cli.Result r = Cli.in(dir).run("convert", in, "-o", in, "--force");

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(read(in)).isEqualTo(DATASET);
    }
  }
}
