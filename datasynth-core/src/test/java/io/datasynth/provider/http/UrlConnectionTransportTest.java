package io.datasynth.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmClients;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.ProviderSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real HTTP stack against bodies that never finish: the timeout covers the body, the body is bounded, and a
 * cancelled call hangs up. A hang fails the test through its timeout instead of stopping the build.
 */
@Timeout(120)
class UrlConnectionTransportTest {
  static final io.datasynth.model.ModelProfile PROFILE =
      io.datasynth.model.ModelProfiles.bundled().lookup(io.datasynth.provider.ProviderKind.ANTHROPIC, "claude-sonnet-5-5");
  static final LlmRequest REQUEST = LlmRequest.of("", "hello", 100);

  static LlmClient client(LoopbackServer server, Duration timeout, UnaryOperator<HttpTransport> wrap) {
    ProviderSettings s = ProviderSettings.resolve(ProviderKind.ANTHROPIC, "claude-x", server.origin(), null,
        Map.of(), timeout, PROFILE);
    return LlmClients.create(s, wrap);
  }

  @Nested
  class ABodyThatTricklesInAfterTheHeaders {
    @Test
    void endsInATimeoutWorthRetryingAndTheConnectionIsClosed() throws Exception {
      try (LoopbackServer server = LoopbackServer.trickling(20);
          LlmClient client = client(server, Duration.ofSeconds(1), UnaryOperator.identity())) {
        CallResult r = client.call(REQUEST).get(60, TimeUnit.SECONDS);

        assertThat(r).isInstanceOfSatisfying(CallResult.Transient.class, t -> {
          assertThat(t.kind()).isEqualTo(CallResult.Failure.TIMEOUT);
          assertThat(t.message()).contains("no complete response within 1 s").contains(server.origin());
        });
        assertThat(server.clientGone.await(60, TimeUnit.SECONDS)).as("the client hung up").isTrue();
      }
    }
  }

  @Nested
  class ABodyThatNeverEnds {
    @Test
    void isCutOffAtTheLimitWithAClearError() throws Exception {
      try (LoopbackServer server = LoopbackServer.endless();
          LlmClient client = client(server, Duration.ofMinutes(5), UnaryOperator.identity())) {
        CallResult r = client.call(REQUEST).get(60, TimeUnit.SECONDS);

        assertThat(r).isInstanceOfSatisfying(CallResult.Transient.class, t -> {
          assertThat(t.kind()).isEqualTo(CallResult.Failure.BAD_RESPONSE);
          assertThat(t.message()).contains("passed the limit of 64 MiB").contains(server.origin());
        });
        assertThat(server.clientGone.await(60, TimeUnit.SECONDS)).as("the client hung up").isTrue();
      }
    }

    @Test
    void isCutOffAtAnyLimitTheTransportIsGiven() throws Exception {
      try (LoopbackServer server = LoopbackServer.endless();
          UrlConnectionTransport transport = UrlConnectionTransport.create(Duration.ofSeconds(5), 1000)) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.origin() + "/x")).build();

        assertThat(transport.send(request)).failsWithin(Duration.ofSeconds(60))
            .withThrowableThat().havingRootCause().isInstanceOf(ResponseTooLargeException.class)
            .withMessageContaining("1000 bytes");
      }
    }
  }

  @Nested
  class WhatGoesOnTheWire {
    @Test
    void aGetStaysAGetAndAnEmptyPostSaysItsLength() throws Exception {
      try (RecordingServer server = new RecordingServer(200, "{}");
          UrlConnectionTransport transport = UrlConnectionTransport.create(Duration.ofSeconds(5))) {
        transport.send(HttpRequest.newBuilder(server.uri()).GET().build()).get(60, TimeUnit.SECONDS);
        transport.send(HttpRequest.newBuilder(server.uri()).POST(HttpRequest.BodyPublishers.noBody()).build())
            .get(60, TimeUnit.SECONDS);

        assertThat(server.seen).extracting(RecordingServer.Seen::method).containsExactly("GET", "POST");
        assertThat(server.seen.get(1).contentLength()).isEqualTo("0");
      }
    }

    @Test
    void sendsTheBodyAsksForJsonAndKeepsTheConnection() throws Exception {
      try (RecordingServer server = new RecordingServer(200, "{\"ok\": \"是\"}");
          UrlConnectionTransport transport = UrlConnectionTransport.create(Duration.ofSeconds(5))) {
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> r = transport.send(HttpRequest.newBuilder(server.uri())
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"提示\": " + i + "}")).build()).get(60, TimeUnit.SECONDS);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body()).isEqualTo("{\"ok\": \"是\"}");
        }

        assertThat(server.seen).extracting(RecordingServer.Seen::bodyBytes).containsOnly(
            "{\"提示\": 0}".getBytes(StandardCharsets.UTF_8).length);
        assertThat(server.seen).extracting(RecordingServer.Seen::accept).containsOnly("application/json");
        assertThat(server.seen).extracting(RecordingServer.Seen::clientPort).as("one connection, kept alive")
            .containsOnly(server.seen.get(0).clientPort());
      }
    }

    @Test
    void anErrorStatusKeepsItsBodyAndHeaders() throws Exception {
      try (RecordingServer server = new RecordingServer(429, "{\"error\": \"slow down\"}");
          UrlConnectionTransport transport = UrlConnectionTransport.create(Duration.ofSeconds(5))) {
        HttpResponse<String> r = transport.send(HttpRequest.newBuilder(server.uri())
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).get(60, TimeUnit.SECONDS);

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.body()).contains("slow down");
        assertThat(r.headers().firstValue("retry-after")).contains("7");
        assertThat(List.copyOf(r.headers().map().keySet())).as("names as HTTP/2 sends them")
            .contains("retry-after").doesNotContain("Retry-After");
      }
    }

    @Test
    void a401KeepsTheProvidersWordsAboutTheKey() throws Exception {
      try (RecordingServer server = new RecordingServer(401, "{\"error\": {\"message\": \"invalid x-api-key\"}}");
          UrlConnectionTransport transport = UrlConnectionTransport.create(Duration.ofSeconds(5))) {
        HttpResponse<String> r = transport.send(HttpRequest.newBuilder(server.uri())
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).get(60, TimeUnit.SECONDS);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("invalid x-api-key");
      }
    }

    @Test
    void aBatchSizedBodyIsStreamedWholeAndItsRefusalStillSaysWhy() throws Exception {
      byte[] upload = new byte[(int) UrlConnectionTransport.STREAMED_OVER * 3 + 17];
      java.util.Arrays.fill(upload, (byte) 'x');
      for (int status : new int[] {200, 401}) {
        try (RecordingServer server = new RecordingServer(status, "{}");
            UrlConnectionTransport transport = UrlConnectionTransport.create(Duration.ofSeconds(5))) {
          HttpResponse<String> r = transport.send(HttpRequest.newBuilder(server.uri())
              .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build()).get(60, TimeUnit.SECONDS);

          assertThat(r.statusCode()).isEqualTo(status);
          assertThat(server.seen).singleElement().satisfies(seen -> {
            assertThat(seen.bodyBytes()).isEqualTo(upload.length);
            assertThat(seen.contentLength()).isEqualTo(Integer.toString(upload.length));
          });
        }
      }
    }

    @Test
    void aPostWhoseConnectionBreaksBeforeTheReplyIsNotSentAgain() throws Exception {
      AtomicInteger requests = new AtomicInteger();
      try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
          UrlConnectionTransport transport = UrlConnectionTransport.create(Duration.ofSeconds(5))) {
        Thread hangUp = new Thread(() -> {
          while (!server.isClosed()) {
            try (Socket s = server.accept()) {
              s.getInputStream().read(new byte[8192]);
              requests.incrementAndGet();
            } catch (IOException e) {
              return;
            }
          }
        });
        hangUp.setDaemon(true);
        hangUp.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/messages");

        assertThat(transport.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build())).failsWithin(Duration.ofSeconds(60)).withThrowableThat()
            .havingRootCause().isInstanceOf(IOException.class);
        assertThat(requests).as("requests the server read").hasValue(1);
      }
    }

    @Test
    void aServerThatIsNotThereFailsAsAConnectionError() throws Exception {
      URI gone;
      try (RecordingServer server = new RecordingServer(200, "{}")) {
        gone = server.uri();
      }
      try (UrlConnectionTransport transport = UrlConnectionTransport.create(Duration.ofSeconds(5))) {
        assertThat(transport.send(HttpRequest.newBuilder(gone).GET().build())).failsWithin(Duration.ofSeconds(60))
            .withThrowableThat().havingRootCause().isInstanceOf(java.net.ConnectException.class);
      }
    }
  }

  @Nested
  class CancellingACall {
    @Test
    void hangsUpAtOnce() throws Exception {
      try (LoopbackServer server = LoopbackServer.trickling(20);
          LlmClient client = client(server, Duration.ofMinutes(5), UnaryOperator.identity())) {
        CompletableFuture<CallResult> call = client.call(REQUEST);
        assertThat(server.bodyStarted.await(60, TimeUnit.SECONDS)).isTrue();

        call.cancel(true);

        assertThat(server.clientGone.await(60, TimeUnit.SECONDS)).as("the client hung up").isTrue();
      }
    }

    @Test
    void hangsUpThroughTheVerboseLogToo() throws Exception {
      try (LoopbackServer server = LoopbackServer.trickling(20);
          LlmClient client = client(server, Duration.ofMinutes(5), LoggingTransport::new)) {
        CompletableFuture<CallResult> call = client.call(REQUEST);
        assertThat(server.bodyStarted.await(60, TimeUnit.SECONDS)).isTrue();

        call.cancel(true);

        assertThat(server.clientGone.await(60, TimeUnit.SECONDS)).as("the client hung up").isTrue();
      }
    }
  }
}
