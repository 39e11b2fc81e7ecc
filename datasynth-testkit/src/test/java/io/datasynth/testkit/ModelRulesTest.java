package io.datasynth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelRulesTest {
  private final ModelRules rules = ModelRules.bundled();

  private String family(ApiStyle style, String model) {
    return rules.resolve(style, model, List.of()).map(ModelRule::family).orElse("none");
  }

  @Nested
  class WhenResolvingBundledFamilies {

    @ParameterizedTest
    @CsvSource({
      "claude-sonnet-5-5, Claude Sonnet 5.5",
      "claude-sonnet-5, Claude Sonnet 5",
      "claude-sonnet-5-20260630, Claude Sonnet 5",
      "claude-opus-5-5, Claude Opus 5.5",
      "claude-opus-4-8, Claude Opus 4.8",
      "claude-opus-4-6, Claude Opus 4.6",
      "claude-opus-4-5-20251101, Claude Opus 4.5",
      "claude-haiku-4-5-20251001, Claude Haiku 4.5",
      "claude-fable-5-2, 'Claude Fable 5, 5.1, 5.2 and Claude Mythos 5, 5.1, 5.2'",
      "claude-mythos-5, 'Claude Fable 5, 5.1, 5.2 and Claude Mythos 5, 5.1, 5.2'",
      "claude-3-5-haiku-20241022, Claude Haiku 3.5",
      "claude-sonnet-9, none",
      "gpt-5-mini, none"
    })
    void matchesTheWholeIdInFileOrder(String model, String family) {
      assertThat(family(ApiStyle.ANTHROPIC, model)).isEqualTo(family);
    }

    @ParameterizedTest
    @CsvSource({
      "gpt-5-mini, 'GPT-5, GPT-5 mini, GPT-5 nano'",
      "gpt-5-2025-08-07, 'GPT-5, GPT-5 mini, GPT-5 nano'",
      "gpt-5.1, GPT-5.1",
      "gpt-5.6-luna, 'GPT-6 Sol, GPT-6 Luna, GPT-6.1 Terra and the GPT-5.6 family'",
      "gpt-6.2-sol, GPT-6.2 Astra and GPT-6.2 Sol",
      "gpt-5-pro, 'Responses-only models (-pro, codex)'",
      "o4-mini, 'o1, o3, o3-mini, o4-mini'",
      "gpt-4o-2024-08-06, 'GPT-4o, GPT-4o mini'",
      "qwen2.5:7b, 'open-weight models behind OpenAI-compatible servers (vLLM, Ollama, llama.cpp, LM Studio)'",
      "meta-llama/Llama-3.1-8B-Instruct, 'open-weight models behind OpenAI-compatible servers (vLLM, Ollama, "
          + "llama.cpp, LM Studio)'",
      "gpt-oss:20b, 'open-weight models behind OpenAI-compatible servers (vLLM, Ollama, llama.cpp, LM Studio)'",
      "deepseek-chat, DeepSeek API (OpenAI-compatible)",
      "gpt-9, none",
      "my-finetune, none"
    })
    void resolvesOpenAiAndOpenModels(String model, String family) {
      assertThat(family(ApiStyle.OPENAI, model)).isEqualTo(family);
    }

    @Test
    void everyListedModelHasAFamilyAndASource() {
      for (ApiStyle style : ApiStyle.values()) {
        for (String model : rules.listed(style)) {
          ModelRule rule = rules.resolve(style, model, List.of()).orElseThrow(() -> new AssertionError(model));
          assertThat(rule.source()).as(model).startsWith("https://");
        }
      }
    }

    @Test
    void statesWhenItWasChecked() {
      assertThat(rules.checked()).isEqualTo("2026-12-01");
      assertThat(rules.origin()).contains("bundled");
    }
  }

  @Nested
  class WhenThereIsAnAllowList {

    @Test
    void refusesModelsOutsideItEvenKnownOnes() {
      assertThat(rules.resolve(ApiStyle.ANTHROPIC, "claude-opus-5", List.of("claude-test"))).isEmpty();
    }

    @Test
    void givesAListedKnownModelItsFamilyAndAListedUnknownOneTheLenientCustomRules() {
      List<String> allow = List.of("claude-opus-5", "house-model");

      assertThat(rules.resolve(ApiStyle.ANTHROPIC, "claude-opus-5", allow).orElseThrow().family())
          .isEqualTo("Claude Opus 5");
      ModelRule custom = rules.resolve(ApiStyle.ANTHROPIC, "house-model", allow).orElseThrow();
      assertThat(custom.sampling()).isEqualTo(ModelRule.Sampling.ANY);
      assertThat(custom.maxOutput()).isNull();
    }
  }

  @Nested
  class WhenAFileIsGiven {

    @Test
    void readsAFileInTheBundledFormat(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("rules.json");
      Files.writeString(file, minimal("\"pattern\": \"claude-next\""));

      ModelRules own = ModelRules.fromFile(file);

      assertThat(own.resolve(ApiStyle.ANTHROPIC, "claude-next", List.of())).isPresent();
      assertThat(own.resolve(ApiStyle.ANTHROPIC, "claude-opus-5", List.of())).isEmpty();
    }

    @Test
    void namesTheFileTheFamilyAndTheFieldOfAMistake(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("rules.json");
      Files.writeString(file, minimal("\"pattern\": \"claude-next\", \"temprature\": 1"));

      assertThatThrownBy(() -> ModelRules.fromFile(file))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("anthropic.families[0].temprature is not a known field");
    }

    @Test
    void refusesAPatternThatIsNotARegularExpression(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("rules.json");
      Files.writeString(file, minimal("\"pattern\": \"claude-(\""));

      assertThatThrownBy(() -> ModelRules.fromFile(file))
          .hasMessageContaining("anthropic.families[0].pattern is not a valid regular expression");
    }

    @Test
    void pointsAtTheLineOfJsonThatDoesNotParse(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("rules.json");
      Files.writeString(file, "{\n\"anthropic\": {\n,}");

      assertThatThrownBy(() -> ModelRules.fromFile(file))
          .hasMessageContaining(file + " is not valid JSON")
          .hasMessageContaining("line 3");
    }

    private static String minimal(String family) {
      String one = "{\"family\": \"f\", \"source\": \"https://example.com\", \"sampling\": \"any\", " + family + "}";
      String custom = "{\"family\": \"c\", \"source\": \"https://example.com\", \"sampling\": \"any\", \"pattern\": \".*\"}";
      return "{\"anthropic\": {\"families\": [" + one + "], \"custom\": " + custom + ", \"listed\": [\"claude-next\"]},"
          + " \"openai\": {\"families\": [" + custom + "], \"custom\": " + custom + ", \"listed\": [\"x\"]}}";
    }
  }
}
