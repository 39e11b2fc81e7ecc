package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code estimate} and {@code --dry-run}: batches, tokens and dollars from the real prompts, with no key set. */
class EstimateCommandTest {
  @TempDir Path dir;

  static long number(String out, String label) {
    Matcher m = Pattern.compile(label + ":\\s+([0-9,]+)").matcher(out);
    assertThat(m.find()).as("%s in %s", label, out).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  @ParameterizedTest(name = "-n {0} --batch-size {1} takes {2} batches")
  @CsvSource({"23, 5, 5", "1, 5, 1", "100, 7, 15", "1000, 3, 334", "10, 10, 1"})
  void batchesAreCountDividedByBatchSizeRoundedUp(int n, int batch, int batches) {
    Path recipe = example("recipe_demo", dir);
    Cli.Result r = Cli.in(dir).run("estimate", recipe, "-n", n, "--batch-size", batch);

    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(number(r.out(), "batches")).isEqualTo(batches);
    assertThat(number(r.out(), "records")).isEqualTo(n);
    assertThat(number(r.out(), "input tokens")).isPositive();
    assertThat(number(r.out(), "output tokens")).isPositive();
    assertThat(r.out()).containsPattern("cost:\\s+\\$[0-9.]+");
  }

  @Test
  void withoutInputsItUsesAStatedGenericAssumptionAsTheOriginalDid() {
    Cli.Result r = Cli.in(dir).run("estimate", "-n", 1000);

    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(number(r.out(), "batches")).isEqualTo(200);
    assertThat(number(r.out(), "input tokens")).isEqualTo(200L * 1_200);
    long reasoning = number(r.out(), "of which reasoning");
    assertThat(reasoning).as("the default model thinks by default").isPositive();
    assertThat(number(r.out(), "output tokens")).isEqualTo(1000L * 250 + reasoning);
    assertThat(r.out()).contains("generic assumption").doesNotContain("prompts built");
    assertThat(r.err()).contains("--schema/--seeds");
  }

  @Test
  void moreRecordsCostMoreTokens() {
    Path zh = example("instruction_zh", dir);
    Cli cli = Cli.in(dir);
    String few = cli.run("estimate", "--schema", zh.resolve("schema.json"), "--seeds", zh.resolve("seeds.json"),
        "-n", 10).out();
    String many = cli.run("estimate", "--schema", zh.resolve("schema.json"), "--seeds", zh.resolve("seeds.json"),
        "-n", 100).out();
    assertThat(number(many, "input tokens")).isGreaterThan(number(few, "input tokens") * 5);
    assertThat(number(many, "output tokens")).isGreaterThan(number(few, "output tokens") * 5);
  }

  @Test
  void pricesTheDefaultOpenAiModel() {
    Path pref = example("preference", dir);
    Cli.Result r = Cli.in(dir).run("estimate", "--schema", pref.resolve("schema.json"),
        "--seeds", pref.resolve("seeds.jsonl"), "-p", "openai", "-n", 50);

    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.out()).contains("model:          gpt-5-mini").containsPattern("cost:\\s+\\$[0-9.]+");
  }

  @Test
  void reportsTheCostOfAnUnknownModelAsUnknown() {
    Path recipe = example("recipe_demo", dir);
    Cli.Result r = Cli.in(dir).run("estimate", recipe, "-n", 20, "-m", "my-local-llama");

    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.out()).contains("cost:           unknown (no price for my-local-llama; add one with --prices FILE)");
    assertThat(number(r.out(), "input tokens")).isPositive();
  }

  @Test
  void pricesAnUnknownModelFromAPriceFile() {
    Path recipe = example("recipe_demo", dir);
    Path prices = TestFiles.write(dir.resolve("prices.json"), """
        {"as_of": "2026-01-01", "models": [{"model": "my-local-llama", "input": 1.0, "output": 2.0}]}""");
    Cli.Result r = Cli.in(dir).run("estimate", recipe, "-n", 20, "-m", "my-local-llama", "--prices", prices);

    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.out()).containsPattern("cost:\\s+\\$0\\.0[0-9]+");
  }

  @Test
  void dryRunOfGenerateGivesTheSameEstimateAndWritesNothing() {
    Path recipe = example("recipe_demo", dir);
    var before = TestFiles.snapshot(dir);
    Cli.Result dry = Cli.in(dir).run("generate", recipe, "-n", 40, "--dry-run");
    Cli.Result estimate = Cli.in(dir).run("estimate", recipe, "-n", 40);

    assertThat(dry.code()).as(dry.describe()).isZero();
    assertThat(dry.out()).isEqualTo(estimate.out());
    assertThat(TestFiles.snapshot(dir)).isEqualTo(before);
  }

  @org.junit.jupiter.api.Nested
  class PricesTheRunsOwnDiscounts {
    private com.fasterxml.jackson.databind.JsonNode estimate(Path recipe, String... more) throws Exception {
      java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of("estimate", recipe, "-n", 200,
          "--json"));
      args.addAll(java.util.List.of(more));
      Cli.Result r = Cli.in(dir).run(args.toArray());
      assertThat(r.code()).as(r.describe()).isZero();
      return io.datasynth.json.Json.mapper().readTree(r.out());
    }

    @Test
    void readsTheCachedPrefixInEveryRequestButTheFirst() throws Exception {
      Path recipe = example("recipe_demo", dir);
      var cached = estimate(recipe);
      var plain = estimate(recipe, "--cache", "off");

      assertThat(plain.get("cache_read_tokens").asLong()).isZero();
      assertThat(cached.get("cache_write_tokens").asLong()).isPositive();
      assertThat(cached.get("cache_read_tokens").asLong())
          .isEqualTo(cached.get("cache_write_tokens").asLong() * (cached.get("requests").asLong() - 1));
      assertThat(cached.get("cost_usd").asDouble()).isLessThan(plain.get("cost_usd").asDouble());
      assertThat(cached.get("list_price_usd").asDouble()).isGreaterThan(cached.get("cost_usd").asDouble());
      assertThat(plain.get("list_price_usd").asDouble()).isEqualTo(plain.get("cost_usd").asDouble());
    }

    @Test
    void pricesABatchRunAtTheBatchDiscount() throws Exception {
      Path recipe = example("recipe_demo", dir);
      var online = estimate(recipe, "--cache", "off");
      var batch = estimate(recipe, "--cache", "off", "--mode", "batch");

      assertThat(batch.get("billing").asText()).isEqualTo("batch");
      assertThat(batch.get("input_tokens")).isEqualTo(online.get("input_tokens"));
      assertThat(batch.get("cost_usd").asDouble()).isEqualTo(online.get("cost_usd").asDouble() / 2,
          org.assertj.core.api.Assertions.within(1e-9));
    }
  }
}
