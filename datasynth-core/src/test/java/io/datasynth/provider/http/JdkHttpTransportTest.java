package io.datasynth.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmClients;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.ProviderSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real HTTP stack against bodies that never finish: the timeout covers the body, the body is bounded, and a
 * cancelled call hangs up. A hang fails the test through its timeout instead of stopping the build.
 */
@Timeout(120)
class JdkHttpTransportTest {
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
          JdkHttpTransport transport = JdkHttpTransport.forBaseUrl(server.origin(), Duration.ofSeconds(5), 1000)) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.origin() + "/x")).build();

        assertThat(transport.send(request)).failsWithin(Duration.ofSeconds(60))
            .withThrowableThat().havingRootCause().isInstanceOf(ResponseTooLargeException.class)
            .withMessageContaining("1000 bytes");
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
