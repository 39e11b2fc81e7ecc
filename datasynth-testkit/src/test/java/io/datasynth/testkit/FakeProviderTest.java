package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.anthropicBody;
import static io.datasynth.testkit.FakeClient.openAiBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FakeProviderTest {

  @Nested
  class WhenRunTwiceWithTheSameSeed {

    @Test
    void givesTheSameFaultsAndTheSameRecords() {
      List<String> first = run(42);
      List<String> second = run(42);

      assertThat(first).isEqualTo(second);
      assertThat(run(43)).isNotEqualTo(first);
    }

    private List<String> run(long seed) {
      List<ObjectNode> pool =
          IntStream.range(0, 20)
              .mapToObj(i -> (ObjectNode) FakeClient.MAPPER.createObjectNode().put("id", "r" + i))
              .toList();
      FaultScript script = FaultScript.random(seed).serverError(0.2).truncated(0.2).duplicates(0.2);
      try (FakeProvider fake =
          FakeProvider.builder().seed(seed).records(RecordSource.pool(pool)).faults(script).start()) {
        FakeClient client = new FakeClient(fake);
        return IntStream.range(0, 20)
            .mapToObj(i -> client.anthropic(anthropicBody("a", 1000)))
            .map(r -> r.statusCode() + " " + (r.statusCode() == 200 ? FakeClient.text(r) : ""))
            .toList();
      }
    }
  }

  @Nested
  class WhenToldToKeepNoRequests {

    @Test
    void answersAsUsualAndRemembersNothing() {
      try (FakeProvider kept = FakeProvider.builder().start();
          FakeProvider forgotten = FakeProvider.builder().keepRequests(false).start()) {
        for (FakeProvider fake : List.of(kept, forgotten)) {
          FakeClient client = new FakeClient(fake);
          for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = client.anthropic(anthropicBody("a", 1000));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(FakeClient.text(r)).contains("instruction");
          }
        }
        assertThat(kept.requests()).hasSize(3);
        assertThat(forgotten.requests()).isEmpty();
      }
    }
  }

  @Nested
  class WhenManyClientsSendAtOnce {

    @Test
    void holdsTwoHundredFiftyConnectionsOpenAtOnce() {
      try (FakeProvider fake = FakeProvider.builder().latency(Duration.ofMillis(500), Duration.ZERO).start()) {
        FakeClient client = new FakeClient(fake);

        List<HttpResponse<String>> responses =
            IntStream.range(0, 250)
                .mapToObj(i -> client.http().sendAsync(client.anthropicRequest(anthropicBody("a", 1000)).build(),
                    HttpResponse.BodyHandlers.ofString()))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();

        assertThat(responses).allMatch(r -> r.statusCode() == 200);
        assertThat(fake.requests()).hasSize(250);
      }
    }

    @Test
    void answersFiftyParallelRequestsWithUniqueRecords() {
      try (FakeProvider fake =
          FakeProvider.builder().latency(Duration.ofMillis(200), Duration.ofMillis(50)).start()) {
        FakeClient client = new FakeClient(fake);

        List<CompletableFuture<HttpResponse<String>>> pending =
            IntStream.range(0, 50)
                .mapToObj(i -> i % 2 == 0 ? client.anthropicRequest(anthropicBody("a", 1000))
                    : client.openAiRequest(openAiBody("a", 1000)))
                .map(r -> client.http().sendAsync(r.build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> responses = pending.stream().map(CompletableFuture::join).toList();

        assertThat(responses).allMatch(r -> r.statusCode() == 200);
        Set<String> ids = new HashSet<>();
        responses.forEach(r -> FakeClient.records(FakeClient.text(r)).forEach(n -> ids.add(n.toString())));
        assertThat(ids).hasSize(250);
        assertThat(fake.totalRequests()).isEqualTo(50);
        assertThat(fake.recordsServed()).isEqualTo(250);
      }
    }
  }

  @Nested
  class WhenTheClientKeepsTheConnectionAlive {

    @Test
    void answersSeveralRequestsOnOneConnection() throws IOException {
      try (FakeProvider fake = FakeProvider.builder().start();
          Socket socket = new Socket("127.0.0.1", fake.port())) {
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());

        for (int i = 0; i < 3; i++) {
          byte[] body = anthropicBody("hello", 1000).getBytes(StandardCharsets.UTF_8);
          String head = "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nanthropic-version: 2023-06-01\r\n"
              + "content-type: application/json\r\ncontent-length: " + body.length + "\r\n\r\n";
          out.write(head.getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();

          assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
        }
        assertThat(fake.count(200)).isEqualTo(3);
      }
    }

    private String readResponse(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed after " + head);
        }
        head.write(b);
      }
      String headers = head.toString(StandardCharsets.US_ASCII);
      int length =
          headers.lines()
              .filter(l -> l.toLowerCase().startsWith("content-length:"))
              .map(l -> Integer.parseInt(l.substring(15).strip()))
              .findFirst()
              .orElseThrow();
      in.readNBytes(length);
      return headers;
    }
  }

  @Nested
  class WhenObserved {

    @Test
    void recordsWhatEachRequestAskedAndGot() {
      try (FakeProvider fake = FakeProvider.builder().recordsPerReply(3).start()) {
        FakeClient client = new FakeClient(fake);
        client.anthropic(anthropicBody("a", 1000));
        client.openAi(openAiBody("b", 1000));

        assertThat(fake.requests()).hasSize(2);
        RecordedRequest first = fake.requests().get(0);
        assertThat(first.sequence()).isZero();
        assertThat(first.path()).isEqualTo("/v1/messages");
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.recordsSent()).isEqualTo(3);
        assertThat(first.fault()).isEqualTo(Fault.NONE);
        assertThat(first.outputTokens()).isPositive();
        assertThat(first.retryAfter()).isNull();
        assertThat(first.arrivalTime()).isNotNull();
        assertThat(fake.requests().get(1).arrivalNanos()).isGreaterThanOrEqualTo(first.arrivalNanos());
        assertThat(fake.recordsServed()).isEqualTo(6);
      }
    }

    @Test
    void resetForgetsCountersButNotTheFaultIndex() {
      try (FakeProvider fake =
          FakeProvider.builder().faults(FaultScript.sequence(Fault.NONE, Fault.SERVER_ERROR)).start()) {
        FakeClient client = new FakeClient(fake);
        client.anthropic(anthropicBody("a", 1000));

        fake.reset();

        assertThat(fake.totalRequests()).isZero();
        assertThat(fake.recordsServed()).isZero();
        assertThat(client.anthropic(anthropicBody("a", 1000)).statusCode()).isEqualTo(500);
        assertThat(fake.count(500)).isEqualTo(1);
      }
    }

    @Test
    void givesBaseUrlsBothStylesAppendTheirPathsTo() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        assertThat(fake.anthropicBaseUrl()).isEqualTo("http://127.0.0.1:" + fake.port());
        assertThat(fake.openAiBaseUrl()).isEqualTo("http://127.0.0.1:" + fake.port() + "/v1");
      }
    }
  }

  @Nested
  class WhenConfiguredImpossibly {

    @Test
    void namesTheSettingItsValueAndTheFix() {
      assertRejected(b -> b.recordsPerReply(0), "recordsPerReply is 0; set it between 1 and 1000");
      assertRejected(b -> b.port(70_000), "port is 70000; use 0 (any free port)");
      assertRejected(b -> b.requestsPerMinute(-5), "requestsPerMinute is -5; set a positive limit, or 0");
      assertRejected(b -> b.burstSeconds(0), "burstSeconds is 0.0; set it above 0 and at most 60");
      assertRejected(b -> b.latency(Duration.ofMillis(-1), Duration.ZERO), "latency is PT-0.001S");
      assertRejected(b -> b.apiKey(" "), "apiKey is blank");
      assertRejected(b -> b.maxThreads(0), "maxThreads is 0");
    }

    private void assertRejected(Consumer<FakeProvider.Builder> setting, String message) {
      FakeProvider.Builder builder = FakeProvider.builder();
      setting.accept(builder);
      assertThatThrownBy(builder::start).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
  }
}
