package io.datasynth.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.model.ModelProfiles;
import io.datasynth.provider.ProviderKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenCounterTest {
  private static final TokenCounter O200K = openAi("gpt-4o");
  private static final TokenCounter CL100K = openAi("gpt-4");
  private static final TokenCounter CLAUDE = claude("claude-sonnet-4-5");

  static TokenCounter openAi(String model) {
    return TokenCounter.of(ModelProfiles.bundled().lookup(ProviderKind.OPENAI, model), model);
  }

  static TokenCounter claude(String model) {
    return TokenCounter.of(ModelProfiles.bundled().lookup(ProviderKind.ANTHROPIC, model), model);
  }

  @Nested
  class ChoosingAnEncoding {

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4o-mini-2024-07-18", "GPT-4.1-nano", "gpt-5", "gpt-5.1", "gpt-5-mini",
        "o1", "o1-mini", "o3-mini", "o4-mini", "chatgpt-4o-latest"})
    void openAiCurrentModelsUseO200kExactly(String model) {
      assertThat(openAi(model).description()).startsWith("o200k_base").contains("exact");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4", "gpt-4-0613", "gpt-4-turbo", "gpt-3.5-turbo", "gpt-3.5-turbo-0125"})
    void olderOpenAiModelsUseCl100kExactly(String model) {
      assertThat(openAi(model).description()).startsWith("cl100k_base").contains("exact");
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3.1:8b", "qwen2.5-7b-instruct", "o10-experimental", "gpt-4oo", ""})
    void everythingElseIsAnAnnouncedApproximation(String model) {
      assertThat(openAi(model).description()).startsWith("approximation:");
      assertThat(claude("claude-3-5-haiku-20241022").description()).startsWith("approximation:");
    }

    @Test
    void theNewestClaudeTokenizerCountsAboutAThirdMore() {
      String text = "Synthetic data for a support assistant: 订单显示已发货三天了还没到，怎么办？".repeat(20);
      double ratio = (double) claude("claude-sonnet-5-5").count(text) / claude("claude-sonnet-4-5").count(text);
      assertThat(ratio).isCloseTo(1.3, within(0.01));
      assertThat(claude("claude-sonnet-5-5").description()).contains("x 1.30 for its newer tokenizer");
    }

    @Test
    void theApproximationNamesTheModelAndItsUncertainty() {
      assertThat(CLAUDE.description()).contains("claude-sonnet-4-5").contains("x 1.2").contains("x 1.4")
          .contains("error");
    }

    @Test
    void nullModelIsABug() {
      assertThatThrownBy(() -> openAi(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Nested
  class ExactCounts {

    @Test
    void countsEnglishWithO200k() {
      assertThat(O200K.count("Hello, world!")).isEqualTo(4);
      assertThat(O200K.count("The quick brown fox jumps over the lazy dog.")).isEqualTo(10);
    }

    @Test
    void countsChineseWithO200k() {
      assertThat(O200K.count("你好，世界！")).isEqualTo(4);
      assertThat(O200K.count("人工智能正在改变世界。")).isEqualTo(6);
    }

    @Test
    void countsWithCl100kForOlderModels() {
      assertThat(CL100K.count("tiktoken is great!")).isEqualTo(6);
      assertThat(CL100K.count("人工智能正在改变世界。")).isEqualTo(12);
    }

    @Test
    void countsTheEmptyStringAsZero() {
      assertThat(O200K.count("")).isZero();
      assertThat(CL100K.count("")).isZero();
      assertThat(CLAUDE.count("")).isZero();
    }

    @Test
    void countsSpecialTokenMarkersAsPlainText() {
      assertThat(O200K.count("<|endoftext|>")).isEqualTo(7);
    }

    @Test
    void nullTextIsABug() {
      assertThatThrownBy(() -> O200K.count(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Nested
  class Approximation {

    @Test
    void scalesEnglishBy1point2() {
      String text = "The quick brown fox jumps over the lazy dog.";

      assertThat(CLAUDE.count(text)).isEqualTo(12);
    }

    @Test
    void scalesChineseBy1point4() {
      String text = "人工智能正在改变世界";

      assertThat(ApproximateTokenCounter.factor(text)).isCloseTo(1.4, within(1e-12));
      assertThat(CLAUDE.count(text)).isEqualTo(Math.round(O200K.count(text) * 1.4));
    }

    @Test
    void scalesMixedTextByTheShareOfCjkCharacters() {
      String text = "写一首关于秋天的诗。Write a poem about autumn.";

      assertThat(ApproximateTokenCounter.factor(text)).isStrictlyBetween(1.2, 1.4);
      int base = O200K.count(text);
      assertThat(CLAUDE.count(text)).isStrictlyBetween(base, (int) Math.ceil(base * 1.4));
    }

    @Test
    void treatsJapaneseAndKoreanAsCjk() {
      assertThat(ApproximateTokenCounter.factor("ひらがなカタカナ")).isCloseTo(1.4, within(1e-12));
      assertThat(ApproximateTokenCounter.factor("안녕하세요")).isCloseTo(1.4, within(1e-12));
    }

    @Test
    void weighsAsciiAsTheScriptLookupWould() {
      java.util.Random random = new java.util.Random(11);
      for (int t = 0; t < 500; t++) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
          text.append(random.nextInt(4) == 0 ? "写" : String.valueOf((char) random.nextInt(0x80)));
        }
        long visible = text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        long cjk = text.codePoints().filter(c -> c == '写').count();
        double expected = visible == 0 ? 1.2 : 1.2 + 0.2 * cjk / visible;

        assertThat(ApproximateTokenCounter.factor(text.toString())).as("[%s]", text).isCloseTo(expected,
            within(1e-12));
      }
    }

    @Test
    void ignoresWhitespaceWhenWeighingScripts() {
      assertThat(ApproximateTokenCounter.factor("你好   \n\n   世界")).isCloseTo(1.4, within(1e-12));
      assertThat(ApproximateTokenCounter.factor(" \n\t ")).isEqualTo(1.2);
    }

    @Test
    void neverCountsFewerTokensThanO200k() {
      for (String text : List.of("a", "ab cd", "{\"key\": [1, 2, 3]}", "你", "x你")) {
        assertThat(CLAUDE.count(text)).isGreaterThanOrEqualTo(O200K.count(text));
      }
    }
  }

  @Nested
  class Concurrency {

    @Test
    void givesTheSameCountsFromManyThreads() throws Exception {
      String text = "Synthetic data 合成数据 ".repeat(200);
      int expected = CLAUDE.count(text);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> counts = IntStream.range(0, 32)
            .mapToObj(i -> pool.submit(() -> claude("claude-haiku-4-5").count(text)))
            .toList();
        for (Future<Integer> count : counts) {
          assertThat(count.get()).isEqualTo(expected);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Reads the public instruction data beside the repository; skipped when it is absent (a fresh clone). */
  @Nested
  class OnRealData {
    private final Path data = Path.of("../../shared/data");

    private String texts(String file, String... fields) throws IOException {
      Path path = data.resolve(file);
      assumeTrue(Files.isRegularFile(path), "no " + path + "; skipping the real-data check");
      StringBuilder all = new StringBuilder();
      for (String line : Files.readAllLines(path)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode record = Json.mapper().readTree(line);
        for (String field : fields) {
          all.append(record.path(field).asText()).append('\n');
        }
      }
      return all.toString();
    }

    @Test
    void englishInstructionsAreScaledByAbout1point2() throws IOException {
      String english = texts("pools/en_instructions.jsonl", "instruction", "input", "output");

      double ratio = (double) CLAUDE.count(english) / O200K.count(english);

      assertThat(ratio).isCloseTo(1.2, within(0.01));
      assertThat((double) english.length() / O200K.count(english)).isBetween(3.5, 5.5);
    }

    @Test
    void chineseAnswersAreScaledByNearly1point4() throws IOException {
      String chinese = texts("pools/zh_qa.jsonl", "instruction", "output");

      double ratio = (double) CLAUDE.count(chinese) / O200K.count(chinese);

      assertThat(ratio).isBetween(1.3, 1.4);
    }

    @Test
    void aSmallerVocabularyNeedsAboutAsManyMoreTokensForChineseAsTheCjkFactorAssumes() throws IOException {
      String chinese = texts("pools/zh_qa.jsonl", "instruction", "output");
      String english = texts("pools/en_instructions.jsonl", "instruction", "input", "output");

      double chineseRatio = (double) CL100K.count(chinese) / O200K.count(chinese);
      double englishRatio = (double) CL100K.count(english) / O200K.count(english);

      assertThat(chineseRatio).isBetween(1.3, 1.6);
      assertThat(englishRatio).isBetween(0.95, 1.1);
    }
  }
}
