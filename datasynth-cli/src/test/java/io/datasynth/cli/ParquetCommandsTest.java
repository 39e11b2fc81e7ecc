package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static io.datasynth.cli.TestFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.sink.DatasetReader;
import io.datasynth.sink.DatasetSource;
import io.datasynth.testkit.FakeProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate}, {@code convert} and {@code validate} with Parquet, and {@code --format}'s names. */
class ParquetCommandsTest {
  @TempDir Path dir;

  @Nested
  class WhenGenerating {
    @Test
    void writesExactlyNRecordsAsParquetIntoTheFoldersSyntheticParquet() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 12, "--format", "parquet",
            "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        Path out = recipe.resolve("11_合成数据/synthetic.parquet");
        List<DatasetReader.Item> items = DatasetReader.read(out);
        assertThat(items).hasSize(12);
        assertThat(items.stream().map(i -> i.object().toString()).distinct()).hasSize(12);
        assertThat(items.get(0).object().get("question").asText()).startsWith("问题");
        try (DatasetSource source = DatasetReader.open(out)) {
          assertThat(source.metadata().orElseThrow().get("generated_count").asInt()).isEqualTo(12);
          assertThat(source.schema().orElseThrow().get("fields")).hasSize(4);
        }
        assertThat(recipe.resolve("11_合成数据/synthetic.journal.jsonl")).doesNotExist();
      }
    }
  }

  @Nested
  class WhenConverting {
    @Test
    void goesFromJsonToParquetAndBackWithChineseTextIntact() throws IOException {
      Path in = TestFiles.write(dir.resolve("data.json"), DatasetCommandsTest.DATASET);
      Path schema = example("instruction_zh", dir).resolve("schema.json");
      Path parquet = dir.resolve("合成.parquet");

      Cli.Result r = Cli.in(dir).run("convert", in, "-o", parquet, "--schema", schema);

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ Converted 2 records: " + parquet);
      assertThat(Files.readAllBytes(parquet)).startsWith('P', 'A', 'R', '1');

      Path back = dir.resolve("back.jsonl");
      assertThat(Cli.in(dir).run("convert", parquet, "-o", back).code()).isZero();
      assertThat(read(back).lines()).hasSize(2).first().asString().startsWith("{\"instruction\":\"怎样泡绿茶？\"");
    }

    @Test
    void validatesAParquetFile() {
      Path in = TestFiles.write(dir.resolve("data.json"), DatasetCommandsTest.DATASET);
      Path schema = example("instruction_zh", dir).resolve("schema.json");
      Path parquet = dir.resolve("data.parquet");
      Cli.in(dir).run("convert", in, "-o", parquet, "--format", "parquet", "--schema", schema);

      Cli.Result r = Cli.in(dir).run("validate", parquet, schema);

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ 2 records, all valid");
    }

    @Test
    void refusesAnUnknownFormatListingTheInstalledOnes() {
      Path in = TestFiles.write(dir.resolve("data.json"), DatasetCommandsTest.DATASET);

      Cli.Result r = Cli.in(dir).run("convert", in, "-o", dir.resolve("x.orc"), "--format", "orc");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).singleElement().asString().contains("'orc'").contains("json, jsonl, parquet")
          .contains("--format");
    }

    @Test
    void refusesARecordThatDoesNotFitItsColumnAndWritesNothing() {
      Path in = TestFiles.write(dir.resolve("bad.jsonl"), "{\"q\": \"a\", \"n\": 1}\n{\"q\": \"b\", \"n\": \"two\"}\n");
      Path schema = TestFiles.write(dir.resolve("schema.json"),
          "{\"fields\": [{\"name\": \"q\", \"type\": \"text\"}, {\"name\": \"n\", \"type\": \"int\"}]}");
      Path out = dir.resolve("bad.parquet");

      Cli.Result r = Cli.in(dir).run("convert", in, "-o", out, "--schema", schema);

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.errLines()).singleElement().asString().contains("record 2").contains("'n'");
      assertThat(out).doesNotExist();
    }
  }
}
