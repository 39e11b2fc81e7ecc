package io.datasynth.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.provider.anthropic.AnthropicWireFormat;
import io.datasynth.provider.http.WireFormat;
import io.datasynth.provider.openai.OpenAiWireFormat;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WireFormatTest {
  static final ApiKey KEY = ApiKey.of("sk-test-123456789");
  static final LlmRequest REQUEST = new LlmRequest("be terse", "生成 5 条数据", 1200, 0.85);

  static HttpHeaders headers(Map<String, String> values) {
    return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
        e -> List.of(e.getValue()))), (a, b) -> true);
  }

  static JsonNode body(HttpRequest r) throws Exception {
    CompletableFuture<String> text = new CompletableFuture<>();
    r.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
      final StringBuilder sb = new StringBuilder();

      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer item) {
        sb.append(StandardCharsets.UTF_8.decode(item));
      }

      @Override
      public void onError(Throwable t) {
        text.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        text.complete(sb.toString());
      }
    });
    return Json.mapper().readTree(text.get());
  }

  @Nested
  class Anthropic {
    final WireFormat wire = new AnthropicWireFormat(AnthropicWireFormat.endpoint("https://api.anthropic.com"),
        "claude-sonnet-5-5", KEY, Duration.ofSeconds(30));

    @Test
    void appendsV1MessagesToTheOrigin() {
      assertThat(AnthropicWireFormat.endpoint("https://api.anthropic.com/")).hasToString(
          "https://api.anthropic.com/v1/messages");
      assertThat(AnthropicWireFormat.endpoint("http://127.0.0.1:8080/v1")).hasToString(
          "http://127.0.0.1:8080/v1/messages");
    }

    @Test
    void writesTheDocumentedRequest() throws Exception {
      HttpRequest r = wire.request(REQUEST).build();
      assertThat(r.headers().firstValue("x-api-key")).contains("sk-test-123456789");
      assertThat(r.headers().firstValue("anthropic-version")).contains("2023-06-01");
      JsonNode b = body(r);
      assertThat(b.get("model").asText()).isEqualTo("claude-sonnet-5-5");
      assertThat(b.get("max_tokens").asInt()).isEqualTo(1200);
      assertThat(b.get("system").asText()).isEqualTo("be terse");
      assertThat(b.get("messages").get(0).get("content").asText()).isEqualTo("生成 5 条数据");
      assertThat(b.get("temperature").asDouble()).isEqualTo(0.85);
    }

    @Test
    void readsTextUsageAndTruncation() {
      WireFormat.Reply r = wire.reply("""
          {"id": "msg_1", "type": "message", "role": "assistant", "content": [{"type": "text", "text": "[{}]"}],
           "stop_reason": "max_tokens", "usage": {"input_tokens": 10, "output_tokens": 20,
           "cache_read_input_tokens": 3, "cache_creation_input_tokens": 4}}""");
      assertThat(r.text()).isEqualTo("[{}]");
      assertThat(r.truncated()).isTrue();
      assertThat(r.usage()).isEqualTo(new Usage(10, 20, 3, 4, 0));
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
      assertThatThrownBy(() -> wire.reply("{\"type\": \"error\"}")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> wire.reply("{\"type\": \"mess")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class OpenAi {
    final WireFormat official = new OpenAiWireFormat(OpenAiWireFormat.endpoint("https://api.openai.com/v1"),
        "gpt-5-mini", KEY, Duration.ofSeconds(30));
    final WireFormat local = new OpenAiWireFormat(OpenAiWireFormat.endpoint("http://localhost:11434/v1"),
        "qwen2.5:7b", null, Duration.ofSeconds(30));

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
    void writesMaxCompletionTokensForTheOfficialApiAndMaxTokensForOthers() throws Exception {
      JsonNode o = body(official.request(REQUEST).build());
      assertThat(o.has("max_completion_tokens")).isTrue();
      assertThat(o.has("temperature")).as("gpt-5 accepts only its default temperature").isFalse();
      JsonNode l = body(local.request(REQUEST).build());
      assertThat(l.get("max_tokens").asInt()).isEqualTo(1200);
      assertThat(l.get("temperature").asDouble()).isEqualTo(0.85);
      assertThat(l.get("messages").get(0).get("role").asText()).isEqualTo("system");
      assertThat(official.request(REQUEST).build().headers().firstValue("authorization"))
          .contains("Bearer sk-test-123456789");
      assertThat(local.request(REQUEST).build().headers().firstValue("authorization")).isEmpty();
    }

    @Test
    void readsUsageWithCachedAndReasoningTokens() {
      WireFormat.Reply r = official.reply("""
          {"choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "length"}],
           "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150,
             "prompt_tokens_details": {"cached_tokens": 40}, "completion_tokens_details": {"reasoning_tokens": 10}}}""");
      assertThat(r.truncated()).isTrue();
      assertThat(r.usage()).isEqualTo(new Usage(60, 50, 40, 0, 10));
      assertThat(local.reply("{\"choices\": [{\"message\": {\"content\": null}}]}").usage()).isNull();
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
    assertThat(ProviderSettings.resolve(ProviderKind.OPENAI, "m", "http://localhost:8000/v1", null, Map.of(), null)
        .apiKey()).isNull();
    assertThatThrownBy(() -> ProviderSettings.resolve(ProviderKind.OPENAI, "m", null, null, Map.of(), null))
        .hasMessageContaining("OPENAI_API_KEY is not set");
    assertThatThrownBy(() -> ProviderSettings.resolve(ProviderKind.ANTHROPIC, "m", "ftp://x", null, Map.of(), null))
        .hasMessageContaining("must start with http");
    assertThat(ProviderSettings.resolve(ProviderKind.ANTHROPIC, "m", null, "MY_KEY", Map.of("MY_KEY", "k"), null)
        .apiKey().reveal()).isEqualTo("k");
  }
}
