package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.json;
import static io.datasynth.testkit.FakeClient.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PromptCachingTest {
  /** About 1,500 of the fake's tokens: past Sonnet 5.5's minimum of 1,024. */
  private static final String STABLE = "Stable instructions, schema and seed examples. ".repeat(125);

  private static String anthropic(String system, String cacheControl, String user) {
    return "{\"model\":\"" + FakeClient.CLAUDE + "\",\"max_tokens\":500,\"system\":[{\"type\":\"text\",\"text\":"
        + quote(system) + (cacheControl == null ? "" : ",\"cache_control\":" + cacheControl) + "}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":" + quote(user) + "}]}";
  }

  private static JsonNode usage(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).path("usage");
  }

  @Nested
  class WithAnthropicBreakpoints {

    @Test
    void writesTheMarkedPrefixFirstThenReadsItAndCountsOnlyTheRestAsInput() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        int prefix = TokenCounter.count(STABLE);

        JsonNode first = usage(client.anthropic(anthropic(STABLE, "{\"type\":\"ephemeral\"}", "Generate 3 records")));
        assertThat(first.path("cache_creation_input_tokens").asInt()).isEqualTo(prefix);
        assertThat(first.path("cache_creation").path("ephemeral_5m_input_tokens").asInt()).isEqualTo(prefix);
        assertThat(first.path("cache_read_input_tokens").asInt()).isZero();
        int total = TokenCounter.count(STABLE + "\nGenerate 3 records\n");
        assertThat(first.path("input_tokens").asInt()).isEqualTo(total - prefix);

        JsonNode second = usage(client.anthropic(anthropic(STABLE, "{\"type\":\"ephemeral\"}", "Generate 4 records")));
        assertThat(second.path("cache_read_input_tokens").asInt()).isEqualTo(prefix);
        assertThat(second.path("cache_creation_input_tokens").asInt()).isZero();
        assertThat(fake.requests().get(1).cacheReadTokens()).isEqualTo(prefix);
      }
    }

    @Test
    void missesWhenOneByteOfThePrefixChanges() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        usage(client.anthropic(anthropic(STABLE, "{\"type\":\"ephemeral\"}", "a")));

        JsonNode changed = usage(client.anthropic(anthropic(STABLE + "!", "{\"type\":\"ephemeral\"}", "a")));
        assertThat(changed.path("cache_read_input_tokens").asInt()).isZero();
        assertThat(changed.path("cache_creation_input_tokens").asInt()).isPositive();
      }
    }

    @Test
    void cachesNothingBelowTheModelsMinimumAndNothingWithoutABreakpoint() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        String shortPrefix = "Short instructions. ".repeat(20);
        for (int i = 0; i < 2; i++) {
          JsonNode small = usage(client.anthropic(anthropic(shortPrefix, "{\"type\":\"ephemeral\"}", "a")));
          assertThat(small.path("cache_creation_input_tokens").asInt()).isZero();
          assertThat(small.path("cache_read_input_tokens").asInt()).isZero();
          JsonNode unmarked = usage(client.anthropic(anthropic(STABLE, null, "a")));
          assertThat(unmarked.path("cache_read_input_tokens").asInt()).isZero();
        }
      }
    }

    @Test
    void forgetsAFiveMinuteEntryAfterFiveMinutesButKeepsAnHourEntry() {
      MutableClock clock = new MutableClock();
      try (FakeProvider fake = FakeProvider.builder().clock(clock).start()) {
        FakeClient client = new FakeClient(fake);
        usage(client.anthropic(anthropic(STABLE, "{\"type\":\"ephemeral\"}", "a")));
        String hour = STABLE + " hour";
        JsonNode written = usage(client.anthropic(anthropic(hour, "{\"type\":\"ephemeral\",\"ttl\":\"1h\"}", "a")));
        assertThat(written.path("cache_creation").path("ephemeral_1h_input_tokens").asInt())
            .isEqualTo(TokenCounter.count(hour));
        clock.advance(Duration.ofMinutes(5));

        assertThat(usage(client.anthropic(anthropic(STABLE, "{\"type\":\"ephemeral\"}", "a")))
            .path("cache_read_input_tokens").asInt()).isZero();
        assertThat(usage(client.anthropic(anthropic(hour, "{\"type\":\"ephemeral\",\"ttl\":\"1h\"}", "a")))
            .path("cache_read_input_tokens").asInt()).isEqualTo(TokenCounter.count(hour));
      }
    }

    @Test
    void acceptsTheTopLevelAutomaticForm() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        String body = "{\"model\":\"" + FakeClient.CLAUDE + "\",\"max_tokens\":500,\"cache_control\":{\"type\":"
            + "\"ephemeral\"},\"messages\":[{\"role\":\"user\",\"content\":" + quote(STABLE) + "}]}";
        usage(client.anthropic(body));

        assertThat(usage(client.anthropic(body)).path("cache_read_input_tokens").asInt())
            .isEqualTo(TokenCounter.count(STABLE));
      }
    }

    @Test
    void refusesABadTtlFiveBreakpointsAndAnHourAfterFiveMinutes() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> ttl = client.anthropic(anthropic("x", "{\"type\":\"ephemeral\",\"ttl\":\"10m\"}", "a"));
        assertThat(ttl.statusCode()).isEqualTo(400);
        assertThat(json(ttl).path("error").path("message").asText())
            .isEqualTo("system.0.cache_control.ttl: Input should be '5m' or '1h'");

        StringBuilder blocks = new StringBuilder();
        for (int i = 0; i < 5; i++) {
          blocks.append(i == 0 ? "" : ",").append("{\"type\":\"text\",\"text\":\"b").append(i)
              .append("\",\"cache_control\":{\"type\":\"ephemeral\"}}");
        }
        HttpResponse<String> five = client.anthropic("{\"model\":\"" + FakeClient.CLAUDE + "\",\"max_tokens\":9,"
            + "\"system\":[" + blocks + "],\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}");
        assertThat(json(five).path("error").path("message").asText())
            .isEqualTo("A maximum of 4 blocks with cache_control may be provided. Found 5.");

        HttpResponse<String> order = client.anthropic("{\"model\":\"" + FakeClient.CLAUDE + "\",\"max_tokens\":9,"
            + "\"system\":[{\"type\":\"text\",\"text\":\"a\",\"cache_control\":{\"type\":\"ephemeral\"}},"
            + "{\"type\":\"text\",\"text\":\"b\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}");
        assertThat(order.statusCode()).isEqualTo(400);
        assertThat(json(order).path("error").path("message").asText()).contains("must not come after");
      }
    }

    @Test
    void readsTheCacheInBatchItemsToo() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        usage(client.anthropic(anthropic(STABLE, "{\"type\":\"ephemeral\",\"ttl\":\"1h\"}", "warm up")));
        String body = "{\"requests\":[{\"custom_id\":\"one\",\"params\":"
            + anthropic(STABLE, "{\"type\":\"ephemeral\",\"ttl\":\"1h\"}", "Generate 2") + "}]}";
        String id = json(client.anthropicCall("POST", "/v1/messages/batches", body)).path("id").asText();

        String results = client.anthropicCall("GET", "/v1/messages/batches/" + id + "/results", null).body();
        JsonNode line = AnthropicBatchesTest.lines(results).get(0);
        assertThat(line.path("result").path("message").path("usage").path("cache_read_input_tokens").asInt())
            .isEqualTo(TokenCounter.count(STABLE));
      }
    }
  }

  @Nested
  class WithOpenAiAutomaticCaching {

    private String openAi(String prompt, String extra) {
      return FakeClient.openAiJson(FakeClient.GPT, "\"max_completion_tokens\":500" + extra)
          .replace("\"Generate 3 records\"", quote(prompt));
    }

    @Test
    void readsTheLongestSharedPrefixIn128TokenStepsFrom1024() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        JsonNode first = usage(client.openAi(openAi(STABLE + "tail one", "")));
        assertThat(first.path("prompt_tokens_details").path("cached_tokens").asInt()).isZero();

        JsonNode second = usage(client.openAi(openAi(STABLE + "tail two, longer", "")));
        int cached = second.path("prompt_tokens_details").path("cached_tokens").asInt();
        assertThat(cached).isGreaterThanOrEqualTo(1024);
        assertThat((cached - 1024) % 128).isZero();
        assertThat(cached).isLessThanOrEqualTo(TokenCounter.count(STABLE));
        assertThat(cached).isGreaterThan(TokenCounter.count(STABLE) - 128);
      }
    }

    @Test
    void cachesNothingBelow1024TokensAndKeepsPromptCacheKeysApart() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        String shortPrompt = "short ".repeat(100);
        usage(client.openAi(openAi(shortPrompt, "")));
        assertThat(usage(client.openAi(openAi(shortPrompt, ""))).path("prompt_tokens_details").path("cached_tokens")
            .asInt()).isZero();

        usage(client.openAi(openAi(STABLE, ",\"prompt_cache_key\":\"run-1\"")));
        assertThat(usage(client.openAi(openAi(STABLE, ",\"prompt_cache_key\":\"run-2\"")))
            .path("prompt_tokens_details").path("cached_tokens").asInt()).isZero();
        assertThat(usage(client.openAi(openAi(STABLE, ",\"prompt_cache_key\":\"run-1\"")))
            .path("prompt_tokens_details").path("cached_tokens").asInt()).isPositive();
      }
    }

    @Test
    void forgetsAPrefixAfterTenIdleMinutes() {
      MutableClock clock = new MutableClock();
      try (FakeProvider fake = FakeProvider.builder().clock(clock).start()) {
        FakeClient client = new FakeClient(fake);
        usage(client.openAi(openAi(STABLE, "")));
        clock.advance(Duration.ofMinutes(10));

        assertThat(usage(client.openAi(openAi(STABLE, ""))).path("prompt_tokens_details").path("cached_tokens")
            .asInt()).isZero();
      }
    }

    @Test
    void refusesAnUnknownRetentionAndANonStringKey() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> retention = client.openAi(openAi("a", ",\"prompt_cache_retention\":\"1w\""));
        assertThat(retention.statusCode()).isEqualTo(400);
        assertThat(json(retention).path("error").path("param").asText()).isEqualTo("prompt_cache_retention");
        assertThat(client.openAi(openAi("a", ",\"prompt_cache_key\":3")).statusCode()).isEqualTo(400);
        assertThat(client.openAi(openAi("a", ",\"prompt_cache_retention\":\"24h\"")).statusCode()).isEqualTo(200);
      }
    }
  }
}
