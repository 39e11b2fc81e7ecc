package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.ConfigException;
import io.datasynth.error.InputException;
import io.datasynth.journal.Journal;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.provider.ProviderKind;
import io.datasynth.quality.RecordValidator;
import io.datasynth.quality.Validation;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.FaultScript;
import io.datasynth.testkit.RecordSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs through {@link DataSynthesizer} against the fake provider over HTTP on loopback. */
class SynthesisIT {
  static final String KEY = "sk-ant-test-9f8e7d6c5b4a";
  @TempDir Path dir;

  static ObjectNode template(String instruction, String response) {
    ObjectNode t = Json.object();
    t.put("instruction", instruction);
    t.put("response", response);
    return t;
  }

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  Inputs englishInputs() throws IOException {
    return QaInputs.in(dir);
  }

  Path chineseRecipe() throws IOException {
    write("recipe/04_复刻指南/DATA_SCHEMA.json", """
        {"project_name": "客服", "fields": [
          {"name": "question", "type": "string"}, {"name": "answer", "type": "string"},
          {"name": "score", "type": "integer", "constraints": {"range": [1, 5]}}]}""");
    write("recipe/09_样例数据/samples.json", """
        {"samples": [{"id": "S1", "data": {"question": "什么时候发货？", "answer": "24 小时内发货。", "score": 5}},
                     {"id": "S2", "data": {"question": "可以退货吗？", "answer": "七天内可以无理由退货。", "score": 4}}]}""");
    write("recipe/03_标注规范/ANNOTATION_SPEC.md", "回答要礼貌、准确。");
    return dir.resolve("recipe");
  }

  static List<JsonNode> samples(Path output) {
    JsonNode root = JsonFiles.readJson(output);
    return Stream.of(root.get("samples")).flatMap(a -> java.util.stream.StreamSupport.stream(a.spliterator(), false))
        .toList();
  }

  DataSynthesizer synth(SynthesisConfig config, Map<String, String> env) {
    return DataSynthesizer.builder().config(config).env(env).build();
  }

  @Nested
  class WithAnthropic {
    @Test
    void deliversExactlyNValidUniqueRecordsDespiteFaults() throws IOException {
      try (FakeProvider fake = FakeProvider.builder().seed(7).apiKey(KEY)
          .records(RecordSource.counter(template("Question {n}: {words}?", "Answer {n}: {words}.")))
          .latency(Duration.ofMillis(20), Duration.ofMillis(20))
          .faults(FaultScript.random(7).rateLimited(0.05).serverError(0.05).overloaded(0.05).malformedBody(0.05)
              .truncated(0.05).duplicates(0.1).invalidRecords(0.1).retryAfter(Duration.ofSeconds(1)))
          .start()) {
        Path out = dir.resolve("out.json");
        SynthesisConfig config = SynthesisConfig.builder().count(60).retryDelay(Duration.ofMillis(50))
            .maxRetries(6).stats(true).build();
        RecordingClient[] client = new RecordingClient[1];
        SynthesisResult r = DataSynthesizer.builder().config(config)
            .env(Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()))
            .clients(s -> client[0] = new RecordingClient(io.datasynth.provider.LlmClients.create(s)))
            .build().synthesize(englishInputs(), out);

        assertThat(r.success()).as(r.errorText()).isTrue();
        List<JsonNode> samples = samples(out);
        assertThat(samples).hasSize(60);
        Set<String> distinct = new HashSet<>();
        RecordValidator v = new RecordValidator(englishInputs().schema());
        for (JsonNode s : samples) {
          assertThat(v.validate(s.get("data"))).isInstanceOf(Validation.Valid.class);
          distinct.add(s.get("data").toString());
        }
        assertThat(distinct).hasSize(60);
        assertThat(samples.get(0).get("id").asText()).isEqualTo("SYNTH_0001");
        // The fake also counts requests that crossed its 429 on the wire; what the client controls is that nothing
        // leaves after a retry-after has reached it.
        assertThat(client[0].rateLimited()).isPositive();
        assertThat(client[0].sentDuringRetryAfter()).isZero();
        assertThat(r.tokens().totalTokens()).isPositive();
        assertThat(r.costUsd()).isPositive();
        assertThat(Files.exists(out.resolveSibling("out.journal.jsonl"))).isFalse();
        assertThat(Files.exists(out.resolveSibling("out.stats.json"))).isTrue();
        JsonNode meta = JsonFiles.readJson(out).get("metadata");
        assertThat(meta.get("generated_count").asInt()).isEqualTo(60);
        assertThat(meta.get("tokens").get("input").asLong()).isEqualTo(r.tokens().inputTokens());
      }
    }

    @Test
    void generatesForAChineseDataRecipeFolder() throws IOException {
      try (FakeProvider fake = FakeProvider.builder().seed(3)
          .records(RecordSource.counter(Json.mapper().readValue(
              "{\"question\": \"问题{n}：{zh}？\", \"answer\": \"回答{n}：{zh}。\", \"score\": 4}", ObjectNode.class)))
          .start()) {
        Path recipe = chineseRecipe();
        SynthesisResult r = synth(SynthesisConfig.builder().count(12).build(),
            Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl())).synthesizeFromDataRecipe(recipe);
        assertThat(r.success()).as(r.errorText()).isTrue();
        Path out = recipe.resolve("11_合成数据/synthetic.json");
        assertThat(r.outputPath()).isEqualTo(out);
        assertThat(samples(out)).hasSize(12)
            .allSatisfy(s -> assertThat(s.get("data").get("question").asText()).startsWith("问题"));
        assertThat(fake.requests().get(0).toString()).doesNotContain(KEY);
      }
    }

    @Test
    void failsFastOnAWrongKeyWithoutShowingIt() throws IOException {
      try (FakeProvider fake = FakeProvider.builder().apiKey("sk-ant-the-right-one").start()) {
        SynthesisResult r = synth(SynthesisConfig.builder().count(5).build(), Map.of("ANTHROPIC_API_KEY", KEY,
            "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl())).synthesize(englishInputs(), dir.resolve("o.json"));
        assertThat(r.success()).isFalse();
        assertThat(r.errorText()).contains("401", "ANTHROPIC_API_KEY").doesNotContain(KEY);
        assertThat(fake.totalRequests()).isEqualTo(1);
      }
    }
  }

  @Nested
  class WithOpenAi {
    @Test
    void generatesThroughTheChatCompletionsFormat() throws IOException {
      try (FakeProvider fake = FakeProvider.builder().seed(5).apiKey(KEY)
          .records(RecordSource.counter(template("Question {n}: {words}?", "Answer {n}: {words}.")))
          .requestsPerMinute(6000).tokensPerMinute(2_000_000)
          .start()) {
        Path out = dir.resolve("out.jsonl");
        SynthesisConfig config = SynthesisConfig.builder().provider(ProviderKind.OPENAI).model("gpt-4o-mini")
            .count(25).build();
        SynthesisResult r = synth(config, Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", fake.openAiBaseUrl()))
            .synthesize(englishInputs(), out);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(Files.readAllLines(out)).hasSize(25);
        assertThat(fake.requests()).allSatisfy(q -> assertThat(q.path()).isEqualTo("/v1/chat/completions"));
        assertThat(r.costUsd()).isPositive();
      }
    }
  }

  @Nested
  class BeforeAnyWork {
    @Test
    void aMissingKeyNamesTheVariableAndSuggestsInteractiveMode() throws IOException {
      SynthesisConfig config = SynthesisConfig.builder().count(5).build();
      Inputs inputs = englishInputs();
      assertThatThrownBy(() -> synth(config, Map.of()).synthesize(inputs, dir.resolve("o.json")))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("ANTHROPIC_API_KEY").hasMessageContaining("prepare");
      assertThat(dir.resolve("o.json")).doesNotExist();
    }

    @Test
    void refusesToOverwriteAnExistingOutput() throws IOException {
      Path out = write("o.json", "{\"keep\": true}");
      SynthesisConfig config = SynthesisConfig.builder().count(5).build();
      Inputs inputs = englishInputs();
      assertThatThrownBy(() -> synth(config, Map.of("ANTHROPIC_API_KEY", KEY)).synthesize(inputs, out))
          .isInstanceOf(InputException.class).hasMessageContaining("pass force: true");
      assertThat(Files.readString(out)).isEqualTo("{\"keep\": true}");
    }

    @Test
    void refusesATemperatureTheModelDoesNotTakeBeforeAnyRequest() throws IOException {
      try (FakeProvider fake = FakeProvider.builder().seed(3).start()) {
        Path out = dir.resolve("o.json");
        SynthesisConfig config = SynthesisConfig.builder().count(5).temperature(0.5).build();
        Inputs inputs = englishInputs();
        assertThatThrownBy(() -> synth(config, Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()))
            .synthesize(inputs, out))
            .isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.setting()).isEqualTo(io.datasynth.error.Setting.TEMPERATURE))
            .hasMessageContaining(SynthesisConfig.DEFAULT_ANTHROPIC_MODEL).hasMessageContaining("diversity");
        assertThat(fake.totalRequests()).isZero();
        assertThat(out).doesNotExist();
        assertThat(Journal.pathFor(out)).doesNotExist();
      }
    }

    @Test
    void reportsAnUnreachableServer() throws IOException {
      SynthesisConfig config = SynthesisConfig.builder().count(5).retryDelay(Duration.ofMillis(10)).build();
      SynthesisResult r = synth(config, Map.of("ANTHROPIC_BASE_URL", "http://127.0.0.1:9"))
          .synthesize(englishInputs(), dir.resolve("o.json"));
      assertThat(r.success()).isFalse();
      assertThat(r.errorText()).contains("could not connect", "127.0.0.1:9");
      assertThat(dir.resolve("o.json")).doesNotExist();
    }
  }

  @Nested
  class Resuming {
    @Test
    void aStoppedRunResumesToExactlyNWithoutDuplicates() throws IOException {
      try (FakeProvider fake = FakeProvider.builder().seed(11).apiKey(KEY)
          .records(RecordSource.counter(template("Question {n}: {words}?", "Answer {n}: {words}.")))
          .start()) {
        Map<String, String> env = Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
        Path out = dir.resolve("out.json");
        SynthesisResult first = synth(SynthesisConfig.builder().count(40).maxRequests(3).build(), env)
            .synthesize(englishInputs(), out);
        assertThat(first.success()).isFalse();
        assertThat(first.generatedCount()).isEqualTo(15);
        assertThat(first.journalPath()).exists();
        assertThat(samples(out)).hasSize(15);

        SynthesisResult second = synth(SynthesisConfig.builder().count(40).build(), env)
            .synthesize(englishInputs(), out);
        assertThat(second.success()).as(second.errorText()).isTrue();
        assertThat(second.stats().resumed()).isEqualTo(15);
        List<JsonNode> samples = samples(out);
        assertThat(samples).hasSize(40);
        assertThat(samples.stream().map(s -> s.get("data").toString()).distinct()).hasSize(40);
        assertThat(second.tokens().totalTokens()).isGreaterThan(first.tokens().totalTokens());
        assertDoesNotContainKey(dir);
      }
    }

    @Test
    void keepsEveryJournaledRecordWhenOnlyThePromptSettingsChange() throws IOException {
      try (FakeProvider fake = FakeProvider.builder().seed(11)
          .records(RecordSource.counter(template("Question {n}: {words}?", "Answer {n}: {words}.")))
          .start()) {
        Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
        Path out = dir.resolve("out.json");
        SynthesisResult first = synth(SynthesisConfig.builder().count(40).maxRequests(1).build(), env)
            .synthesize(englishInputs(), out);
        List<String> journaled = samples(out).stream().map(s -> s.get("data").toString()).toList();
        SynthesisResult second = synth(SynthesisConfig.builder().count(40).diversity(0.9).examplesPerPrompt(1)
            .build(), env).synthesize(englishInputs(), out);
        assertThat(second.success()).as(second.errorText()).isTrue();
        List<JsonNode> samples = samples(out);
        assertThat(samples).hasSize(40);
        assertThat(samples.subList(0, journaled.size()).stream().map(s -> s.get("data").toString()))
            .containsExactlyElementsOf(journaled);
        Map<String, Long> bySettings = second.report().deliveredBySettings();
        assertThat(bySettings).hasSize(2);
        assertThat(bySettings.values()).contains(first.generatedCount(), 40 - first.generatedCount());
        assertThat(samples.get(0).path("provenance").path("settings").asText())
            .isNotEqualTo(samples.get(39).path("provenance").path("settings").asText());
      }
    }

    @Test
    void refusesToMixRunsOfAnotherSchema() throws IOException {
      try (FakeProvider fake = FakeProvider.builder().seed(11)
          .records(RecordSource.counter(template("Question {n}: {words}?", "Answer {n}: {words}.")))
          .start()) {
        Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
        Path out = dir.resolve("out.json");
        synth(SynthesisConfig.builder().count(40).maxRequests(1).build(), env).synthesize(englishInputs(), out);
        write("schema.json", """
            {"project_name": "qa", "fields": [
              {"name": "instruction", "type": "text", "constraints": {"min_length": 9}},
              {"name": "response", "type": "text"}]}""");
        Inputs other = InputLoader.fromFiles(dir.resolve("schema.json"), dir.resolve("seeds.jsonl"), null);
        assertThatThrownBy(() -> synth(SynthesisConfig.builder().count(40).build(), env).synthesize(other, out))
            .isInstanceOf(ConfigException.class).hasMessageContaining("another schema or seed set")
            .hasMessageContaining("resume");
      }
    }
  }

  static void assertDoesNotContainKey(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
      }
    }
  }
}
