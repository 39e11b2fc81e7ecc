package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.anthropicBody;
import static io.datasynth.testkit.FakeClient.header;
import static io.datasynth.testkit.FakeClient.json;
import static io.datasynth.testkit.FakeClient.openAiBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private final MutableClock clock = new MutableClock();

  @Nested
  class WhenTheRequestsBucketIsEmpty {

    @Test
    void answers429WithRetryAfterAndZeroRemaining() {
      try (FakeProvider fake = FakeProvider.builder().clock(clock).requestsPerMinute(2).start()) {
        FakeClient client = new FakeClient(fake);
        assertThat(client.anthropic(anthropicBody("a", 100)).statusCode()).isEqualTo(200);
        assertThat(client.anthropic(anthropicBody("b", 100)).statusCode()).isEqualTo(200);

        HttpResponse<String> limited = client.anthropic(anthropicBody("c", 100));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(header(limited, "retry-after")).isEqualTo("30");
        assertThat(header(limited, "anthropic-ratelimit-requests-limit")).isEqualTo("2");
        assertThat(header(limited, "anthropic-ratelimit-requests-remaining")).isEqualTo("0");
        assertThat(header(limited, "anthropic-ratelimit-requests-reset")).isEqualTo("2025-06-01T12:01:00Z");
        assertThat(fake.rateLimited()).isEqualTo(1);
        assertThat(fake.requests().get(2).retryAfter()).isEqualTo(Duration.ofSeconds(30));
      }
    }

    @Test
    void succeedsOnceTheRetryAfterHasElapsed() {
      try (FakeProvider fake = FakeProvider.builder().clock(clock).requestsPerMinute(2).start()) {
        FakeClient client = new FakeClient(fake);
        client.anthropic(anthropicBody("a", 100));
        client.anthropic(anthropicBody("b", 100));
        HttpResponse<String> limited = client.anthropic(anthropicBody("c", 100));

        clock.advance(Duration.ofSeconds(Long.parseLong(header(limited, "retry-after"))));

        assertThat(client.anthropic(anthropicBody("c", 100)).statusCode()).isEqualTo(200);
        assertThat(fake.earlyRetries()).isZero();
      }
    }

    @Test
    void countsARetryBeforeTheRetryAfterElapsedAsEarly() {
      try (FakeProvider fake = FakeProvider.builder().clock(clock).requestsPerMinute(2).start()) {
        FakeClient client = new FakeClient(fake);
        client.anthropic(anthropicBody("a", 100));
        client.anthropic(anthropicBody("b", 100));
        client.anthropic(anthropicBody("c", 100));

        clock.advance(Duration.ofSeconds(29));
        HttpResponse<String> early = client.anthropic(anthropicBody("c", 100));

        assertThat(early.statusCode()).isEqualTo(429);
        assertThat(fake.earlyRetries()).isEqualTo(1);
        assertThat(fake.requests().get(3).earlyRetry()).isTrue();
      }
    }

    @Test
    void sendsOnlyTheHeadersOfConfiguredLimits() {
      try (FakeProvider fake = FakeProvider.builder().clock(clock).requestsPerMinute(2).start()) {
        HttpResponse<String> response = new FakeClient(fake).anthropic(anthropicBody("a", 100));

        assertThat(response.headers().map().keySet())
            .anyMatch(name -> name.equalsIgnoreCase("anthropic-ratelimit-requests-remaining"))
            .noneMatch(name -> name.toLowerCase().contains("tokens"));
      }
    }

    @Test
    void sendsNoRateLimitHeadersWithoutLimits() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        HttpResponse<String> response = new FakeClient(fake).openAi(openAiBody("a", 100));

        assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().contains("ratelimit"));
      }
    }
  }

  @Nested
  class WhenAnthropicReservesMaxTokens {

    @Test
    void holdsMaxTokensOfOutputWhileARequestRunsAndRefundsTheRestAfter() throws Exception {
      try (FakeProvider fake =
          FakeProvider.builder()
              .clock(clock)
              .outputTokensPerMinute(1000)
              // Long enough that the second request arrives while the first runs, even on a loaded machine.
              .latency(Duration.ofMillis(8000), Duration.ZERO)
              .start()) {
        FakeClient client = new FakeClient(fake);
        CompletableFuture<HttpResponse<String>> first =
            client.http().sendAsync(client.anthropicRequest(anthropicBody("a", 600)).build(),
                HttpResponse.BodyHandlers.ofString());
        waitUntil(() -> fake.inFlight() == 1);

        HttpResponse<String> second = client.anthropic(anthropicBody("b", 600));

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(json(second).path("error").path("message").asText()).contains("1000 output tokens per minute");
        assertThat(header(second, "anthropic-ratelimit-output-tokens-remaining")).isEqualTo("0");
        assertThat(header(second, "anthropic-ratelimit-tokens-remaining")).isEqualTo("0");
        HttpResponse<String> done = first.get();
        int used = json(done).path("usage").path("output_tokens").asInt();
        assertThat(used).isLessThan(600);
        assertThat(header(done, "anthropic-ratelimit-output-tokens-remaining")).isEqualTo(String.valueOf(1000 - used));
        assertThat(client.anthropic(anthropicBody("c", 600)).statusCode()).isEqualTo(200);
      }
    }

    @Test
    void countsInputTokensWhenTheRequestStarts() {
      try (FakeProvider fake = FakeProvider.builder().clock(clock).inputTokensPerMinute(100).start()) {
        FakeClient client = new FakeClient(fake);
        String prompt = "x".repeat(320);

        HttpResponse<String> first = client.anthropic(anthropicBody(prompt, 100));
        HttpResponse<String> second = client.anthropic(anthropicBody(prompt, 100));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "anthropic-ratelimit-input-tokens-remaining")).isEqualTo("19");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(header(second, "retry-after")).isEqualTo("38");
      }
    }
  }

  @Nested
  class WhenOpenAiTokensRunOut {

    @Test
    void answers429OfTypeTokensWithRetryAfterMsAndDurationResets() {
      try (FakeProvider fake = FakeProvider.builder().clock(clock).tokensPerMinute(1000).start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> first = client.openAi(openAiBody("a", 900));

        HttpResponse<String> second = client.openAi(openAiBody("b", 900));

        assertThat(first.statusCode()).isEqualTo(200);
        int used = json(first).path("usage").path("total_tokens").asInt();
        assertThat(header(first, "x-ratelimit-limit-tokens")).isEqualTo("1000");
        assertThat(header(first, "x-ratelimit-remaining-tokens")).isEqualTo(String.valueOf(1000 - used));
        assertThat(header(first, "x-ratelimit-reset-tokens")).matches("\\d+(\\.\\d+)?s");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(json(second).path("error").path("type").asText()).isEqualTo("tokens");
        assertThat(json(second).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(header(second, "x-ratelimit-remaining-tokens")).isEqualTo("0");
        assertThat(Long.parseLong(header(second, "retry-after-ms"))).isPositive();
        assertThat(Long.parseLong(header(second, "retry-after")) * 1000)
            .isGreaterThanOrEqualTo(Long.parseLong(header(second, "retry-after-ms")));
      }
    }

    @Test
    void answers429OfTypeRequestsWhenTheRequestsBucketRefuses() {
      try (FakeProvider fake = FakeProvider.builder().clock(clock).requestsPerMinute(1).start()) {
        FakeClient client = new FakeClient(fake);
        client.openAi(openAiBody("a", 10));

        HttpResponse<String> limited = client.openAi(openAiBody("b", 10));

        assertThat(json(limited).path("error").path("type").asText()).isEqualTo("requests");
        assertThat(header(limited, "x-ratelimit-reset-requests")).isEqualTo("1m0s");
        assertThat(header(limited, "retry-after-ms")).isEqualTo("60000");
      }
    }
  }

  @Nested
  class WhenTheBurstIsSmallerThanTheMinute {

    @Test
    void admitsOneSecondsWorthAtOnceThenRefusesForAboutASecond() {
      try (FakeProvider fake =
          FakeProvider.builder().clock(clock).requestsPerMinute(600).burstSeconds(1).start()) {
        FakeClient client = new FakeClient(fake);

        IntStream.range(0, 10)
            .forEach(i -> assertThat(client.anthropic(anthropicBody("x", 10)).statusCode()).isEqualTo(200));
        HttpResponse<String> limited = client.anthropic(anthropicBody("x", 10));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(header(limited, "retry-after")).isEqualTo("1");
        clock.advance(Duration.ofMillis(100));
        assertThat(client.anthropic(anthropicBody("x", 10)).statusCode()).isEqualTo(200);
      }
    }
  }

  static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 2 s");
      }
      Thread.sleep(5);
    }
  }
}
