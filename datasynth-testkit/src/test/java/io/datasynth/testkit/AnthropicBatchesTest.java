package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AnthropicBatchesTest {
  private static final String PATH = "/v1/messages/batches";

  static String batch(int n, String model) {
    StringBuilder body = new StringBuilder("{\"requests\":[");
    for (int i = 0; i < n; i++) {
      body.append(i == 0 ? "" : ",").append("{\"custom_id\":\"req-").append(i).append("\",\"params\":")
          .append(FakeClient.anthropicJson(model, 1000, "")).append('}');
    }
    return body.append("]}").toString();
  }

  static List<JsonNode> lines(String jsonl) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : jsonl.split("\n")) {
      if (!line.isBlank()) {
        out.add(FakeClient.json(new Stub(line)));
      }
    }
    return out;
  }

  @Nested
  class WhenABatchRunsItsCourse {

    @Test
    void isInProgressAtFirstAndEndsWithEveryResultInShuffledOrder() {
      MutableClock clock = new MutableClock();
      try (FakeProvider fake = FakeProvider.builder().clock(clock).batchDuration(Duration.ofMinutes(10)).seed(3)
          .start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> created = client.anthropicCall("POST", PATH, batch(20, FakeClient.CLAUDE));

        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode batch = json(created);
        String id = batch.path("id").asText();
        assertThat(id).startsWith("msgbatch_");
        assertThat(batch.path("type").asText()).isEqualTo("message_batch");
        assertThat(batch.path("processing_status").asText()).isEqualTo("in_progress");
        assertThat(batch.path("request_counts").path("processing").asInt()).isEqualTo(20);
        assertThat(batch.path("results_url").isNull()).isTrue();
        assertThat(batch.path("ended_at").isNull()).isTrue();
        assertThat(Instant.parse(batch.path("expires_at").asText()))
            .isEqualTo(Instant.parse(batch.path("created_at").asText()).plus(Duration.ofHours(24)));

        clock.advance(Duration.ofMinutes(5));
        JsonNode half = json(client.anthropicCall("GET", PATH + "/" + id, null));
        assertThat(half.path("processing_status").asText()).isEqualTo("in_progress");
        assertThat(half.path("request_counts").path("succeeded").asInt()).isBetween(1, 19);
        assertThat(client.anthropicCall("GET", PATH + "/" + id + "/results", null).statusCode()).isEqualTo(400);

        clock.advance(Duration.ofMinutes(5));
        JsonNode ended = json(client.anthropicCall("GET", PATH + "/" + id, null));
        assertThat(ended.path("processing_status").asText()).isEqualTo("ended");
        assertThat(ended.path("request_counts").path("succeeded").asInt()).isEqualTo(20);
        assertThat(ended.path("request_counts").path("processing").asInt()).isZero();
        assertThat(ended.path("ended_at").asText()).isEqualTo("2025-06-01T12:10:00Z");
        assertThat(ended.path("results_url").asText()).isEqualTo(fake.anthropicBaseUrl() + PATH + "/" + id + "/results");

        HttpResponse<String> results = client.anthropicCall("GET", PATH + "/" + id + "/results", null);
        List<JsonNode> lines = lines(results.body());
        assertThat(lines).hasSize(20);
        List<String> ids = lines.stream().map(l -> l.path("custom_id").asText()).toList();
        assertThat(ids).containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, 20).mapToObj(i -> "req-" + i).toList());
        assertThat(ids).isNotEqualTo(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "req-" + i).toList());
        JsonNode message = lines.get(0).path("result").path("message");
        assertThat(lines.get(0).path("result").path("type").asText()).isEqualTo("succeeded");
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("usage").path("output_tokens").asInt()).isPositive();
        assertThat(FakeClient.records(message.path("content").path(0).path("text").asText())).hasSize(5);
        assertThat(fake.batchesCreated()).isEqualTo(1);
        assertThat(fake.batchItemsSubmitted()).isEqualTo(20);
      }
    }

    @Test
    void givesResultsInRequestOrderWhenNotShuffled() {
      try (FakeProvider fake = FakeProvider.builder().shuffleBatchResults(false).start()) {
        FakeClient client = new FakeClient(fake);
        String id = json(client.anthropicCall("POST", PATH, batch(5, FakeClient.CLAUDE))).path("id").asText();
        List<String> ids = lines(client.anthropicCall("GET", PATH + "/" + id + "/results", null).body()).stream()
            .map(l -> l.path("custom_id").asText()).toList();

        assertThat(ids).containsExactly("req-0", "req-1", "req-2", "req-3", "req-4");
      }
    }

    @Test
    void endsAtOnceWhenTheTestSaysFinishNow() {
      try (FakeProvider fake = FakeProvider.builder().batchDuration(Duration.ofHours(3)).start()) {
        FakeClient client = new FakeClient(fake);
        String id = json(client.anthropicCall("POST", PATH, batch(4, FakeClient.CLAUDE))).path("id").asText();
        assertThat(json(client.anthropicCall("GET", PATH + "/" + id, null)).path("processing_status").asText())
            .isEqualTo("in_progress");

        fake.finishBatches();

        JsonNode ended = json(client.anthropicCall("GET", PATH + "/" + id, null));
        assertThat(ended.path("processing_status").asText()).isEqualTo("ended");
        assertThat(ended.path("request_counts").path("succeeded").asInt()).isEqualTo(4);
      }
    }

    @Test
    void listsBatchesNewestFirst() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        String first = json(client.anthropicCall("POST", PATH, batch(1, FakeClient.CLAUDE))).path("id").asText();
        String second = json(client.anthropicCall("POST", PATH, batch(1, FakeClient.CLAUDE))).path("id").asText();

        JsonNode list = json(client.anthropicCall("GET", PATH + "?limit=10", null));
        assertThat(list.path("data").findValuesAsText("id")).containsExactly(second, first);
        assertThat(list.path("first_id").asText()).isEqualTo(second);
        assertThat(list.path("has_more").asBoolean()).isFalse();
      }
    }
  }

  @Nested
  class WhenItemsFail {

    @Test
    void reportsARefusedParamsAsAnErroredResultNotAsA400() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        String body = "{\"requests\":[{\"custom_id\":\"good\",\"params\":" + FakeClient.anthropicJson(FakeClient.CLAUDE,
            1000, "") + "},{\"custom_id\":\"hot\",\"params\":" + FakeClient.anthropicJson(FakeClient.CLAUDE, 1000,
            "\"temperature\":0.5") + "}]}";
        String id = json(client.anthropicCall("POST", PATH, body)).path("id").asText();

        JsonNode ended = json(client.anthropicCall("GET", PATH + "/" + id, null));
        assertThat(ended.path("request_counts").path("errored").asInt()).isEqualTo(1);
        JsonNode errored = lines(client.anthropicCall("GET", PATH + "/" + id + "/results", null).body()).stream()
            .filter(l -> l.path("custom_id").asText().equals("hot")).findFirst().orElseThrow();
        assertThat(errored.path("result").path("type").asText()).isEqualTo("errored");
        assertThat(errored.path("result").path("error").path("type").asText()).isEqualTo("error");
        assertThat(errored.path("result").path("error").path("error").path("type").asText())
            .isEqualTo("invalid_request_error");
        assertThat(errored.path("result").path("error").path("error").path("message").asText())
            .isEqualTo("`temperature` is deprecated for this model.");
      }
    }

    @Test
    void errorsAndExpiresTheConfiguredFractionsOfItems() {
      try (FakeProvider fake = FakeProvider.builder().seed(5).batchErrorRate(0.2).batchExpireRate(0.3).start()) {
        FakeClient client = new FakeClient(fake);
        String id = json(client.anthropicCall("POST", PATH, batch(400, FakeClient.CLAUDE))).path("id").asText();

        JsonNode counts = json(client.anthropicCall("GET", PATH + "/" + id, null)).path("request_counts");
        assertThat(counts.path("errored").asInt()).isBetween(50, 110);
        assertThat(counts.path("expired").asInt()).isBetween(85, 155);
        assertThat(counts.path("succeeded").asInt() + counts.path("errored").asInt() + counts.path("expired").asInt())
            .isEqualTo(400);
        List<JsonNode> lines = lines(client.anthropicCall("GET", PATH + "/" + id + "/results", null).body());
        assertThat(lines.stream().filter(l -> l.path("result").path("type").asText().equals("expired")).count())
            .isEqualTo(counts.path("expired").asInt());
        JsonNode serverError = lines.stream().filter(l -> l.path("result").path("type").asText().equals("errored"))
            .findFirst().orElseThrow();
        assertThat(serverError.path("result").path("error").path("error").path("type").asText()).isEqualTo("api_error");
      }
    }

    @Test
    void expiresWhatIsNotDoneAfter24Hours() {
      MutableClock clock = new MutableClock();
      try (FakeProvider fake = FakeProvider.builder().clock(clock).batchDuration(Duration.ofHours(48)).start()) {
        FakeClient client = new FakeClient(fake);
        String id = json(client.anthropicCall("POST", PATH, batch(10, FakeClient.CLAUDE))).path("id").asText();
        clock.advance(Duration.ofHours(24));

        JsonNode ended = json(client.anthropicCall("GET", PATH + "/" + id, null));
        assertThat(ended.path("processing_status").asText()).isEqualTo("ended");
        assertThat(ended.path("request_counts").path("succeeded").asInt()).isEqualTo(5);
        assertThat(ended.path("request_counts").path("expired").asInt()).isEqualTo(5);
      }
    }
  }

  @Nested
  class WhenCanceled {

    @Test
    void isCancelingThenEndsWithTheUnprocessedItemsCanceled() {
      MutableClock clock = new MutableClock();
      try (FakeProvider fake = FakeProvider.builder().clock(clock).batchDuration(Duration.ofMinutes(10))
          .batchCancelDelay(Duration.ofMinutes(1)).start()) {
        FakeClient client = new FakeClient(fake);
        String id = json(client.anthropicCall("POST", PATH, batch(9, FakeClient.CLAUDE))).path("id").asText();
        clock.advance(Duration.ofMinutes(5));

        JsonNode canceling = json(client.anthropicCall("POST", PATH + "/" + id + "/cancel", null));
        assertThat(canceling.path("processing_status").asText()).isEqualTo("canceling");
        assertThat(canceling.path("cancel_initiated_at").asText()).isEqualTo("2025-06-01T12:05:00Z");
        clock.advance(Duration.ofMinutes(1));

        JsonNode ended = json(client.anthropicCall("GET", PATH + "/" + id, null));
        assertThat(ended.path("processing_status").asText()).isEqualTo("ended");
        assertThat(ended.path("request_counts").path("succeeded").asInt()).isEqualTo(5);
        assertThat(ended.path("request_counts").path("canceled").asInt()).isEqualTo(4);
        assertThat(client.anthropicCall("POST", PATH + "/" + id + "/cancel", null).statusCode()).isEqualTo(400);
      }
    }
  }

  @Nested
  class WhenTheBatchIsRefused {

    @Test
    void refusesABadOrRepeatedCustomIdAndTooManyRequests() {
      try (FakeProvider fake = FakeProvider.builder().batchLimits(new BatchLimits(3, 1 << 20, 3, 1 << 20)).start()) {
        FakeClient client = new FakeClient(fake);
        String params = FakeClient.anthropicJson(FakeClient.CLAUDE, 100, "");

        HttpResponse<String> bad = client.anthropicCall("POST", PATH,
            "{\"requests\":[{\"custom_id\":\"has space\",\"params\":" + params + "}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").path("message").asText())
            .isEqualTo("requests.0.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'");
        HttpResponse<String> repeated = client.anthropicCall("POST", PATH, "{\"requests\":[{\"custom_id\":\"a\","
            + "\"params\":" + params + "},{\"custom_id\":\"a\",\"params\":" + params + "}]}");
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(json(repeated).path("error").path("message").asText()).contains("Duplicate custom_id 'a'");
        HttpResponse<String> many = client.anthropicCall("POST", PATH, batch(4, FakeClient.CLAUDE));
        assertThat(json(many).path("error").path("message").asText())
            .startsWith("requests: List should have at most 3 items after validation, not 4");
        assertThat(client.anthropicCall("POST", PATH, "{\"requests\":[]}").statusCode()).isEqualTo(400);
        assertThat(fake.batchesCreated()).isZero();
      }
    }

    @Test
    void refusesABodyPastTheSizeLimitWith413() {
      try (FakeProvider fake = FakeProvider.builder().batchLimits(new BatchLimits(100_000, 2_000, 50_000, 2_000))
          .start()) {
        HttpResponse<String> large = new FakeClient(fake).anthropicCall("POST", PATH, batch(30, FakeClient.CLAUDE));

        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(json(large).path("error").path("type").asText()).isEqualTo("request_too_large");
      }
    }

    @Test
    void theDocumentedLimitsAreTheDefaults() {
      assertThat(BatchLimits.DOCUMENTED)
          .isEqualTo(new BatchLimits(100_000, 256L * 1024 * 1024, 50_000, 200L * 1024 * 1024));
    }

    @Test
    void answersAnUnknownBatchWith404AndOldResultsWith404() {
      MutableClock clock = new MutableClock();
      try (FakeProvider fake = FakeProvider.builder().clock(clock).start()) {
        FakeClient client = new FakeClient(fake);
        assertThat(client.anthropicCall("GET", PATH + "/msgbatch_nope", null).statusCode()).isEqualTo(404);
        String id = json(client.anthropicCall("POST", PATH, batch(1, FakeClient.CLAUDE))).path("id").asText();
        clock.advance(Duration.ofDays(29));

        HttpResponse<String> gone = client.anthropicCall("GET", PATH + "/" + id + "/results", null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).path("error").path("message").asText()).contains("29 days");
      }
    }
  }

  @Nested
  class WhenPollingTooOften {

    @Test
    void answers429WithRetryAfterPastThePollLimit() {
      MutableClock clock = new MutableClock();
      try (FakeProvider fake = FakeProvider.builder().clock(clock).batchPollsPerMinute(2).start()) {
        FakeClient client = new FakeClient(fake);
        String id = json(client.anthropicCall("POST", PATH, batch(1, FakeClient.CLAUDE))).path("id").asText();
        assertThat(client.anthropicCall("GET", PATH + "/" + id, null).statusCode()).isEqualTo(200);
        assertThat(client.anthropicCall("GET", PATH + "/" + id, null).statusCode()).isEqualTo(200);

        HttpResponse<String> limited = client.anthropicCall("GET", PATH + "/" + id, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(FakeClient.header(limited, "retry-after")).isEqualTo("30");
        assertThat(json(limited).path("error").path("type").asText()).isEqualTo("rate_limit_error");
        clock.advance(Duration.ofSeconds(30));
        assertThat(client.anthropicCall("GET", PATH + "/" + id, null).statusCode()).isEqualTo(200);
      }
    }
  }

  /** A response holding only a body, for parsing result lines with {@link FakeClient#json}. */
  private record Stub(String body) implements HttpResponse<String> {
    public int statusCode() { return 200; }
    public java.net.http.HttpRequest request() { return null; }
    public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
    public java.net.http.HttpHeaders headers() { return null; }
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
    public java.net.URI uri() { return null; }
    public java.net.http.HttpClient.Version version() { return null; }
  }
}
