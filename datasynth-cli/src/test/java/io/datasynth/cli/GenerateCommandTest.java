package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static io.datasynth.cli.TestFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate DIR} and {@code create SCHEMA SEEDS -o OUT} against the fake provider, over both wire formats. */
class GenerateCommandTest {
  @TempDir Path dir;

  static List<JsonNode> samples(Path output) {
    JsonNode root = JsonFiles.readJson(output);
    List<JsonNode> out = new java.util.ArrayList<>();
    root.get("samples").forEach(out::add);
    return out;
  }

  static List<JsonNode> jsonLines(Path output) {
    return read(output).lines().filter(l -> !l.isBlank()).map(l -> {
      try {
        return Json.mapper().readTree(l);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + l, e);
      }
    }).toList();
  }

  @Nested
  class GenerateOnADataRecipeFolder {
    @Test
    void writesExactlyNRecordsIntoTheFoldersSyntheticJsonWithMetadata() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe.toString(), "-n", "12", "--progress", "none");

        assertThat(r.code()).as(r.describe()).isZero();
        Path out = recipe.resolve("11_合成数据/synthetic.json");
        assertThat(r.out()).contains("✓ Generated 12 records: " + out);
        assertThat(r.err()).contains("Generating 12 records with anthropic claude-sonnet-5-5 from " + recipe + " into "
            + out);
        List<JsonNode> samples = samples(out);
        assertThat(samples).hasSize(12);
        assertThat(samples.get(0).get("id").asText()).isEqualTo("SYNTH_0001");
        assertThat(samples.get(0).get("synthetic").asBoolean()).isTrue();
        assertThat(samples.get(0).get("data").get("question").asText()).startsWith("问题");
        Set<String> distinct = new HashSet<>();
        samples.forEach(s -> distinct.add(s.get("data").toString()));
        assertThat(distinct).hasSize(12);
        JsonNode meta = JsonFiles.readJson(out).get("metadata");
        assertThat(meta.get("generator").asText()).isEqualTo("DataSynth");
        assertThat(meta.get("provider").asText()).isEqualTo("anthropic");
        assertThat(meta.get("model").asText()).isEqualTo("claude-sonnet-5-5");
        assertThat(meta.get("generated_count").asInt()).isEqualTo(12);
        assertThat(meta.get("seed_count").asInt()).isEqualTo(6);
        assertThat(meta.get("complete").asBoolean()).isTrue();
        assertThat(meta.get("tokens").get("total").asLong()).isPositive();
        assertThat(meta.get("cost_usd").asDouble()).isPositive();
        assertThat(meta.get("config").get("temperature").isNull()).as("no temperature was sent").isTrue();
        assertThat(JsonFiles.readJson(out).get("schema").get("fields")).hasSize(4);
        assertThat(recipe.resolve("11_合成数据/synthetic.journal.jsonl")).doesNotExist();
      }
    }

    @Test
    void worksThroughTheOpenAiApiToo() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.openAi(Cli.in(dir), fake).run("generate", recipe, "-n", 8, "-p", "openai", "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(samples(recipe.resolve("11_合成数据/synthetic.json"))).hasSize(8);
        assertThat(fake.requests()).allSatisfy(q -> assertThat(q.path()).isEqualTo("/v1/chat/completions"));
      }
    }

    @Test
    void writesJsonLinesWithFormatJsonl() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake)
            .run("generate", recipe.toString(), "-n", "7", "--format", "jsonl", "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        List<JsonNode> lines = jsonLines(recipe.resolve("11_合成数据/synthetic.jsonl"));
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0).has("question")).isTrue();
        assertThat(lines.get(0).has("data")).isFalse();
      }
    }
  }

  @Nested
  class WithModelRules {
    @Test
    void aTemperatureForAModelThatTakesNoneIsABadUsageBeforeAnyRequest() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 5, "-t", 0.5, "-q");

        assertThat(r.code()).as(r.describe()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("claude-sonnet-5-5").contains("-t/--temperature").contains("--diversity");
        assertThat(fake.totalRequests()).isZero();
        assertThat(recipe.resolve("11_合成数据")).doesNotExist();
      }
    }

    @Test
    void aTemperatureGoesToAModelThatTakesOne() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake)
            .run("generate", recipe, "-n", 5, "-m", "claude-haiku-4-5", "-t", 0.5, "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(fake.requests()).allSatisfy(q -> assertThat(q.temperature()).isEqualTo(0.5));
      }
    }

    @Test
    void anUnknownEffortIsABadUsageNamingTheOnesTheModelTakes() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake)
            .run("generate", recipe, "-n", 5, "--reasoning-effort", "turbo", "-q");

        assertThat(r.code()).as(r.describe()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("turbo").contains("high").contains("--reasoning-effort");
        assertThat(fake.totalRequests()).isZero();
      }
    }
  }

  @Nested
  class CreateFromPlainFiles {
    @Test
    void deliversExactlyNChineseRecordsThroughTheAnthropicApi() {
      Path zh = example("instruction_zh", dir);
      Path out = dir.resolve("out.json");
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("create", zh.resolve("schema.json").toString(),
            zh.resolve("seeds.json").toString(), "-o", out.toString(), "-n", "11", "-p", "anthropic", "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(samples(out)).hasSize(11);
        assertThat(fake.requests()).allSatisfy(q -> assertThat(q.path()).isEqualTo("/v1/messages"));
      }
    }

    @Test
    void deliversExactlyNEnglishRecordsThroughTheOpenAiApi() {
      Path pref = example("preference", dir);
      Path out = dir.resolve("out.json");
      try (FakeProvider fake = Fakes.serving(Fakes.PREFERENCE)) {
        Cli.Result r = Fakes.openAi(Cli.in(dir), fake).run("create", pref.resolve("schema.json").toString(),
            pref.resolve("seeds.jsonl").toString(), "-o", out.toString(), "-n", "9", "-p", "openai", "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(samples(out)).hasSize(9);
        JsonNode meta = JsonFiles.readJson(out).get("metadata");
        assertThat(meta.get("provider").asText()).isEqualTo("openai");
        assertThat(meta.get("model").asText()).isEqualTo("gpt-5-mini");
        assertThat(fake.requests()).allSatisfy(q -> assertThat(q.path()).isEqualTo("/v1/chat/completions"));
      }
    }

    @Test
    void writesJsonLinesWhenTheOutputEndsInJsonl() {
      Path js = example("json_schema", dir);
      Path out = dir.resolve("reviews.jsonl");
      try (FakeProvider fake = Fakes.serving(Fakes.REVIEWS)) {
        Cli.Result r = Fakes.openAi(Cli.in(dir), fake).run("create", js.resolve("schema.json").toString(),
            js.resolve("seeds.json").toString(), "-o", out.toString(), "-n", "6", "-p", "openai", "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        List<JsonNode> lines = jsonLines(out);
        assertThat(lines).hasSize(6);
        assertThat(lines).allSatisfy(l -> assertThat(l.get("stars").asInt()).isEqualTo(4));
      }
    }

    @Test
    void readsACombinedSchemaAndSamplesFile() {
      Path combined = TestFiles.write(dir.resolve("combined.json"), """
          {"schema": {"fields": [{"name": "instruction", "type": "text"}, {"name": "response", "type": "text"}]},
           "samples": [{"instruction": "Name a colour.", "response": "Teal."},
                       {"instruction": "Name a fruit.", "response": "A mango."}]}""");
      Path out = dir.resolve("out.json");
      try (FakeProvider fake = Fakes.serving("""
          {"instruction": "Task {n}: {words}", "response": "Answer {n}: {words}"}""")) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake)
            .run("create", combined.toString(), "-o", out.toString(), "-n", "5", "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(samples(out)).hasSize(5);
      }
    }

    @Test
    void refusesToOverwriteAnExistingOutputWithoutForce() {
      Path zh = example("instruction_zh", dir);
      Path out = TestFiles.write(dir.resolve("out.json"), "keep me");
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli cli = Fakes.anthropic(Cli.in(dir), fake);
        Cli.Result r = cli.run("create", zh.resolve("schema.json").toString(), zh.resolve("seeds.json").toString(),
            "-o", out.toString(), "-n", "3", "-q");

        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).contains("already exists").contains("--force");
        assertThat(read(out)).isEqualTo("keep me");
        assertThat(fake.totalRequests()).isZero();

        Cli.Result forced = cli.run("create", zh.resolve("schema.json").toString(),
            zh.resolve("seeds.json").toString(), "-o", out.toString(), "-n", "3", "-q", "--force");
        assertThat(forced.code()).as(forced.describe()).isZero();
        assertThat(samples(out)).hasSize(3);
      }
    }
  }

  @Nested
  class BaseUrls {
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "anthropic, '',       /v1/messages",
        "anthropic, /,        /v1/messages",
        "openai,    /v1,      /v1/chat/completions",
        "openai,    /v1/,     /v1/chat/completions",
        "openai,    '',       /v1/chat/completions"})
    void followTheOfficialSdksWithOrWithoutATrailingSlash(String provider, String suffix, String path) {
      Path zh = example("instruction_zh", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = Cli.in(dir).env(provider.equals("openai") ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY", Fakes.KEY)
            .run("create", zh.resolve("schema.json"), zh.resolve("seeds.json"), "-o", dir.resolve("out.json"),
                "-n", 2, "-q", "-p", provider, "--base-url", fake.anthropicBaseUrl() + suffix);

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(fake.requests()).isNotEmpty().allSatisfy(q -> assertThat(q.path()).isEqualTo(path));
      }
    }
  }

  @Nested
  class DryRun {
    @Test
    void estimatesWithoutAKeyAndSendsNothing() {
      Path zh = example("instruction_zh", dir);
      Path out = dir.resolve("out.json");
      Cli.Result r = Cli.in(dir).run("create", zh.resolve("schema.json").toString(),
          zh.resolve("seeds.json").toString(), "-o", out.toString(), "-n", "23", "--dry-run");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("batches:        5 (5 records each)").contains("cost:           $");
      assertThat(out).doesNotExist();
      assertThat(Files.exists(dir.resolve("out.journal.jsonl"))).isFalse();
      assertThat(r.err()).contains("a real run would stop here: ANTHROPIC_API_KEY is not set");
    }

    @Test
    void warnsThatTheOutputExists() throws java.io.IOException {
      Path zh = example("instruction_zh", dir);
      Path out = Files.writeString(dir.resolve("out.json"), "{}");
      Cli.Result r = Cli.in(dir).env("ANTHROPIC_API_KEY", "sk-test").run("create", zh.resolve("schema.json"),
          zh.resolve("seeds.json"), "-o", out, "-n", "5", "--dry-run");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.err()).contains(out + " already exists").doesNotContain("would stop");
      assertThat(Files.readString(out)).isEqualTo("{}");
    }
  }

  @Nested
  class WhenTheRunProducesNothing {
    @Test
    void leavesNoFolderItCreatedBehind() {
      Path zh = example("instruction_zh", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).env("ANTHROPIC_API_KEY", "sk-ant-wrong-key-000000")
            .run("create", zh.resolve("schema.json"), zh.resolve("seeds.json"), "-o", dir.resolve("new/deep/out.json"),
                "-n", "5", "--progress", "none");

        assertThat(r.code()).as(r.describe()).isEqualTo(ExitCode.FAILED);
        assertThat(r.err()).contains("401");
        assertThat(dir.resolve("new")).doesNotExist();
      }
    }

    @Test
    void leavesTheFoldersThatWereThereAlone() throws java.io.IOException {
      Path zh = example("instruction_zh", dir);
      Path mine = Files.createDirectories(dir.resolve("mine"));
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).env("ANTHROPIC_API_KEY", "sk-ant-wrong-key-000000")
            .run("create", zh.resolve("schema.json"), zh.resolve("seeds.json"), "-o", mine.resolve("a/out.json"),
                "-n", "5", "--progress", "none");

        assertThat(r.code()).as(r.describe()).isEqualTo(ExitCode.FAILED);
        assertThat(mine).isEmptyDirectory();
      }
    }
  }
}
