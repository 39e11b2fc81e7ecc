package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.anthropicJson;
import static io.datasynth.testkit.FakeClient.header;
import static io.datasynth.testkit.FakeClient.json;
import static io.datasynth.testkit.FakeClient.openAiJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Hidden reasoning tokens: where they are spent, how they show, and how they use up the output budget. */
class ReasoningTest {
  private static final int REASONING = 300;

  private FakeProvider fake;
  private FakeClient client;

  @BeforeEach
  void start() {
    fake = FakeProvider.builder().seed(4).reasoningTokens(REASONING).start();
    client = new FakeClient(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static String textOf(JsonNode message) {
    StringBuilder text = new StringBuilder();
    for (JsonNode block : message.path("content")) {
      if (block.path("type").asText().equals("text")) {
        text.append(block.path("text").asText());
      }
    }
    return text.toString();
  }

  @Nested
  class WhenAnAnthropicModelThinksByDefault {

    @Test
    void answersAnOmittedThinkingBlockWithASignatureBeforeTheText() {
      JsonNode body = json(client.anthropic(anthropicJson("claude-sonnet-5-5", 2000, "")));

      JsonNode content = body.path("content");
      assertThat(content).hasSize(2);
      assertThat(content.path(0).path("type").asText()).isEqualTo("thinking");
      assertThat(content.path(0).path("thinking").asText()).isEmpty();
      assertThat(content.path(0).path("signature").asText()).isNotBlank();
      assertThat(content.path(1).path("type").asText()).isEqualTo("text");
      String text = content.path(1).path("text").asText();
      assertThat(FakeClient.records(text)).hasSize(5);
      assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
      assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(REASONING + TokenCounter.count(text));
      assertThat(fake.requests().get(0).reasoningTokens()).isEqualTo(REASONING);
    }

    @Test
    void summarizesTheThinkingWhenTheRequestAsksForIt() {
      JsonNode body = json(client.anthropic(anthropicJson("claude-sonnet-5-5", 2000,
          "\"thinking\":{\"type\":\"adaptive\",\"display\":\"summarized\"}")));

      assertThat(body.path("content").path(0).path("thinking").asText()).isNotBlank();
    }

    @Test
    void spendsTheWholeBudgetThinkingAndEndsWithMaxTokensAndNoText() {
      HttpResponse<String> response = client.anthropic(anthropicJson("claude-opus-5-5", 200, ""));

      JsonNode body = json(response);
      assertThat(body.path("content")).hasSize(1);
      assertThat(body.path("content").path(0).path("type").asText()).isEqualTo("thinking");
      assertThat(textOf(body)).isEmpty();
      assertThat(body.path("stop_reason").asText()).isEqualTo("max_tokens");
      assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(200);
      RecordedRequest recorded = fake.requests().get(0);
      assertThat(recorded.recordsSent()).isZero();
      assertThat(recorded.truncated()).isTrue();
      assertThat(recorded.reasoningTokens()).isEqualTo(200);
    }

    @Test
    void cutsTheTextWhereTheBudgetLeftAfterThinkingEnds() {
      JsonNode body = json(client.anthropic(anthropicJson("claude-sonnet-5", REASONING + 40, "")));

      assertThat(body.path("stop_reason").asText()).isEqualTo("max_tokens");
      assertThat(TokenCounter.count(textOf(body))).isLessThanOrEqualTo(40);
      assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(REASONING + 40);
    }

    @Test
    void doesNotThinkWhenThinkingIsDisabled() {
      JsonNode body = json(client.anthropic(anthropicJson("claude-opus-5", 2000, "\"thinking\":{\"type\":\"disabled\"}")));

      assertThat(body.path("content")).hasSize(1);
      assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(TokenCounter.count(textOf(body)));
    }

    @Test
    void streamsTheThinkingBlockFirstWithOnlyASignatureDeltaWhenOmitted() {
      HttpResponse<String> response = client.anthropic(anthropicJson("claude-sonnet-5-5", 2000, "\"stream\":true"));

      List<SseParser.Event> events = SseParser.parse(response.body()).events();
      assertThat(events.get(1).name()).isEqualTo("content_block_start");
      assertThat(data(events.get(1)).path("content_block").path("type").asText()).isEqualTo("thinking");
      List<String> deltaTypes =
          events.stream().filter(e -> "content_block_delta".equals(e.name()))
              .map(e -> data(e).path("delta").path("type").asText()).toList();
      assertThat(deltaTypes.get(0)).isEqualTo("signature_delta");
      assertThat(deltaTypes).doesNotContain("thinking_delta").contains("text_delta");
      JsonNode messageDelta = data(events.get(events.size() - 2));
      String text = StreamingTest.text(SseParser.parse(response.body()));
      assertThat(messageDelta.path("usage").path("output_tokens").asInt())
          .isEqualTo(REASONING + TokenCounter.count(text));
    }

    @Test
    void streamsThinkingDeltasWhenSummarized() {
      HttpResponse<String> response = client.anthropic(anthropicJson("claude-sonnet-5-5", 2000,
          "\"stream\":true,\"thinking\":{\"type\":\"adaptive\",\"display\":\"summarized\"}"));

      List<String> deltaTypes =
          SseParser.parse(response.body()).events().stream().filter(e -> "content_block_delta".equals(e.name()))
              .map(e -> data(e).path("delta").path("type").asText()).distinct().toList();
      assertThat(deltaTypes).containsExactly("thinking_delta", "signature_delta", "text_delta");
    }
  }

  @Nested
  class WhenAnAnthropicModelThinksOnlyOnRequest {

    @Test
    void doesNotThinkWithoutAThinkingField() {
      JsonNode body = json(client.anthropic(anthropicJson("claude-sonnet-4-5", 2000, "")));

      assertThat(body.path("content")).hasSize(1);
      assertThat(fake.requests().get(0).reasoningTokens()).isZero();
    }

    @Test
    void thinksAtMostTheManualBudget() {
      try (FakeProvider deep = FakeProvider.builder().seed(4).reasoningTokens(5000).start()) {
        JsonNode body = json(new FakeClient(deep).anthropic(anthropicJson("claude-sonnet-4-5", 8000,
            "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}")));

        assertThat(body.path("content").path(0).path("thinking").asText()).isNotBlank();
        assertThat(deep.requests().get(0).reasoningTokens()).isEqualTo(1024);
        assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(1024 + TokenCounter.count(textOf(body)));
      }
    }
  }

  @Nested
  class WhenAnOpenAiModelReasons {

    @Test
    void reportsReasoningTokensInsideTheCompletionTokens() {
      JsonNode body = json(client.openAi(openAiJson("gpt-5-mini", "\"max_completion_tokens\":2000")));

      JsonNode usage = body.path("usage");
      String text = body.path("choices").path(0).path("message").path("content").asText();
      assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(REASONING);
      assertThat(usage.path("completion_tokens").asInt()).isEqualTo(REASONING + TokenCounter.count(text));
      assertThat(body.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void spendsTheWholeBudgetReasoningAndEndsWithLengthAndNoContent() {
      JsonNode body = json(client.openAi(openAiJson("gpt-6.2-sol", "\"max_completion_tokens\":250")));

      JsonNode choice = body.path("choices").path(0);
      assertThat(choice.path("message").path("content").asText()).isEmpty();
      assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
      assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(250);
      assertThat(body.path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(250);
    }

    @Test
    void doesNotReasonAtEffortNoneOrOnAModelThatDoesNotReason() {
      JsonNode byDefault = json(client.openAi(openAiJson("gpt-5.1", "\"max_completion_tokens\":2000")));
      JsonNode low = json(client.openAi(openAiJson("gpt-5.1", "\"max_completion_tokens\":2000,\"reasoning_effort\":\"low\"")));
      JsonNode plain = json(client.openAi(openAiJson("gpt-4o", "\"max_tokens\":2000")));

      assertThat(reasoning(byDefault)).isZero();
      assertThat(reasoning(low)).isEqualTo(REASONING);
      assertThat(reasoning(plain)).isZero();
    }

    @Test
    void streamsTheReasoningInTheFinalUsage() {
      HttpResponse<String> response = client.openAi(openAiJson("gpt-5-mini",
          "\"max_completion_tokens\":2000,\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

      List<SseParser.Event> events = SseParser.parse(response.body()).events();
      JsonNode usage = data(events.get(events.size() - 2)).path("usage");
      assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(REASONING);
    }

    private int reasoning(JsonNode body) {
      return body.path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt();
    }
  }

  @Nested
  class WhenTheOutputBucketSettles {

    @Test
    void refundsTheBudgetLeftAfterReasoningAndText() {
      try (FakeProvider limited =
          FakeProvider.builder().seed(4).reasoningTokens(REASONING).clock(new MutableClock()).outputTokensPerMinute(1000)
              .start()) {
        HttpResponse<String> response = new FakeClient(limited).anthropic(anthropicJson("claude-sonnet-5-5", 900, ""));

        int used = json(response).path("usage").path("output_tokens").asInt();
        assertThat(used).isGreaterThan(REASONING);
        assertThat(header(response, "anthropic-ratelimit-output-tokens-remaining")).isEqualTo(String.valueOf(1000 - used));
      }
    }
  }

  private static JsonNode data(SseParser.Event event) {
    try {
      return FakeClient.MAPPER.readTree(event.data());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
