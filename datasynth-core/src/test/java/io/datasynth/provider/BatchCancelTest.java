package io.datasynth.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.datasynth.model.ModelProfiles;
import io.datasynth.provider.batch.BatchReply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cancelling a batch sends an empty POST that says it is JSON, as the providers' SDKs do, not a form. */
class BatchCancelTest {
  record Seen(String method, String path, String contentType, String contentLength, int bodyBytes) {}

  @ParameterizedTest
  @EnumSource(ProviderKind.class)
  void anEmptyJsonPost(ProviderKind kind) throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    String state = kind == ProviderKind.ANTHROPIC
        ? "{\"id\": \"msgbatch_1\", \"type\": \"message_batch\", \"processing_status\": \"canceling\","
            + " \"request_counts\": {\"processing\": 2}}"
        : "{\"id\": \"batch_1\", \"object\": \"batch\", \"status\": \"cancelling\","
            + " \"request_counts\": {\"total\": 2, \"completed\": 0, \"failed\": 0}}";
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      byte[] in = ex.getRequestBody().readAllBytes();
      seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(),
          ex.getRequestHeaders().getFirst("content-type"), ex.getRequestHeaders().getFirst("content-length"),
          in.length));
      byte[] out = state.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("content-type", "application/json");
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    try {
      String origin = "http://127.0.0.1:" + server.getAddress().getPort();
      String model = kind == ProviderKind.ANTHROPIC ? "claude-sonnet-5-5" : "gpt-5-mini";
      ProviderSettings s = ProviderSettings.resolve(kind, model, kind == ProviderKind.ANTHROPIC ? origin
          : origin + "/v1", null, Map.of(), Duration.ofSeconds(10), ModelProfiles.bundled().lookup(kind, model));

      BatchReply<?> reply = LlmClients.batchApi(s, UnaryOperator.identity()).cancel(
          kind == ProviderKind.ANTHROPIC ? "msgbatch_1" : "batch_1");

      assertThat(reply).isInstanceOf(BatchReply.Done.class);
      assertThat(seen).singleElement().satisfies(q -> {
        assertThat(q.method()).isEqualTo("POST");
        assertThat(q.path()).endsWith("/cancel");
        assertThat(q.contentType()).isEqualTo("application/json");
        assertThat(q.contentLength()).isEqualTo("0");
        assertThat(q.bodyBytes()).isZero();
      });
    } finally {
      server.stop(0);
    }
  }
}
