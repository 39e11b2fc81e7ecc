package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static io.datasynth.cli.TestFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code prepare}, interactive mode step 1, as a new user runs it on each kind of input. No key is ever set. */
class PrepareCommandTest {
  @TempDir Path dir;

  Cli cli() {
    return Cli.in(dir);
  }

  @Nested
  class OnEachKindOfInput {
    @Test
    void printsAChinesePromptForADataRecipeFolderAndNamesTheParseCommand() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = cli().run("prepare", recipe.toString(), "-n", "10");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("# 数据合成任务").contains("电商客服对话质量").contains("`question`")
          .contains("## 标注规范").contains("10");
      assertThat(r.err()).contains("The prompt asks for 10 records").contains("zh")
          .contains("datasynth parse reply.md " + recipe);
    }

    @Test
    void printsAnEnglishPromptForASchemaAndJsonLinesSeeds() {
      Path pref = example("preference", dir);
      Cli.Result r = cli().run("prepare", "--schema", pref.resolve("schema.json").toString(),
          "--seeds", pref.resolve("seeds.jsonl").toString(), "-n", "4");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("# Data synthesis task").contains("Generate preference records")
          .contains("`margin` (number, required)").contains("Reply with only a JSON array of objects").contains("Generate exactly 4 new records");
      assertThat(r.err()).contains("datasynth parse reply.md --schema " + pref.resolve("schema.json")
          + " --seeds " + pref.resolve("seeds.jsonl") + " -o synthetic.json");
    }

    @Test
    void readsACombinedFileGivenAsSchema() {
      Path combined = TestFiles.write(dir.resolve("combined.json"), """
          {"schema": {"project_name": "colours", "fields": [{"name": "name", "type": "text"},
                      {"name": "hex", "type": "text", "pattern": "^#[0-9a-f]{6}$"}]},
           "samples": [{"id": "c1", "data": {"name": "teal", "hex": "#008080"}}]}""");
      Cli.Result r = cli().run("prepare", "--schema", combined.toString(), "-n", "3");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("\"colours\"").contains("#008080");
    }

    @Test
    void readsAStandardJsonSchema() {
      Path js = example("json_schema", dir);
      Cli.Result r = cli().run("prepare", "--schema", js.resolve("schema.json").toString(),
          "--seeds", js.resolve("seeds.json").toString());

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("`review`").contains("`sentiment`").contains("positive")
          .contains("`stars`").contains("`aspects`");
      assertThat(r.err()).contains("The prompt asks for 10 records");
    }
  }

  @Nested
  class WithAnOutputFile {
    @Test
    void writesThePromptToTheFileAndNothingToStandardOutput() {
      Path zh = example("instruction_zh", dir);
      Path prompt = dir.resolve("prompt.md");
      Cli.Result r = cli().run("prepare", "--schema", zh.resolve("schema.json").toString(),
          "--seeds", zh.resolve("seeds.json").toString(), "-o", prompt.toString());

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).isEmpty();
      assertThat(read(prompt)).contains("# 数据合成任务").contains("中文指令数据");
      assertThat(r.err()).contains("is in " + prompt).contains("datasynth parse reply.md");
    }

    @Test
    void refusesToOverwriteItWithoutForce() {
      Path zh = example("instruction_zh", dir);
      Path prompt = TestFiles.write(dir.resolve("prompt.md"), "my notes");
      String[] args = {"prepare", "--schema", zh.resolve("schema.json").toString(),
          "--seeds", zh.resolve("seeds.json").toString(), "-o", prompt.toString()};
      Cli.Result r = cli().run(args);

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.errLines()).singleElement().asString()
          .startsWith("error: " + prompt).contains("already exists").contains("--force");
      assertThat(read(prompt)).isEqualTo("my notes");

      String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
      forced[args.length] = "--force";
      assertThat(cli().run(forced).code()).isZero();
      assertThat(read(prompt)).contains("# 数据合成任务");
    }
  }

  @Nested
  class PromptSettings {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "instruction_response | Generate instruction–response records",
        "preference           | Generate preference records",
        "multi_turn           | Generate multi-turn conversations",
        "generic              | Generate new records"})
    void dataTypeChoosesTheTemplateWhenTheUserInsists(String type, String task) {
      Path pref = example("preference", dir);
      Cli.Result r = cli().run("prepare", "--schema", pref.resolve("schema.json").toString(),
          "--seeds", pref.resolve("seeds.jsonl").toString(), "--data-type", type, "--no-validate");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains(task);
      assertThat(r.err()).contains("(" + type + ", en,");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "instruction_response | 生成指令-回复数据",
        "preference           | 生成偏好数据",
        "multi_turn           | 生成多轮对话数据",
        "generic              | 生成新的数据记录"})
    void dataTypeChoosesTheChineseTemplateWhenTheUserInsists(String type, String task) {
      Path zh = example("instruction_zh", dir);
      Cli.Result r = cli().run("prepare", "--schema", zh.resolve("schema.json").toString(),
          "--seeds", zh.resolve("seeds.json").toString(), "--data-type", type, "--no-validate");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains(task);
    }

    @Test
    void langEnWritesAnEnglishPromptForChineseSeeds() {
      Path zh = example("instruction_zh", dir);
      Cli.Result r = cli().run("prepare", "--schema", zh.resolve("schema.json").toString(),
          "--seeds", zh.resolve("seeds.json").toString(), "--lang", "en");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("# Data synthesis task").contains("## Examples").doesNotContain("# 数据合成任务");
      assertThat(r.err()).contains(", en,");
    }

    @Test
    void theSameSeedGivesTheSamePromptAndAnotherSeedOtherExamples() {
      Path zh = example("instruction_zh", dir);
      String[] base = {"prepare", "--schema", zh.resolve("schema.json").toString(),
          "--seeds", zh.resolve("seeds.json").toString(), "--examples", "2", "--seed"};
      String first = cli().run(concat(base, "7")).out();
      String again = cli().run(concat(base, "7")).out();
      assertThat(again).isEqualTo(first);
      boolean anyDiffers = false;
      for (int s = 8; s < 20 && !anyDiffers; s++) {
        anyDiffers = !cli().run(concat(base, Integer.toString(s))).out().equals(first);
      }
      assertThat(anyDiffers).as("some other seed samples other examples").isTrue();
    }

    @Test
    void aTemplateFileIsRenderedWithItsPlaceholders() {
      Path zh = example("instruction_zh", dir);
      Path template = TestFiles.write(dir.resolve("my.md"), """
          Project {{project}} ({{data_type}}): write {{batch_size}} records.
          {{schema}}
          Examples ({{seed_count}}):
          {{seed_examples}}
          """);
      Cli.Result r = cli().run("prepare", "--schema", zh.resolve("schema.json").toString(),
          "--seeds", zh.resolve("seeds.json").toString(), "--template", template.toString(), "-n", "6");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("Project 中文指令数据 (instruction_response): write 6 records.")
          .contains("Examples (3):").contains("`quality`").doesNotContain("{{");
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderIsAnErrorNamingItAndItsLine() {
      Path zh = example("instruction_zh", dir);
      Path template = TestFiles.write(dir.resolve("my.md"), "Write {{batch_size}} records.\n\n{{examples}}\n");
      Cli.Result r = cli().run("prepare", "--schema", zh.resolve("schema.json").toString(),
          "--seeds", zh.resolve("seeds.json").toString(), "--template", template.toString());

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.errLines()).singleElement().asString()
          .contains(template + ":3").contains("unknown placeholder {{examples}}").contains("{{seed_examples}}");
    }
  }

  static String[] concat(String[] a, String last) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }
}
