package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.anthropicJson;
import static io.datasynth.testkit.FakeClient.header;
import static io.datasynth.testkit.FakeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Anthropic's documented token buckets: input and output tokens per minute, {@code max_tokens} held against the
 * output bucket while a request runs and corrected when it ends, and every {@code anthropic-ratelimit-*} header.
 */
class AnthropicRateLimitTest {
  private final MutableClock clock = new MutableClock();

  private FakeProvider fake(long rpm, long itpm, long otpm) {
    return FakeProvider.builder().clock(clock).requestsPerMinute(rpm).inputTokensPerMinute(itpm)
        .outputTokensPerMinute(otpm).start();
  }

  @Nested
  class WhenEveryLimitIsSet {

    @Test
    void sendsLimitRemainingAndResetForEachBucketAndTheCombinedTokens() {
      try (FakeProvider fake = fake(50, 1000, 600)) {
        HttpResponse<String> response = new FakeClient(fake).anthropic(anthropicJson("claude-sonnet-5-5", 500, ""));

        int input = json(response).path("usage").path("input_tokens").asInt();
        int output = json(response).path("usage").path("output_tokens").asInt();
        for (String bucket : new String[] {"requests", "input-tokens", "output-tokens", "tokens"}) {
          for (String part : new String[] {"limit", "remaining", "reset"}) {
            assertThat(header(response, "anthropic-ratelimit-" + bucket + "-" + part)).as(bucket + part).isNotNull();
          }
        }
        assertThat(header(response, "anthropic-ratelimit-requests-remaining")).isEqualTo("49");
        assertThat(header(response, "anthropic-ratelimit-input-tokens-remaining")).isEqualTo(String.valueOf(1000 - input));
        assertThat(header(response, "anthropic-ratelimit-output-tokens-remaining")).isEqualTo(String.valueOf(600 - output));
        assertThat(header(response, "anthropic-ratelimit-tokens-limit")).isEqualTo("1600");
        assertThat(header(response, "anthropic-ratelimit-tokens-remaining"))
            .isEqualTo(String.valueOf(1600 - input - output));
        Instant inputFull = Instant.parse(header(response, "anthropic-ratelimit-input-tokens-reset"));
        Instant outputFull = Instant.parse(header(response, "anthropic-ratelimit-output-tokens-reset"));
        Instant bothFull = Instant.parse(header(response, "anthropic-ratelimit-tokens-reset"));
        assertThat(bothFull).isEqualTo(inputFull.isAfter(outputFull) ? inputFull : outputFull);
        // 600 output tokens per minute refill 10 per second: the used ones are back after used / 10 seconds.
        assertThat(Duration.between(clock.instant(), outputFull)).isEqualTo(Duration.ofMillis(output * 100L));
      }
    }
  }

  @Nested
  class WhenTheOutputBucketCannotHoldMaxTokens {

    @Test
    void refusesUntilTheBucketHoldsTheWholeMaxTokensAndSaysWhenInRetryAfter() {
      try (FakeProvider fake = fake(0, 0, 600)) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> first = client.anthropic(anthropicJson("claude-sonnet-5-5", 600, ""));
        int used = json(first).path("usage").path("output_tokens").asInt();

        HttpResponse<String> second = client.anthropic(anthropicJson("claude-sonnet-5-5", 600, ""));

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(json(second).path("error").path("type").asText()).isEqualTo("rate_limit_error");
        // The refund left 600 - used; the missing `used` tokens come back at 10 per second.
        assertThat(header(second, "retry-after")).isEqualTo(String.valueOf((used + 9) / 10));
        assertThat(header(second, "anthropic-ratelimit-output-tokens-remaining")).isEqualTo("0");
        clock.advance(Duration.ofSeconds(Long.parseLong(header(second, "retry-after"))));
        assertThat(client.anthropic(anthropicJson("claude-sonnet-5-5", 600, "")).statusCode()).isEqualTo(200);
      }
    }

    @Test
    void admitsASmallerMaxTokensThatFitsWhatIsLeft() {
      try (FakeProvider fake = fake(0, 0, 600)) {
        FakeClient client = new FakeClient(fake);
        int used = json(client.anthropic(anthropicJson("claude-sonnet-5-5", 600, ""))).path("usage")
            .path("output_tokens").asInt();

        HttpResponse<String> fits = client.anthropic(anthropicJson("claude-sonnet-5-5", 600 - used, ""));

        assertThat(fits.statusCode()).isEqualTo(200);
      }
    }
  }

  @Nested
  class WhenTheInputBucketRunsOut {

    @Test
    void namesTheInputBucketInThe429AndReportsItEmpty() {
      try (FakeProvider fake = fake(0, 20, 0)) {
        FakeClient client = new FakeClient(fake);
        String longPrompt = anthropicJson("claude-sonnet-5-5", 100, "").replace("Generate 3 records", "x".repeat(60));
        client.anthropic(longPrompt);

        HttpResponse<String> limited = client.anthropic(longPrompt);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).path("error").path("message").asText()).contains("20 input tokens per minute");
        assertThat(header(limited, "anthropic-ratelimit-input-tokens-remaining")).isEqualTo("0");
        assertThat(header(limited, "anthropic-ratelimit-tokens-remaining")).isEqualTo("0");
      }
    }
  }
}
