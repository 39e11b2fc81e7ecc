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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code stream: true} in each API's event format, checked with an independent SSE parser. */
class StreamingTest {

  private static JsonNode data(SseParser.Event event) {
    try {
      return FakeClient.MAPPER.readTree(event.data());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + event.data(), e);
    }
  }

  private static FakeProvider fake(FaultScript faults) {
    return FakeProvider.builder().seed(8).apiKey(FakeClient.KEY).faults(faults).start();
  }

  @Nested
  class WhenAnAnthropicRequestStreams {
    private final String plain = anthropicJson("claude-sonnet-5-5", 1000, "");
    private final String streamed = anthropicJson("claude-sonnet-5-5", 1000, "\"stream\":true");

    @Test
    void sendsTheDocumentedEventsInOrderWithUsage() {
      try (FakeProvider fake = fake(FaultScript.none())) {
        HttpResponse<String> response = new FakeClient(fake).anthropic(streamed);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "content-type")).startsWith("text/event-stream");
        SseParser.Parsed parsed = SseParser.parse(response.body());
        assertThat(parsed.partial()).isNull();
        List<String> names = parsed.names();
        assertThat(names.subList(0, 3)).containsExactly("message_start", "content_block_start", "ping");
        assertThat(names.subList(names.size() - 3, names.size()))
            .containsExactly("content_block_stop", "message_delta", "message_stop");
        assertThat(names.subList(3, names.size() - 3)).isNotEmpty().allMatch("content_block_delta"::equals);
        for (SseParser.Event event : parsed.events()) {
          assertThat(data(event).path("type").asText()).isEqualTo(event.name());
        }
        JsonNode start = data(parsed.events().get(0)).path("message");
        assertThat(start.path("id").asText()).startsWith("msg_");
        assertThat(start.path("content")).isEmpty();
        assertThat(start.path("stop_reason").isNull()).isTrue();
        assertThat(start.path("usage").path("input_tokens").asInt()).isEqualTo(TokenCounter.count("Generate 3 records\n"));
        JsonNode delta = data(parsed.events().get(names.size() - 2));
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(TokenCounter.count(text(parsed)));
        assertThat(fake.requests().get(0).stream()).isTrue();
      }
    }

    @Test
    void streamsTheSameTextAndUsageAsTheWholeReplyForTheSameSeed() {
      HttpResponse<String> whole;
      HttpResponse<String> stream;
      try (FakeProvider fake = fake(FaultScript.none())) {
        whole = new FakeClient(fake).anthropic(plain);
      }
      try (FakeProvider fake = fake(FaultScript.none())) {
        stream = new FakeClient(fake).anthropic(streamed);
      }

      SseParser.Parsed parsed = SseParser.parse(stream.body());
      assertThat(text(parsed)).isEqualTo(FakeClient.text(whole));
      int streamedOutput = data(parsed.events().get(parsed.events().size() - 2)).path("usage").path("output_tokens").asInt();
      assertThat(streamedOutput).isEqualTo(json(whole).path("usage").path("output_tokens").asInt());
      assertThat(data(parsed.events().get(0)).path("message").path("id").asText())
          .isEqualTo(json(whole).path("id").asText());
    }

    @Test
    void endsAReplyCutAtMaxTokensWithThatStopReason() {
      try (FakeProvider fake = fake(FaultScript.sequence(Fault.TRUNCATED))) {
        SseParser.Parsed parsed = SseParser.parse(new FakeClient(fake).anthropic(streamed).body());

        JsonNode delta = data(parsed.events().get(parsed.events().size() - 2));
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(1000);
      }
    }

    @Test
    void sendsAnErrorEventMidStreamAsAFault() {
      try (FakeProvider fake = fake(FaultScript.sequence(Fault.STREAM_ERROR))) {
        HttpResponse<String> response = new FakeClient(fake).anthropic(streamed);

        assertThat(response.statusCode()).isEqualTo(200);
        SseParser.Parsed parsed = SseParser.parse(response.body());
        List<String> names = parsed.names();
        assertThat(names).containsSubsequence("message_start", "content_block_delta", "error").doesNotContain(
            "message_stop", "message_delta");
        assertThat(names.get(names.size() - 1)).isEqualTo("error");
        JsonNode error = data(parsed.events().get(names.size() - 1));
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(fake.requests().get(0).recordsSent()).isZero();
      }
    }

    @Test
    void answersTheStreamErrorFaultWith529WhenTheRequestDoesNotStream() {
      try (FakeProvider fake = fake(FaultScript.sequence(Fault.STREAM_ERROR))) {
        HttpResponse<String> response = new FakeClient(fake).anthropic(plain);

        assertThat(response.statusCode()).isEqualTo(529);
        assertThat(json(response).path("error").path("type").asText()).isEqualTo("overloaded_error");
      }
    }

    @Test
    void stopsAMalformedStreamInsideAnEventWithoutMessageStop() {
      try (FakeProvider fake = fake(FaultScript.sequence(Fault.MALFORMED_BODY))) {
        SseParser.Parsed parsed = SseParser.parse(new FakeClient(fake).anthropic(streamed).body());

        assertThat(parsed.names()).doesNotContain("message_stop");
        assertThat(parsed.partial()).isNotNull();
      }
    }

    @Test
    void answersOverloadBeforeTheStreamWithAWholeJsonError() {
      try (FakeProvider fake = fake(FaultScript.sequence(Fault.OVERLOADED))) {
        HttpResponse<String> response = new FakeClient(fake).anthropic(streamed);

        assertThat(response.statusCode()).isEqualTo(529);
        assertThat(header(response, "content-type")).isEqualTo("application/json");
      }
    }
  }

  @Nested
  class WhenAnOpenAiRequestStreams {
    private final String plain = openAiJson("gpt-4.1-mini", "\"max_tokens\":1000");
    private final String streamed = openAiJson("gpt-4.1-mini", "\"max_tokens\":1000,\"stream\":true");
    private final String withUsage =
        openAiJson("gpt-4.1-mini", "\"max_tokens\":1000,\"stream\":true,\"stream_options\":{\"include_usage\":true}");

    @Test
    void sendsChunksWithTheFinishReasonOnTheLastChoiceAndThenDone() {
      try (FakeProvider fake = fake(FaultScript.none())) {
        HttpResponse<String> response = new FakeClient(fake).openAi(streamed);

        assertThat(header(response, "content-type")).startsWith("text/event-stream");
        SseParser.Parsed parsed = SseParser.parse(response.body());
        List<SseParser.Event> events = parsed.events();
        assertThat(events).allMatch(e -> e.name() == null);
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(StreamingTest::data).toList();
        assertThat(chunks).allMatch(c -> c.path("object").asText().equals("chat.completion.chunk"));
        assertThat(chunks).allMatch(c -> !c.has("usage"));
        assertThat(chunks.get(0).path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
        JsonNode last = chunks.get(chunks.size() - 1).path("choices").path(0);
        assertThat(last.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(last.path("delta")).isEmpty();
        assertThat(chunks.subList(0, chunks.size() - 1))
            .allMatch(c -> c.path("choices").path(0).path("finish_reason").isNull());
        assertThat(chunks.stream().map(c -> c.path("id").asText()).distinct()).hasSize(1);
      }
    }

    @Test
    void endsWithAUsageChunkWithEmptyChoicesOnlyWhenAskedTo() {
      try (FakeProvider fake = fake(FaultScript.none())) {
        SseParser.Parsed parsed = SseParser.parse(new FakeClient(fake).openAi(withUsage).body());

        List<SseParser.Event> events = parsed.events();
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(StreamingTest::data).toList();
        JsonNode usageChunk = chunks.get(chunks.size() - 1);
        assertThat(usageChunk.path("choices")).isEmpty();
        JsonNode usage = usageChunk.path("usage");
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(TokenCounter.count(openAiText(chunks)));
        assertThat(usage.path("total_tokens").asInt())
            .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
        assertThat(chunks.subList(0, chunks.size() - 1)).allMatch(c -> c.has("usage") && c.path("usage").isNull());
      }
    }

    @Test
    void streamsTheSameTextAsTheWholeReplyForTheSameSeed() {
      HttpResponse<String> whole;
      HttpResponse<String> stream;
      try (FakeProvider fake = fake(FaultScript.none())) {
        whole = new FakeClient(fake).openAi(plain);
      }
      try (FakeProvider fake = fake(FaultScript.none())) {
        stream = new FakeClient(fake).openAi(withUsage);
      }

      List<SseParser.Event> events = SseParser.parse(stream.body()).events();
      List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(StreamingTest::data).toList();
      assertThat(openAiText(chunks)).isEqualTo(FakeClient.text(whole));
      assertThat(chunks.get(chunks.size() - 1).path("usage")).isEqualTo(json(whole).path("usage"));
    }

    @Test
    void sendsAnErrorDataLineMidStreamAndNoDone() {
      try (FakeProvider fake = fake(FaultScript.sequence(Fault.STREAM_ERROR))) {
        List<SseParser.Event> events = SseParser.parse(new FakeClient(fake).openAi(streamed).body()).events();

        SseParser.Event last = events.get(events.size() - 1);
        assertThat(data(last).path("error").path("type").asText()).isEqualTo("server_error");
        assertThat(events).noneMatch(e -> e.data().equals("[DONE]"));
      }
    }

    @Test
    void endsAReplyCutAtTheLimitWithFinishReasonLength() {
      try (FakeProvider fake = fake(FaultScript.sequence(Fault.TRUNCATED))) {
        List<SseParser.Event> events = SseParser.parse(new FakeClient(fake).openAi(streamed).body()).events();

        JsonNode last = data(events.get(events.size() - 2)).path("choices").path(0);
        assertThat(last.path("finish_reason").asText()).isEqualTo("length");
      }
    }
  }

  @Nested
  class WhenRateLimitsBindOnStreams {

    @Test
    void sendsRateLimitHeadersOnTheStreamAndA429WithRetryAfterBeforeOne() {
      try (FakeProvider fake = FakeProvider.builder().requestsPerMinute(1).start()) {
        FakeClient client = new FakeClient(fake);
        String streamed = anthropicJson("claude-sonnet-5-5", 500, "\"stream\":true");

        HttpResponse<String> first = client.anthropic(streamed);
        HttpResponse<String> second = client.anthropic(streamed);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "anthropic-ratelimit-requests-remaining")).isEqualTo("0");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(header(second, "content-type")).isEqualTo("application/json");
        assertThat(header(second, "retry-after")).isEqualTo("60");
        assertThat(json(second).path("error").path("type").asText()).isEqualTo("rate_limit_error");
      }
    }
  }

  /** The text of an Anthropic stream: its text deltas joined. */
  static String text(SseParser.Parsed parsed) {
    return parsed.events().stream()
        .filter(e -> "content_block_delta".equals(e.name()))
        .map(StreamingTest::data)
        .filter(d -> d.path("delta").path("type").asText().equals("text_delta"))
        .map(d -> d.path("delta").path("text").asText())
        .collect(Collectors.joining());
  }

  /** The text of an OpenAI stream: its content deltas joined. */
  static String openAiText(List<JsonNode> chunks) {
    return chunks.stream()
        .map(c -> c.path("choices").path(0).path("delta").path("content").asText(""))
        .collect(Collectors.joining());
  }
}
