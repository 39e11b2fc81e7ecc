package io.datasynth.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.model.ModelProfiles;
import io.datasynth.provider.anthropic.AnthropicWireFormat;
import io.datasynth.provider.http.HttpLlmClient;
import io.datasynth.provider.http.HttpTransport;
import io.datasynth.secret.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpLlmClientTest {
  static final ApiKey KEY = ApiKey.of("sk-ant-secret-0011223344");
  static final LlmRequest REQUEST = new LlmRequest("", "hello", 100, 0.8, null);

  static CallResult answer(int status, String body, Map<String, String> headers) {
    return client(req -> CompletableFuture.completedFuture(response(req, status, body, headers))).call(REQUEST)
        .join();
  }

  static CallResult fail(Throwable error) {
    return client(req -> CompletableFuture.failedFuture(error)).call(REQUEST).join();
  }

  static HttpLlmClient client(HttpTransport transport) {
    URI endpoint = AnthropicWireFormat.endpoint("https://api.anthropic.com");
    return new HttpLlmClient(ProviderKind.ANTHROPIC, "claude-x", endpoint.toString(),
        new AnthropicWireFormat(endpoint, "claude-x", KEY, Duration.ofSeconds(5),
            ModelProfiles.bundled().lookup(ProviderKind.ANTHROPIC, "claude-x")), transport,
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), Redactor.of(KEY.reveal()));
  }

  static HttpResponse<String> response(HttpRequest req, int status, String body, Map<String, String> headers) {
    return new io.datasynth.provider.http.TextResponse(status, req, HttpHeaders.of(headers.entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true),
        body);
  }

  static String error(String type, String message) {
    return "{\"type\": \"error\", \"error\": {\"type\": \"" + type + "\", \"message\": \"" + message + "\"}}";
  }

  @Test
  void completesWithTextAndUsage() {
    CallResult r = answer(200, "{\"type\": \"message\", \"content\": [{\"type\": \"text\", \"text\": \"ok\"}],"
        + " \"stop_reason\": \"end_turn\", \"usage\": {\"input_tokens\": 5, \"output_tokens\": 7}}", Map.of());
    assertThat(r).isInstanceOfSatisfying(CallResult.Completed.class, c -> {
      assertThat(c.text()).isEqualTo("ok");
      assertThat(c.usage().outputTokens()).isEqualTo(7);
      assertThat(c.truncated()).isFalse();
    });
  }

  @Test
  void anUnreadableBodyIsTransient() {
    assertThat(answer(200, "{\"type\": \"mess", Map.of())).isInstanceOfSatisfying(CallResult.Transient.class,
        t -> assertThat(t.kind()).isEqualTo(CallResult.Failure.BAD_RESPONSE));
  }

  @Test
  void a429CarriesItsRetryAfter() {
    assertThat(answer(429, error("rate_limit_error", "slow down"), Map.of("retry-after", "17")))
        .isInstanceOfSatisfying(CallResult.RateLimited.class, r -> {
          assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(17));
          assertThat(r.message()).contains("slow down");
        });
    assertThat(answer(429, "", Map.of("retry-after-ms", "250"))).isInstanceOfSatisfying(
        CallResult.RateLimited.class, r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofMillis(250)));
  }

  @Test
  void overloadAndServerErrorsAreTransient() {
    assertThat(((CallResult.Transient) answer(529, error("overloaded_error", "busy"), Map.of())).kind())
        .isEqualTo(CallResult.Failure.OVERLOADED);
    assertThat(((CallResult.Transient) answer(503, "", Map.of())).kind()).isEqualTo(CallResult.Failure.OVERLOADED);
    for (int s : new int[] {500, 502, 504}) {
      assertThat(((CallResult.Transient) answer(s, "", Map.of())).kind()).isEqualTo(CallResult.Failure.SERVER_ERROR);
    }
  }

  /** A refusal as a user reads it, settings named by their keys. */
  static String text(CallResult.Fatal f) {
    return io.datasynth.text.Messages.english().render(f.message());
  }

  @Test
  void clientErrorsAreFatalWithTheProvidersMessageAndTheFix() {
    CallResult.Fatal f = (CallResult.Fatal) answer(401, error("authentication_error",
        "invalid x-api-key sk-ant-secret-0011223344"), Map.of());
    assertThat(f.status()).isEqualTo(401);
    assertThat(text(f)).contains("authentication_error", "ANTHROPIC_API_KEY").doesNotContain("secret-0011");
    assertThat(text((CallResult.Fatal) answer(404, error("not_found_error", "model: claude-x"), Map.of())))
        .contains("model id");
    assertThat(answer(400, error("invalid_request_error", "bad"), Map.of())).isInstanceOf(CallResult.Fatal.class);
    assertThat(answer(403, "", Map.of())).isInstanceOf(CallResult.Fatal.class);
  }

  @Test
  void networkFailuresAreTransientAndNameTheEndpoint() {
    assertThat(fail(new ConnectException("Connection refused"))).isInstanceOfSatisfying(CallResult.Transient.class,
        t -> {
          assertThat(t.kind()).isEqualTo(CallResult.Failure.CONNECTION);
          assertThat(t.message()).contains("could not connect", "api.anthropic.com");
        });
    assertThat(fail(new java.net.UnknownHostException("llm.example.invalid"))).isInstanceOfSatisfying(
        CallResult.Transient.class, t -> assertThat(t.message())
            .contains("could not connect", "unknown host llm.example.invalid"));
    assertThat(((CallResult.Transient) fail(new HttpTimeoutException("timed out"))).kind())
        .isEqualTo(CallResult.Failure.TIMEOUT);
    assertThat(((CallResult.Transient) fail(new IOException("Connection reset"))).kind())
        .isEqualTo(CallResult.Failure.CONNECTION);
  }

  @Nested
  class AWebPageInsteadOfTheApi {
    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {200, 401, 404})
    void isAConfigurationErrorNamingTheUrlWhateverItsStatus(int status) {
      assertThat(answer(status, "<html><body>Welcome to nginx!</body></html>",
          Map.of("content-type", "text/html; charset=utf-8")))
          .isInstanceOfSatisfying(CallResult.Fatal.class, f -> {
            assertThat(f.isConfiguration()).isTrue();
            assertThat(f.cause()).isEqualTo(CallResult.Fatal.Cause.NOT_AN_API);
            assertThat(text(f)).contains("https://api.anthropic.com/v1/messages")
                .contains("this is a web page, not the anthropic API").contains("base_url")
                .contains("ANTHROPIC_BASE_URL").contains("text/html");
          });
    }

    @Test
    void isRecognisedByItsBodyWhenTheContentTypeSaysNothing() {
      for (String page : List.of("\n  <!DOCTYPE html><html>…", "<HTML><head>", "\uFEFF<!doctype html>")) {
        assertThat(answer(200, page, Map.of())).as(page).isInstanceOfSatisfying(CallResult.Fatal.class,
            f -> assertThat(f.isConfiguration()).isTrue());
      }
    }

    @Test
    void fromAProxyInTroubleOrARateLimiterIsStillWorthRetrying() {
      Map<String, String> html = Map.of("content-type", "text/html");
      assertThat(answer(502, "<html>Bad Gateway</html>", html)).isInstanceOf(CallResult.Transient.class);
      assertThat(answer(503, "<html>busy</html>", html)).isInstanceOf(CallResult.Transient.class);
      assertThat(answer(429, "<html>slow down</html>", html)).isInstanceOf(CallResult.RateLimited.class);
    }

    @Test
    void aProvidersOwnRefusalIsNotAConfigurationError() {
      assertThat(((CallResult.Fatal) answer(401, error("authentication_error", "bad key"), Map.of()))
          .isConfiguration()).isFalse();
    }
  }
}
