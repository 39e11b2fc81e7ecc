package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.PriceTable;
import io.datasynth.engine.EngineListener;
import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.Usage;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import io.datasynth.testkit.RecordedRequest;
import io.datasynth.text.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The levers that cut a run's bill, end to end against the fake provider: prompt caching (Anthropic
 * {@code cache_control}, OpenAI's automatic cache), structured outputs, and what the report says they saved. The
 * cost a run reports must match the usage the fake reported, at the price file's rates.
 */
class CostLeversIT {
  static final String ANTHROPIC_KEY = "sk-ant-test-cost-levers-1234";
  static final String OPENAI_KEY = "sk-test-cost-levers-openai-5678";
  static final String CLAUDE = "claude-sonnet-5-5";
  static final String GPT = "gpt-5-mini";
  @TempDir Path dir;

  /** A schema and seeds whose stable prompt prefix, with the seed block, passes a 1,024-token cache minimum. */
  Inputs longInputs() throws IOException {
    StringBuilder guidelines = new StringBuilder();
    for (int i = 1; i <= 40; i++) {
      guidelines.append("Rule ").append(i).append(": write questions a curious student of history would ask about")
          .append(" trade, travel and daily life, and answer them plainly in two sentences.\n");
    }
    Path g = dir.resolve("guidelines.md");
    Files.writeString(g, guidelines, StandardCharsets.UTF_8);
    StringBuilder seeds = new StringBuilder();
    for (int i = 1; i <= 16; i++) {
      seeds.append("{\"instruction\": \"Question ").append(i).append(": how did merchants in port town ").append(i)
          .append(" keep their accounts?\", \"response\": \"They kept ledgers of goods and debts, number ").append(i)
          .append(", checked by a clerk each evening against the goods in the warehouse, the letters of credit and the"
              + " tolls paid at the harbour gate.\"}\n");
    }
    return inputs(seeds.toString(), g);
  }

  Inputs shortInputs() throws IOException {
    return inputs("""
        {"instruction": "Name three primary colours.", "response": "Red, yellow and blue."}
        {"instruction": "What is the capital of Peru?", "response": "Lima."}
        """, null);
  }

  Inputs inputs(String seeds, Path guidelines) throws IOException {
    Path schema = dir.resolve("schema.json");
    Files.writeString(schema, """
        {"project_name": "qa", "fields": [
          {"name": "instruction", "type": "text", "description": "a question", "constraints": {"min_length": 5}},
          {"name": "response", "type": "text", "description": "its answer"}]}""", StandardCharsets.UTF_8);
    Path s = dir.resolve("seeds.jsonl");
    Files.writeString(s, seeds, StandardCharsets.UTF_8);
    return InputLoader.fromFiles(schema, s, guidelines);
  }

  static RecordSource unique() {
    ObjectNode t = Json.object();
    t.put("instruction", "Question {n}: {words}?");
    t.put("response", "Answer {n}: {words}.");
    return RecordSource.counter(t);
  }

  static SynthesisConfig.Builder config(ProviderKind provider, String model, int count) {
    return SynthesisConfig.builder().provider(provider).model(model).count(count).batchSize(5)
        .retryDelay(Duration.ofMillis(20)).maxRetries(6).concurrency(4);
  }

  static Map<String, String> env(FakeProvider fake) {
    return Map.of("ANTHROPIC_API_KEY", ANTHROPIC_KEY, "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl(),
        "OPENAI_API_KEY", OPENAI_KEY, "OPENAI_BASE_URL", fake.openAiBaseUrl());
  }

  SynthesisResult run(FakeProvider fake, SynthesisConfig config, Inputs inputs, EngineListener listener) {
    return DataSynthesizer.builder().config(config).env(env(fake)).listener(listener).build()
        .synthesize(inputs, dir.resolve("out.json"));
  }

  static FakeProvider.Builder fake() {
    return FakeProvider.builder().seed(7).records(unique()).requestsPerMinute(0);
  }

  static List<RecordedRequest> answered(FakeProvider fake) {
    return fake.requests().stream().filter(r -> r.status() == 200).toList();
  }

  /** What the fake's usage costs at the price file's online rates (its input tokens include the cached ones). */
  static double priced(String model, List<RecordedRequest> requests) {
    ModelPrice price = PriceTable.bundled().lookup(model).orElseThrow();
    double sum = 0;
    for (RecordedRequest r : requests) {
      long plain = r.inputTokens() - r.cacheReadTokens() - r.cacheCreationTokens();
      sum += price.cost(new Usage(plain, r.outputTokens(), r.cacheReadTokens(), r.cacheCreationTokens(), 0));
    }
    return sum;
  }

  static JsonNode costs(Path out) {
    return JsonFiles.readJson(out).get("metadata").get("summary").get("costs");
  }

  static class Notices implements EngineListener {
    final List<Message> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onNotice(Message message) {
      seen.add(message);
    }

    long count(String key) {
      return seen.stream().filter(m -> m.key().equals(key)).count();
    }
  }

  @Nested
  class PromptCaching {
    @Test
    void anthropicCacheReadsAppearFromTheSecondRequestAndThePriceMatchesTheFakesUsage() throws IOException {
      try (FakeProvider fake = fake().apiKey(ANTHROPIC_KEY).start()) {
        SynthesisResult r = run(fake, config(ProviderKind.ANTHROPIC, CLAUDE, 40).concurrency(1).build(),
            longInputs(), EngineListener.NONE);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(r.generatedCount()).isEqualTo(40);

        List<RecordedRequest> replies = answered(fake);
        assertThat(replies.get(0).cacheCreationTokens()).as("the first request writes the prefix").isPositive();
        assertThat(replies.get(0).cacheReadTokens()).isZero();
        assertThat(replies.subList(1, replies.size())).as("every later request reads it")
            .allSatisfy(q -> assertThat(q.cacheReadTokens()).isPositive());

        Usage tokens = r.report().usage();
        assertThat(tokens.cacheReadTokens()).isEqualTo(replies.stream().mapToLong(RecordedRequest::cacheReadTokens)
            .sum());
        assertThat(tokens.cacheWriteTokens()).isEqualTo(replies.stream()
            .mapToLong(RecordedRequest::cacheCreationTokens).sum());
        assertThat(r.report().costUsd()).isCloseTo(priced(CLAUDE, replies), within(1e-9));
        JsonNode costs = costs(dir.resolve("out.json"));
        assertThat(costs.get("saved_by_cache_usd").asDouble()).isPositive();
        assertThat(costs.get("cache_hit_rate").asDouble()).isPositive();
      }
    }

    @Test
    void withTheCacheOffNothingIsWrittenOrRead() throws IOException {
      try (FakeProvider fake = fake().apiKey(ANTHROPIC_KEY).start()) {
        SynthesisResult r = run(fake, config(ProviderKind.ANTHROPIC, CLAUDE, 20).cache(false).build(),
            longInputs(), EngineListener.NONE);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(answered(fake)).allSatisfy(q -> {
          assertThat(q.cacheReadTokens()).isZero();
          assertThat(q.cacheCreationTokens()).isZero();
        });
        assertThat(costs(dir.resolve("out.json")).get("saved_by_cache_usd").asDouble()).isZero();
      }
    }

    @Test
    void aPrefixBelowTheModelsMinimumIsNotMarkedAndTheRunSaysSoOnce() throws IOException {
      try (FakeProvider fake = fake().apiKey(ANTHROPIC_KEY).start()) {
        Notices notices = new Notices();
        SynthesisResult r = run(fake, config(ProviderKind.ANTHROPIC, CLAUDE, 20).build(), shortInputs(), notices);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(notices.count("notice.cache.short")).isEqualTo(1);
        assertThat(answered(fake)).allSatisfy(q -> assertThat(q.cacheCreationTokens()).isZero());
      }
    }

    @Test
    void openAiCachedTokensAreReadFromTheUsageAndPricedAtTheCachedRate() throws IOException {
      try (FakeProvider fake = fake().apiKey(OPENAI_KEY).start()) {
        SynthesisResult r = run(fake, config(ProviderKind.OPENAI, GPT, 40).concurrency(1).build(), longInputs(),
            EngineListener.NONE);
        assertThat(r.success()).as(r.errorText()).isTrue();
        List<RecordedRequest> replies = answered(fake);
        assertThat(replies.subList(1, replies.size()))
            .allSatisfy(q -> assertThat(q.cacheReadTokens()).isPositive());
        assertThat(r.report().usage().cacheReadTokens())
            .isEqualTo(replies.stream().mapToLong(RecordedRequest::cacheReadTokens).sum());
        assertThat(r.report().costUsd()).isCloseTo(priced(GPT, replies), within(1e-9));
      }
    }
  }

  @Nested
  class StructuredOutputs {
    @Test
    void anthropicStructuredRequestsDeliverExactlyN() throws IOException {
      try (FakeProvider fake = fake().apiKey(ANTHROPIC_KEY).start()) {
        SynthesisResult r = run(fake, config(ProviderKind.ANTHROPIC, CLAUDE, 30).build(), shortInputs(),
            EngineListener.NONE);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(r.generatedCount()).isEqualTo(30);
        assertThat(answered(fake)).isNotEmpty().allSatisfy(q -> assertThat(q.structured()).isTrue());
      }
    }

    @Test
    void openAiStrictSchemasAreAcceptedAndDeliverExactlyN() throws IOException {
      try (FakeProvider fake = fake().apiKey(OPENAI_KEY).start()) {
        SynthesisResult r = run(fake, config(ProviderKind.OPENAI, GPT, 30).build(), shortInputs(),
            EngineListener.NONE);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(r.generatedCount()).isEqualTo(30);
        assertThat(fake.requests()).allSatisfy(q -> assertThat(q.status()).isEqualTo(200));
        assertThat(answered(fake)).allSatisfy(q -> assertThat(q.structured()).isTrue());
      }
    }

    @Test
    void structuredOffSendsPlainPrompts() throws IOException {
      try (FakeProvider fake = fake().apiKey(ANTHROPIC_KEY).start()) {
        SynthesisResult r = run(fake, config(ProviderKind.ANTHROPIC, CLAUDE, 10).structured(StructuredMode.OFF)
            .build(), shortInputs(), EngineListener.NONE);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(answered(fake)).allSatisfy(q -> assertThat(q.structured()).isFalse());
      }
    }

    @Test
    void recordsBreakingARuleTheSchemaCannotStateAreRepairedAndPricedApart() throws IOException {
      try (FakeProvider fake = fake().apiKey(ANTHROPIC_KEY).structuredViolationRate(0.3).start()) {
        SynthesisResult r = run(fake, config(ProviderKind.ANTHROPIC, CLAUDE, 30).build(), shortInputs(),
            EngineListener.NONE);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(r.generatedCount()).isEqualTo(30);
        JsonNode costs = costs(dir.resolve("out.json"));
        assertThat(costs.get("repair_replies").asLong()).isPositive();
        assertThat(costs.get("repair_usd").asDouble()).isPositive();
        assertThat(r.report().costUsd()).isCloseTo(priced(CLAUDE, answered(fake)), within(1e-9));
      }
    }

    @Test
    void aModelWithoutStructuredOutputsFallsBackToPlainPromptsAndSaysSo() throws IOException {
      try (FakeProvider fake = fake().apiKey(ANTHROPIC_KEY).start()) {
        Notices notices = new Notices();
        SynthesisResult r = run(fake, config(ProviderKind.ANTHROPIC, "claude-sonnet-4-20250514", 10).build(),
            shortInputs(), notices);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(notices.count("notice.structured.off")).isEqualTo(1);
        assertThat(answered(fake)).allSatisfy(q -> assertThat(q.structured()).isFalse());
      }
    }

    @Test
    void requiringStructuredOutputsOfAModelWithoutThemIsABadSetting() throws IOException {
      try (FakeProvider fake = fake().apiKey(ANTHROPIC_KEY).start()) {
        Inputs inputs = shortInputs();
        assertThatThrownBy(() -> run(fake, config(ProviderKind.ANTHROPIC, "claude-sonnet-4-20250514", 10)
            .structured(StructuredMode.ON).build(), inputs, EngineListener.NONE))
            .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo(Setting.STRUCTURED));
        assertThat(fake.totalRequests()).as("nothing was sent").isZero();
      }
    }
  }

  static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }
}
