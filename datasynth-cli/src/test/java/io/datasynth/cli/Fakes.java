package io.datasynth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;

/**
 * Fake providers that answer with valid, unique records for each bundled example's schema, replying with as many
 * records as the prompt asks for.
 */
final class Fakes {
  /** The key the fakes require; distinctive, so a test can search every output for it. */
  static final String KEY = "sk-ant-cli-test-7Qm2Zx9Lp4Rv";

  static final String INSTRUCTION_ZH = """
      {"instruction": "问题{n}：{zh}？", "response": "回答{n}：{zh}，{zh}。", "category": "知识问答", "quality": 4}""";
  static final String PREFERENCE = """
      {"prompt": "Question {n}: {words}?", "chosen": "A careful answer {n}: {words} {words}.",
       "rejected": "A weak answer {n}: {words}.", "reason": "Reason {n}: {words}.", "margin": 0.7}""";
  static final String REVIEWS = """
      {"review": "Review {n}: {words} {words}.", "sentiment": "positive", "stars": 4, "aspects": ["aspect {n}"]}""";
  static final String RECIPE_DEMO = """
      {"question": "问题{n}：{zh}？", "answer": "回答{n}：{zh}{zh}。", "intent": "商品咨询", "score": 1}""";

  private Fakes() {}

  /** A fake requiring {@link #KEY} that serves records made from {@code template}. */
  static FakeProvider serving(String template) {
    return builder(template).start();
  }

  static FakeProvider.Builder builder(String template) {
    return FakeProvider.builder().seed(11).apiKey(KEY).countFromPrompt(true)
        .records(RecordSource.counter(object(template)));
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A command line pointed at the fake's Anthropic API with the right key. */
  static Cli anthropic(Cli cli, FakeProvider fake) {
    return cli.env("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()).env("ANTHROPIC_API_KEY", KEY);
  }

  /** A command line pointed at the fake's OpenAI API with the right key. */
  static Cli openAi(Cli cli, FakeProvider fake) {
    return cli.env("OPENAI_BASE_URL", fake.openAiBaseUrl()).env("OPENAI_API_KEY", KEY);
  }
}
