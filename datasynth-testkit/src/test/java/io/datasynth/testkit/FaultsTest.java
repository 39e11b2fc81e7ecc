package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.anthropicBody;
import static io.datasynth.testkit.FakeClient.header;
import static io.datasynth.testkit.FakeClient.json;
import static io.datasynth.testkit.FakeClient.openAiBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private static FakeProvider fakeWith(FaultScript script) {
    return FakeProvider.builder().faults(script).start();
  }

  @Nested
  class WhenTheFaultIsAnErrorStatus {

    @Test
    void rateLimitedAnswers429WithTheScriptsRetryAfterInBothStyles() {
      FaultScript script =
          FaultScript.sequence(Fault.RATE_LIMITED, Fault.RATE_LIMITED).retryAfter(Duration.ofMillis(1500));
      try (FakeProvider fake = fakeWith(script)) {
        FakeClient client = new FakeClient(fake);

        HttpResponse<String> anthropic = client.anthropic(anthropicBody("a", 100));
        HttpResponse<String> openAi = client.openAi(openAiBody("a", 100));

        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(header(anthropic, "retry-after")).isEqualTo("2");
        assertThat(json(anthropic).path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(openAi.statusCode()).isEqualTo(429);
        assertThat(header(openAi, "retry-after-ms")).isEqualTo("1500");
        assertThat(json(openAi).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(fake.requests()).extracting(RecordedRequest::fault).containsOnly(Fault.RATE_LIMITED);
      }
    }

    @Test
    void serverErrorAnswers500() {
      try (FakeProvider fake = fakeWith(FaultScript.sequence(Fault.SERVER_ERROR, Fault.SERVER_ERROR))) {
        FakeClient client = new FakeClient(fake);

        HttpResponse<String> anthropic = client.anthropic(anthropicBody("a", 100));
        HttpResponse<String> openAi = client.openAi(openAiBody("a", 100));

        assertThat(anthropic.statusCode()).isEqualTo(500);
        assertThat(json(anthropic).path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(openAi.statusCode()).isEqualTo(500);
        assertThat(json(openAi).path("error").path("type").asText()).isEqualTo("server_error");
      }
    }

    @Test
    void overloadedAnswers529ForAnthropicAnd503ForOpenAi() {
      try (FakeProvider fake = fakeWith(FaultScript.sequence(Fault.OVERLOADED, Fault.OVERLOADED))) {
        FakeClient client = new FakeClient(fake);

        HttpResponse<String> anthropic = client.anthropic(anthropicBody("a", 100));
        HttpResponse<String> openAi = client.openAi(openAiBody("a", 100));

        assertThat(anthropic.statusCode()).isEqualTo(529);
        assertThat(json(anthropic).path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(openAi.statusCode()).isEqualTo(503);
      }
    }

    @Test
    void aScriptedRateLimitAlsoCountsEarlyRetries() {
      FaultScript script = FaultScript.sequence(Fault.RATE_LIMITED).retryAfter(Duration.ofSeconds(30));
      try (FakeProvider fake = fakeWith(script)) {
        FakeClient client = new FakeClient(fake);
        client.anthropic(anthropicBody("a", 100));

        assertThat(client.anthropic(anthropicBody("a", 100)).statusCode()).isEqualTo(200);
        assertThat(fake.earlyRetries()).isEqualTo(1);
      }
    }
  }

  @Nested
  class WhenTheFaultSpoilsTheReply {

    @Test
    void malformedBodyIsA200ThatIsNotJson() {
      try (FakeProvider fake = fakeWith(FaultScript.sequence(Fault.MALFORMED_BODY))) {
        HttpResponse<String> response = new FakeClient(fake).anthropic(anthropicBody("a", 1000));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> json(response)).isInstanceOf(UncheckedIOException.class);
        assertThat(fake.recordsServed()).isZero();
      }
    }

    @Test
    void truncatedCutsTheArrayAndSaysMaxTokens() {
      try (FakeProvider fake = fakeWith(FaultScript.sequence(Fault.TRUNCATED, Fault.TRUNCATED))) {
        FakeClient client = new FakeClient(fake);

        HttpResponse<String> anthropic = client.anthropic(anthropicBody("a", 1000));
        HttpResponse<String> openAi = client.openAi(openAiBody("a", 1000));

        assertThat(json(anthropic).path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(json(anthropic).path("usage").path("output_tokens").asInt()).isEqualTo(1000);
        assertThat(FakeClient.text(anthropic)).contains("[").doesNotContain("]");
        assertThat(json(openAi).path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
        assertThat(fake.requests().get(0).truncated()).isTrue();
        assertThat(fake.requests().get(0).recordsSent()).isBetween(1, 4);
      }
    }

    @Test
    void duplicatesRepeatsRecordsSentEarlier() {
      try (FakeProvider fake = fakeWith(FaultScript.sequence(Fault.NONE, Fault.DUPLICATES))) {
        FakeClient client = new FakeClient(fake);
        Set<String> first = texts(FakeClient.records(FakeClient.text(client.anthropic(anthropicBody("a", 1000)))));

        JsonNode second = FakeClient.records(FakeClient.text(client.anthropic(anthropicBody("a", 1000))));

        List<String> repeated = new ArrayList<>(texts(second));
        repeated.retainAll(first);
        assertThat(repeated).hasSizeGreaterThanOrEqualTo(2);
        assertThat(second).hasSize(5);
      }
    }

    @Test
    void invalidRecordsMissAFieldOrHaveANumberForAString() {
      try (FakeProvider fake = fakeWith(FaultScript.sequence(Fault.INVALID_RECORDS))) {
        JsonNode records =
            FakeClient.records(FakeClient.text(new FakeClient(fake).anthropic(anthropicBody("a", 1000))));

        assertThat(records.path(0).has("instruction")).isFalse();
        assertThat(records.path(1).path("instruction").isTextual()).isTrue();
        assertThat(records.path(2).path("instruction").isNumber()).isTrue();
        assertThat(records.path(4).has("instruction")).isFalse();
      }
    }

    @Test
    void garbageIsProseWithoutJson() {
      try (FakeProvider fake = fakeWith(FaultScript.sequence(Fault.GARBAGE))) {
        String text = FakeClient.text(new FakeClient(fake).openAi(openAiBody("a", 1000)));

        assertThat(text).isNotBlank().doesNotContain("[").doesNotContain("{");
        assertThat(fake.recordsServed()).isZero();
      }
    }
  }

  @Nested
  class WhenTheFaultDelaysOrDropsTheAnswer {

    @Test
    void slowTakesAtLeastTheScriptsMinimum() {
      FaultScript script = FaultScript.sequence(Fault.SLOW).slowness(10, Duration.ofMillis(300));
      try (FakeProvider fake = fakeWith(script)) {
        long start = System.nanoTime();

        HttpResponse<String> response = new FakeClient(fake).anthropic(anthropicBody("a", 1000));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      }
    }

    @Test
    void hangNeverAnswersBeforeTheClientTimesOut() {
      // The hang outlasts the client's time limit many times over, and that limit leaves a loaded machine time to
      // deliver the request.
      FaultScript script = FaultScript.sequence(Fault.HANG).hangFor(Duration.ofSeconds(30));
      try (FakeProvider fake = fakeWith(script)) {
        FakeClient client = new FakeClient(fake);

        assertThatThrownBy(
                () -> client.send(client.anthropicRequest(anthropicBody("a", 10)).timeout(Duration.ofSeconds(2)).build()))
            .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(fake.requests()).singleElement().satisfies(r -> {
          assertThat(r.fault()).isEqualTo(Fault.HANG);
          assertThat(r.status()).isZero();
        });
        assertThat(client.anthropic(anthropicBody("a", 10)).statusCode()).isEqualTo(200);
      }
    }

    @Test
    void hangEndsAtOnceWhenTheFakeCloses() throws Exception {
      FaultScript script = FaultScript.sequence(Fault.HANG);
      FakeProvider fake = fakeWith(script);
      FakeClient client = new FakeClient(fake);
      var pending =
          client.http().sendAsync(client.anthropicRequest(anthropicBody("a", 10)).build(),
              HttpResponse.BodyHandlers.ofString());
      RateLimitTest.waitUntil(() -> fake.inFlight() == 1);
      long start = System.nanoTime();

      fake.close();

      assertThatThrownBy(pending::join).hasCauseInstanceOf(IOException.class);
      // A hang lasts 60 s unless closing the fake ends it; generous so a slow machine does not fail it.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void connectionResetClosesWithoutAResponse() {
      try (FakeProvider fake = fakeWith(FaultScript.sequence(Fault.CONNECTION_RESET))) {
        FakeClient client = new FakeClient(fake);

        assertThatThrownBy(() -> client.openAi(openAiBody("a", 10))).hasCauseInstanceOf(IOException.class);
        assertThat(fake.count(0)).isEqualTo(1);
        assertThat(client.openAi(openAiBody("a", 10)).statusCode()).isEqualTo(200);
      }
    }
  }

  private static Set<String> texts(JsonNode records) {
    Set<String> texts = new HashSet<>();
    records.forEach(r -> texts.add(r.toString()));
    return texts;
  }
}
