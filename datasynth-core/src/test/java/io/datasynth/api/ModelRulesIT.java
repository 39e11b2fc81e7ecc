package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.provider.ProviderKind;
import io.datasynth.recipe.Inputs;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import io.datasynth.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs against a fake that enforces the providers' documented per-model rules and spends hidden reasoning tokens:
 * every run delivers exactly N records and no request is refused.
 */
class ModelRulesIT {
  static final String KEY = "sk-ant-rules-5Hq2Wc8Nx1";
  @TempDir Path dir;
  final List<String> notices = new ArrayList<>();

  Inputs inputs() throws IOException {
    return QaInputs.in(dir);
  }

  static FakeProvider.Builder fake(int reasoningTokens) {
    ObjectNode t = Json.object();
    t.put("instruction", "Question {n}: {words}?");
    t.put("response", "Answer {n}: {words}.");
    return FakeProvider.builder().seed(5).apiKey(KEY).countFromPrompt(true).records(RecordSource.counter(t))
        .reasoningTokens(reasoningTokens);
  }

  SynthesisResult run(FakeProvider fake, SynthesisConfig config) throws IOException {
    Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl(), "ANTHROPIC_API_KEY", KEY,
        "OPENAI_BASE_URL", fake.openAiBaseUrl(), "OPENAI_API_KEY", KEY);
    return DataSynthesizer.builder().config(config).env(env).listener(new io.datasynth.engine.EngineListener() {
      @Override
      public void onNotice(String message) {
        notices.add(message);
      }
    }).build().synthesize(inputs(), dir.resolve("out.json"));
  }

  static void assertNoneRefused(FakeProvider fake) {
    assertThat(fake.requests()).as("statuses").allSatisfy(q -> assertThat(q.status()).isEqualTo(200));
  }

  @Test
  void theDefaultModelDeliversExactlyN() throws IOException {
    try (FakeProvider fake = fake(600).start()) {
      SynthesisResult r = run(fake, SynthesisConfig.builder().count(12).build());
      assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
      assertThat(r.generatedCount()).isEqualTo(12);
      assertNoneRefused(fake);
      assertThat(fake.requests()).allSatisfy(q -> {
        assertThat(q.model()).isEqualTo(SynthesisConfig.DEFAULT_ANTHROPIC_MODEL);
        assertThat(q.temperature()).isNull();
        assertThat(q.reasoningTokens()).isEqualTo(600);
      });
    }
  }

  @Test
  void openAisDefaultModelDeliversExactlyN() throws IOException {
    try (FakeProvider fake = fake(300).start()) {
      SynthesisResult r = run(fake, SynthesisConfig.builder().count(10).provider(ProviderKind.OPENAI).build());
      assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
      assertThat(r.generatedCount()).isEqualTo(10);
      assertNoneRefused(fake);
      assertThat(r.tokens().reasoningTokens()).isPositive();
    }
  }

  @Test
  void aReasoningModelBehindAnotherBaseUrlDeliversExactlyN() throws IOException {
    try (FakeProvider fake = fake(200).start()) {
      SynthesisResult r = run(fake, SynthesisConfig.builder().count(8).provider(ProviderKind.OPENAI).model("o4-mini")
          .reasoningEffort("low").build());
      assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
      assertThat(r.generatedCount()).isEqualTo(8);
      assertNoneRefused(fake);
    }
  }

  @Test
  void aRequestTooLargeForOneNonStreamingCallIsStreamed() throws IOException {
    try (FakeProvider fake = fake(400).nonStreamingMaxTokens(21_333).start()) {
      SynthesisResult r = run(fake, SynthesisConfig.builder().count(10).maxTokens(30_000).build());
      assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
      assertThat(r.generatedCount()).isEqualTo(10);
      assertNoneRefused(fake);
      assertThat(fake.requests()).allSatisfy(q -> assertThat(q.stream()).isTrue());
      long billed = fake.requests().stream().mapToLong(RecordedRequest::outputTokens).sum();
      assertThat(r.tokens().outputTokens()).isEqualTo(billed);
    }
  }

  @Test
  void aReplyThatThinksAwayItsBudgetGrowsIt() throws IOException {
    try (FakeProvider fake = fake(9_000).start()) {
      SynthesisResult r = run(fake, SynthesisConfig.builder().count(10).concurrency(1)
          .retryDelay(Duration.ofMillis(10)).build());
      assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
      assertThat(r.generatedCount()).isEqualTo(10);
      assertThat(r.stats().cutOffBeforeText()).isEqualTo(1);
      assertThat(notices).anyMatch(n -> n.contains("reasoning") && n.contains("wrote no records"));
      List<RecordedRequest> q = fake.requests();
      assertThat(q.get(1).maxTokens()).isGreaterThan(q.get(0).maxTokens());
    }
  }
}
