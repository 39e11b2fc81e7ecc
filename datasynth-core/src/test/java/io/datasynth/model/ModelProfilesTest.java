package io.datasynth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.InputException;
import io.datasynth.model.ModelProfile.OutputLimit;
import io.datasynth.model.ModelProfile.StructuredOutput;
import io.datasynth.model.ModelProfile.Tokenizer;
import io.datasynth.provider.ProviderKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelProfilesTest {
  static final ModelProfiles BUNDLED = ModelProfiles.bundled();

  static ModelProfile anthropic(String model) {
    return BUNDLED.lookup(ProviderKind.ANTHROPIC, model);
  }

  static ModelProfile openAi(String model) {
    return BUNDLED.lookup(ProviderKind.OPENAI, model);
  }

  @Nested
  class TheNewestClaudeModels {

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-5-5", "claude-sonnet-5", "claude-opus-5-5", "claude-opus-5",
        "claude-opus-4-8", "claude-opus-4-7", "claude-fable-5-1", "claude-mythos-5", "CLAUDE-SONNET-5-5-20260901"})
    void takeNoSamplingParameter(String model) {
      ModelProfile p = anthropic(model);
      assertThat(p.known()).isTrue();
      assertThat(p.sampling()).isEmpty();
      assertThat(p.acceptsTemperature()).isFalse();
      assertThat(p.outputLimit()).isEqualTo(OutputLimit.MAX_TOKENS);
    }

    @Test
    void thinkByDefaultAndGetRoomForIt() {
      assertThat(anthropic("claude-sonnet-5-5").reasoning().reserveFor(null)).isPositive();
      assertThat(anthropic("claude-sonnet-5-5").reasoning().efforts()).contains("low", "medium", "high", "max");
      assertThat(anthropic("claude-opus-4-7").reasoning().reserveFor(null)).as("thinking is off by default").isZero();
    }

    @Test
    void countAboutAThirdMoreTokensForTheSameText() {
      assertThat(anthropic("claude-sonnet-5-5").tokenizerFactor()).isEqualTo(1.3);
      assertThat(anthropic("claude-sonnet-4-5").tokenizerFactor()).isEqualTo(1.0);
      assertThat(anthropic("claude-sonnet-5-5").tokenizer()).isEqualTo(Tokenizer.CLAUDE);
    }

    @Test
    void streamAboveTheSdksTenMinuteLimit() {
      assertThat(anthropic("claude-sonnet-5-5").streams(21_333)).isFalse();
      assertThat(anthropic("claude-sonnet-5-5").streams(21_334)).isTrue();
    }
  }

  @Test
  void olderClaudeModelsTakeATemperatureUpToOne() {
    ModelProfile p = anthropic("claude-haiku-4-5-20251001");
    assertThat(p.acceptsTemperature()).isTrue();
    assertThat(p.temperatureMax()).isEqualTo(1.0);
    assertThat(p.cacheMinTokens()).isEqualTo(4096);
    assertThat(p.structuredOutput()).isEqualTo(StructuredOutput.ANTHROPIC_JSON_SCHEMA);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-5-mini", "gpt-5", "gpt-5.1", "gpt-5.5-pro", "gpt-5.6-terra", "gpt-6", "o1", "o3-mini",
      "o4-mini-2025-04-16", "openai/gpt-5-mini"})
  void openAiReasoningModelsTakeMaxCompletionTokensAndNoTemperature(String model) {
    ModelProfile p = openAi(model);
    assertThat(p.known()).isTrue();
    assertThat(p.outputLimit()).isEqualTo(OutputLimit.MAX_COMPLETION_TOKENS);
    assertThat(p.acceptsTemperature()).isFalse();
  }

  @Test
  void effortsFollowEachGeneration() {
    assertThat(openAi("gpt-5-mini").reasoning().efforts()).contains("minimal").doesNotContain("none");
    assertThat(openAi("gpt-5.1").reasoning().efforts()).contains("none").doesNotContain("xhigh");
    assertThat(openAi("gpt-5.6").reasoning().efforts()).contains("xhigh", "max");
    assertThat(openAi("gpt-5.1").reasoning().reserveFor(null)).as("gpt-5.1 reasons only when asked").isZero();
    assertThat(openAi("gpt-5-mini").reasoning().reserveFor(null)).isPositive();
    assertThat(openAi("o1-mini").reasoning().takesEffort()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"qwen2.5:7b", "llama3.1:8b", "Qwen/Qwen2.5-7B-Instruct", "deepseek-chat",
      "mistral-small-latest", "meta-llama/Llama-3.1-8B-Instruct", "gemma2:9b"})
  void openModelsOnCompatibleServersTakeTemperatureAndMaxTokens(String model) {
    ModelProfile p = openAi(model);
    assertThat(p.known()).isTrue();
    assertThat(p.acceptsTemperature()).isTrue();
    assertThat(p.outputLimit()).isEqualTo(OutputLimit.MAX_TOKENS);
  }

  @Test
  void openReasoningModelsThinkInTags() {
    assertThat(openAi("qwen3:8b").thinkTags()).isTrue();
    assertThat(openAi("deepseek-reasoner").acceptsTemperature()).isFalse();
    assertThat(openAi("deepseek-reasoner").reasoning().reserveFor(null)).isPositive();
  }

  @Test
  void anUnknownModelGetsTheConservativeProfileOfItsApi() {
    ModelProfile o = openAi("my-finetune");
    assertThat(o.known()).isFalse();
    assertThat(o.sampling()).isEmpty();
    assertThat(o.outputLimit()).isEqualTo(OutputLimit.MAX_COMPLETION_TOKENS);
    ModelProfile a = anthropic("claude-sonnet-9");
    assertThat(a.known()).as("a pattern of an older family must not claim a future model").isFalse();
    ModelProfile unknown = anthropic("some-proxy-model");
    assertThat(unknown.known()).isFalse();
    assertThat(unknown.sampling()).isEmpty();
    assertThat(unknown.reasoning().reserveFor(null)).isPositive();
  }

  @Test
  void patternsDoNotMatchLookalikes() {
    assertThat(openAi("o10-preview").known()).isFalse();
    assertThat(openAi("gpt-4oo").known()).isFalse();
  }

  @Nested
  class AUsersFile {
    @TempDir Path dir;

    @Test
    void isTriedBeforeTheBundledProfiles() throws Exception {
      Path f = dir.resolve("models.json");
      Files.writeString(f, """
          {"families": [{"family": "our vLLM fine-tune", "api": "openai", "match": ["acme-*"],
            "sampling": ["temperature"], "temperature_max": 1.5, "output_limit": "max_tokens",
            "max_output_tokens": 8192, "reasoning": {"default_effort": "default", "reserve": {"default": 1000}}}]}""");
      ModelProfiles profiles = ModelProfiles.withOverrides(f);
      ModelProfile p = profiles.lookup(ProviderKind.OPENAI, "acme-support-7b");
      assertThat(p.family()).isEqualTo("our vLLM fine-tune");
      assertThat(p.temperatureMax()).isEqualTo(1.5);
      assertThat(p.reasoning().reserveFor(null)).isEqualTo(1000);
      assertThat(profiles.lookup(ProviderKind.OPENAI, "gpt-5-mini").family()).isEqualTo("GPT-5");
    }

    @Test
    void withAMisspeltKeyIsAnErrorNamingTheFamily() throws Exception {
      Path f = dir.resolve("models.json");
      Files.writeString(f, """
          {"families": [{"family": "x", "api": "openai", "match": ["x*"], "output_limit": "max_tokens",
            "max_output_tokens": 100, "temprature_max": 1}]}""");
      assertThatThrownBy(() -> ModelProfiles.withOverrides(f)).isInstanceOf(InputException.class)
          .hasMessageContaining(f.toString()).hasMessageContaining("temprature_max").hasMessageContaining("\"x\"");
    }

    @Test
    void withATemperatureLimitButNoTemperatureIsAnError() throws Exception {
      Path f = dir.resolve("models.json");
      Files.writeString(f, """
          {"families": [{"family": "x", "api": "openai", "match": ["x*"], "output_limit": "max_tokens",
            "max_output_tokens": 100, "temperature_max": 1}]}""");
      assertThatThrownBy(() -> ModelProfiles.withOverrides(f)).hasMessageContaining("temperature_max");
    }
  }
}
