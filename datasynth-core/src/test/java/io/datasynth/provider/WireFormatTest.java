package io.datasynth.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.model.ModelProfile;
import io.datasynth.model.ModelProfiles;
import io.datasynth.provider.anthropic.AnthropicWireFormat;
import io.datasynth.provider.http.WireFormat;
import io.datasynth.provider.openai.OpenAiWireFormat;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WireFormatTest {
  static final ApiKey KEY = ApiKey.of("sk-test-123456789");
  static final LlmRequest REQUEST = new LlmRequest("be terse", "生成 5 条数据", 1200, 0.85, null);

  static ModelProfile profile(ProviderKind kind, String model) {
    return ModelProfiles.bundled().lookup(kind, model);
  }

  static WireFormat anthropic(String model) {
    return new AnthropicWireFormat(AnthropicWireFormat.endpoint("https://api.anthropic.com"), model, KEY,
        Duration.ofSeconds(30), profile(ProviderKind.ANTHROPIC, model));
  }

  static WireFormat openAi(String baseUrl, String model) {
    return new OpenAiWireFormat(OpenAiWireFormat.endpoint(baseUrl), model, KEY, Duration.ofSeconds(30),
        profile(ProviderKind.OPENAI, model));
  }

  static HttpHeaders headers(Map<String, String> values) {
    return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
        e -> List.of(e.getValue()))), (a, b) -> true);
  }

  static JsonNode body(WireFormat.Outgoing o) throws Exception {
    return body(o.request());
  }

  static JsonNode body(HttpRequest r) throws Exception {
    return Json.mapper().readTree(io.datasynth.provider.http.RequestBodies.bytes(r.bodyPublisher().orElseThrow()));
  }

  @Nested
  class Anthropic {
    final WireFormat wire = anthropic("claude-sonnet-4-5");

    @Test
    void appendsV1MessagesToTheOrigin() {
      assertThat(AnthropicWireFormat.endpoint("https://api.anthropic.com/")).hasToString(
          "https://api.anthropic.com/v1/messages");
      assertThat(AnthropicWireFormat.endpoint("http://127.0.0.1:8080/v1")).hasToString(
          "http://127.0.0.1:8080/v1/messages");
    }

    @Test
    void writesTheDocumentedRequest() throws Exception {
      WireFormat.Outgoing o = wire.request(REQUEST);
      assertThat(o.streamed()).isFalse();
      assertThat(o.request().headers().firstValue("x-api-key")).contains("sk-test-123456789");
      assertThat(o.request().headers().firstValue("anthropic-version")).contains("2023-06-01");
      JsonNode b = body(o);
      assertThat(b.get("model").asText()).isEqualTo("claude-sonnet-4-5");
      assertThat(b.get("max_tokens").asInt()).isEqualTo(1200);
      assertThat(b.get("system").asText()).isEqualTo("be terse");
      assertThat(b.get("messages").get(0).get("content").asText()).isEqualTo("生成 5 条数据");
      assertThat(b.get("temperature").asDouble()).isEqualTo(0.85);
      assertThat(b.has("stream")).isFalse();
    }

    @Test
    void sendsTheNewestModelsNoSamplingParameterWhateverIsAsked() throws Exception {
      for (String model : List.of("claude-sonnet-5-5", "claude-opus-4-7", "claude-opus-5", "claude-fable-5-1",
          "claude-sonnet-7-experimental")) {
        JsonNode b = body(anthropic(model).request(REQUEST));
        assertThat(b.has("temperature")).as(model).isFalse();
        assertThat(b.has("top_p") || b.has("top_k")).as(model).isFalse();
      }
    }

    @Test
    void sendsNoTemperatureWhenNoneIsAsked() throws Exception {
      assertThat(body(wire.request(LlmRequest.of("", "x", 100))).has("temperature")).isFalse();
    }

    @Test
    void sendsTheStablePrefixAndTheBatchAsSeparateTextBlocksInOrder() throws Exception {
      LlmRequest r = new LlmRequest("", LlmRequest.blocks("字段定义……", "本批任务"), 100, null, null, null);
      JsonNode content = body(wire.request(r)).get("messages").get(0).get("content");
      assertThat(content).hasSize(2);
      assertThat(content.get(0).get("type").asText()).isEqualTo("text");
      assertThat(content.get(0).get("text").asText()).isEqualTo("字段定义……");
      assertThat(content.get(1).get("text").asText()).isEqualTo("本批任务");
    }

    @Test
    void asksForAnEffortOnlyWhereTheModelTakesOne() throws Exception {
      LlmRequest low = new LlmRequest("", "x", 4000, null, "low");
      assertThat(body(anthropic("claude-sonnet-5-5").request(low)).path("output_config").path("effort").asText())
          .isEqualTo("low");
      assertThat(body(anthropic("claude-haiku-4-5").request(low)).has("output_config")).isFalse();
    }

    @Test
    void streamsARequestTooLargeForOneNonStreamingCall() throws Exception {
      WireFormat.Outgoing small = anthropic("claude-sonnet-5-5").request(LlmRequest.of("", "x", 21_333));
      WireFormat.Outgoing large = anthropic("claude-sonnet-5-5").request(LlmRequest.of("", "x", 21_334));
      assertThat(small.streamed()).isFalse();
      assertThat(large.streamed()).isTrue();
      assertThat(body(large).get("stream").asBoolean()).isTrue();
      assertThat(large.request().headers().firstValue("accept")).contains("text/event-stream");
      assertThat(large.request().timeout().orElseThrow()).isGreaterThan(Duration.ofMinutes(10));
    }

    @Test
    void readsTextUsageAndTruncation() {
      WireFormat.Reply r = wire.reply("""
          {"id": "msg_1", "type": "message", "role": "assistant", "content": [{"type": "text", "text": "[{}]"}],
           "stop_reason": "max_tokens", "usage": {"input_tokens": 10, "output_tokens": 20,
           "cache_read_input_tokens": 3, "cache_creation_input_tokens": 4}}""", false);
      assertThat(r.text()).isEqualTo("[{}]");
      assertThat(r.truncated()).isTrue();
      assertThat(r.reasoned()).isFalse();
      assertThat(r.usage()).isEqualTo(new Usage(10, 20, 3, 4, 0));
    }

    @Test
    void skipsThinkingBlocks() {
      WireFormat.Reply r = wire.reply("""
          {"id": "msg_1", "type": "message", "role": "assistant", "content": [
            {"type": "thinking", "thinking": "[{\\"not\\": \\"a record\\"}]", "signature": "EqQB"},
            {"type": "text", "text": "[{\\"a\\": 1}]"}],
           "stop_reason": "end_turn", "usage": {"input_tokens": 10, "output_tokens": 200}}""", false);
      assertThat(r.text()).isEqualTo("[{\"a\": 1}]");
      assertThat(r.reasoned()).isTrue();
    }

    @Test
    void readsAStreamedMessage() {
      String sse = """
          event: message_start
          data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],\
          "model":"claude-sonnet-5-5","stop_reason":null,"usage":{"input_tokens":25,"output_tokens":1,\
          "cache_read_input_tokens":7}}}

          event: content_block_start
          data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

          event: ping
          data: {"type": "ping"}

          event: content_block_delta
          data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"[{\\"no\\":1}]"}}

          event: content_block_delta
          data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"Eq"}}

          event: content_block_stop
          data: {"type":"content_block_stop","index":0}

          event: content_block_start
          data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

          event: content_block_delta
          data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"[{\\"问题\\": "}}

          event: content_block_delta
          data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"\\"你好\\"}]"}}

          event: content_block_stop
          data: {"type":"content_block_stop","index":1}

          event: message_delta
          data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},\
          "usage":{"output_tokens":340}}

          event: message_stop
          data: {"type":"message_stop"}

          """;
      WireFormat.Reply r = anthropic("claude-sonnet-5-5").reply(sse, true);
      assertThat(r.text()).isEqualTo("[{\"问题\": \"你好\"}]");
      assertThat(r.reasoned()).isTrue();
      assertThat(r.truncated()).isFalse();
      assertThat(r.usage()).isEqualTo(new Usage(25, 340, 7, 0, 0));
    }

    @Test
    void turnsAnErrorEventIntoTheStatusItStandsFor() {
      String sse = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
          + "{\"input_tokens\":5,\"output_tokens\":1}}}\n\nevent: error\ndata: {\"type\":\"error\",\"error\":"
          + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
      assertThatThrownBy(() -> wire.reply(sse, true)).isInstanceOfSatisfying(WireFormat.StreamError.class,
          e -> assertThat(e.status()).isEqualTo(529));
    }

    @Test
    void refusesAStreamThatStopsBeforeItsEnd() {
      String sse = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{}}\n\n";
      assertThatThrownBy(() -> wire.reply(sse, true)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("message_stop");
    }

    @Test
    void readsRateLimitHeadersWithAbsoluteResets() {
      Instant now = Instant.parse("2026-01-01T00:00:00Z");
      RateLimits l = wire.limits(headers(Map.of(
          "anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining", "49",
          "anthropic-ratelimit-requests-reset", "2026-01-01T00:00:01.5Z",
          "anthropic-ratelimit-output-tokens-limit", "8000", "anthropic-ratelimit-output-tokens-remaining", "0")),
          now);
      assertThat(l.get(RateLimits.Dimension.REQUESTS)).contains(new RateLimits.Limit(50, 49,
          Duration.ofMillis(1500)));
      assertThat(l.get(RateLimits.Dimension.OUTPUT_TOKENS).orElseThrow().remaining()).isZero();
      assertThat(l.get(RateLimits.Dimension.INPUT_TOKENS)).isEmpty();
    }

    @Test
    void readsTheErrorTypeAndMessage() {
      assertThat(wire.errorMessage("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}"))
          .isEqualTo("overloaded_error: busy");
      assertThat(wire.errorMessage("<html>bad gateway</html>")).isEqualTo("<html>bad gateway</html>");
    }

    @Test
    void refusesABodyThatIsNotAMessage() {
      assertThatThrownBy(() -> wire.reply("{\"type\": \"error\"}", false))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> wire.reply("{\"type\": \"mess", false)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class OpenAi {
    final WireFormat official = openAi("https://api.openai.com/v1", "gpt-5-mini");
    final WireFormat local = new OpenAiWireFormat(OpenAiWireFormat.endpoint("http://localhost:11434/v1"),
        "qwen2.5:7b", null, Duration.ofSeconds(30), profile(ProviderKind.OPENAI, "qwen2.5:7b"));

    @Test
    void appendsChatCompletionsTheSdkWay() {
      assertThat(OpenAiWireFormat.endpoint("http://localhost:11434/v1")).hasToString(
          "http://localhost:11434/v1/chat/completions");
      assertThat(OpenAiWireFormat.endpoint("http://localhost:11434")).hasToString(
          "http://localhost:11434/v1/chat/completions");
      assertThat(OpenAiWireFormat.endpoint("https://dashscope.aliyuncs.com/compatible-mode/v1/")).hasToString(
          "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions");
    }

    @Test
    void shapesTheRequestByTheModelNotByTheHost() throws Exception {
      for (WireFormat reasoning : List.of(official, openAi("https://gateway.example.com/openai/v1", "gpt-5-mini"),
          openAi("http://127.0.0.1:9000/v1", "o4-mini"), openAi("https://my-azure.example.com/v1", "gpt-5.5"))) {
        JsonNode b = body(reasoning.request(REQUEST));
        assertThat(b.get("max_completion_tokens").asInt()).isEqualTo(1200);
        assertThat(b.has("max_tokens")).isFalse();
        assertThat(b.has("temperature")).isFalse();
      }
      JsonNode l = body(local.request(REQUEST));
      assertThat(l.get("max_tokens").asInt()).isEqualTo(1200);
      assertThat(l.get("temperature").asDouble()).isEqualTo(0.85);
      assertThat(l.get("messages").get(0).get("role").asText()).isEqualTo("system");
      JsonNode gpt41 = body(openAi("https://api.openai.com/v1", "gpt-4.1-mini").request(REQUEST));
      assertThat(gpt41.get("temperature").asDouble()).isEqualTo(0.85);
      assertThat(official.request(REQUEST).request().headers().firstValue("authorization"))
          .contains("Bearer sk-test-123456789");
      assertThat(local.request(REQUEST).request().headers().firstValue("authorization")).isEmpty();
    }

    @Test
    void sendsTheUserBlocksAsOneTextWithTheStablePrefixFirst() throws Exception {
      LlmRequest r = new LlmRequest("", LlmRequest.blocks("fields…", "this batch"), 100, null, null, null);
      JsonNode messages = body(official.request(r)).get("messages");
      assertThat(messages.get(messages.size() - 1).get("content").asText()).isEqualTo("fields…this batch");
    }

    @Test
    void sendsAnUnknownModelOnlyWhatEveryServerAccepts() throws Exception {
      JsonNode b = body(openAi("http://10.0.0.5:8000/v1", "my-finetune").request(REQUEST));
      assertThat(b.has("temperature")).isFalse();
      assertThat(b.get("max_completion_tokens").asInt()).isEqualTo(1200);
    }

    @Test
    void asksForAReasoningEffortOnlyWhereTheModelTakesOne() throws Exception {
      LlmRequest low = new LlmRequest("", "x", 1000, null, "low");
      assertThat(body(official.request(low)).get("reasoning_effort").asText()).isEqualTo("low");
      assertThat(body(local.request(low)).has("reasoning_effort")).isFalse();
    }

    @Test
    void streamsWithUsageAboveTheNonStreamingLimit() throws Exception {
      WireFormat.Outgoing o = official.request(LlmRequest.of("", "x", 40_000));
      assertThat(o.streamed()).isTrue();
      JsonNode b = body(o);
      assertThat(b.get("stream").asBoolean()).isTrue();
      assertThat(b.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void readsAStreamOfChunks() {
      String sse = """
          data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

          data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"[{\\"a\\":"},"finish_reason":null}]}

          data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":" 1}]"},"finish_reason":null}]}

          data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

          data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":30,"completion_tokens":900,\
          "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":880}}}

          data: [DONE]

          """;
      WireFormat.Reply r = official.reply(sse, true);
      assertThat(r.text()).isEqualTo("[{\"a\": 1}]");
      assertThat(r.usage()).isEqualTo(new Usage(30, 900, 0, 0, 880));
      assertThat(r.reasoned()).isTrue();
      assertThat(r.truncated()).isFalse();
    }

    @Test
    void refusesAStreamWithoutItsEnd() {
      assertThatThrownBy(() -> official.reply("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n", true))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[DONE]");
    }

    @Test
    void readsUsageWithCachedAndReasoningTokens() {
      WireFormat.Reply r = official.reply("""
          {"choices": [{"index": 0, "message": {"role": "assistant", "content": ""}, "finish_reason": "length"}],
           "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150,
             "prompt_tokens_details": {"cached_tokens": 40}, "completion_tokens_details": {"reasoning_tokens": 50}}}""",
          false);
      assertThat(r.truncated()).isTrue();
      assertThat(r.reasoned()).isTrue();
      assertThat(r.usage()).isEqualTo(new Usage(60, 50, 40, 0, 50));
      assertThat(local.reply("{\"choices\": [{\"message\": {\"content\": null}}]}", false).usage()).isNull();
    }

    @Test
    void takesReasoningInThinkTagsOutOfTheText() {
      WireFormat qwen3 = openAi("http://localhost:8000/v1", "Qwen/Qwen3-8B");
      WireFormat.Reply r = qwen3.reply("{\"choices\": [{\"message\": {\"content\": "
          + "\"<think>\\n[{\\\"draft\\\": 1}]\\n</think>\\n[{\\\"a\\\": 1}]\"}}]}", false);
      assertThat(r.text().strip()).isEqualTo("[{\"a\": 1}]");
      assertThat(r.reasoned()).isTrue();
      WireFormat.Reply unfinished = qwen3.reply("{\"choices\": [{\"message\": {\"content\": "
          + "\"<think>still thinking\"}, \"finish_reason\": \"length\"}]}", false);
      assertThat(unfinished.text()).isEmpty();
      assertThat(unfinished.truncated()).isTrue();
    }

    @Test
    void readsResetDurations() {
      RateLimits l = official.limits(headers(Map.of("x-ratelimit-limit-requests", "500",
          "x-ratelimit-remaining-requests", "499", "x-ratelimit-reset-requests", "120ms",
          "x-ratelimit-limit-tokens", "30000", "x-ratelimit-remaining-tokens", "29000",
          "x-ratelimit-reset-tokens", "6m0s")), Instant.EPOCH);
      assertThat(l.get(RateLimits.Dimension.REQUESTS).orElseThrow().resetIn()).isEqualTo(Duration.ofMillis(120));
      assertThat(l.get(RateLimits.Dimension.TOKENS).orElseThrow().resetIn()).isEqualTo(Duration.ofMinutes(6));
    }
  }

  @Test
  void keysNeverPrint() {
    assertThat(KEY.toString()).doesNotContain("sk-test");
    assertThat(io.datasynth.secret.Redactor.of(KEY.reveal()).scrub(
        "Incorrect API key provided: sk-test-123456789 (also sk-proj-abc****wxyz)"))
        .doesNotContain("sk-test-123456789").doesNotContain("sk-proj");
  }

  @Test
  void aLocalBaseUrlNeedsNoKeyAndARemoteOneDoes() {
    assertThat(ProviderSettings.isLocal(URI.create("http://localhost:11434/v1"))).isTrue();
    assertThat(ProviderSettings.isLocal(URI.create("http://127.0.0.1:8000"))).isTrue();
    assertThat(ProviderSettings.isLocal(URI.create("http://192.168.1.20:8000/v1"))).isTrue();
    assertThat(ProviderSettings.isLocal(URI.create("https://api.deepseek.com/v1"))).isFalse();
    ModelProfile p = profile(ProviderKind.OPENAI, "m");
    assertThat(ProviderSettings.resolve(ProviderKind.OPENAI, "m", "http://localhost:8000/v1", null, Map.of(), null, p)
        .apiKey()).isNull();
    assertThatThrownBy(() -> ProviderSettings.resolve(ProviderKind.OPENAI, "m", null, null, Map.of(), null, p))
        .hasMessageContaining("OPENAI_API_KEY is not set");
    assertThatThrownBy(() -> ProviderSettings.resolve(ProviderKind.ANTHROPIC, "m", "ftp://x", null, Map.of(), null, p))
        .hasMessageContaining("must start with http");
    assertThat(ProviderSettings.resolve(ProviderKind.ANTHROPIC, "m", null, "MY_KEY", Map.of("MY_KEY", "k"), null, p)
        .apiKey().reveal()).isEqualTo("k");
  }
}
