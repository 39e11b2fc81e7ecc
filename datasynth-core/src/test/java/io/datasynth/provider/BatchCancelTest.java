package io.datasynth.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.model.ModelProfiles;
import io.datasynth.provider.batch.BatchReply;
import io.datasynth.provider.http.RecordingServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cancelling a batch sends an empty POST that says it is JSON, as the providers' SDKs do, not a form. */
class BatchCancelTest {
  @ParameterizedTest
  @EnumSource(ProviderKind.class)
  void anEmptyJsonPost(ProviderKind kind) {
    String state = kind == ProviderKind.ANTHROPIC
        ? "{\"id\": \"msgbatch_1\", \"type\": \"message_batch\", \"processing_status\": \"canceling\","
            + " \"request_counts\": {\"processing\": 2}}"
        : "{\"id\": \"batch_1\", \"object\": \"batch\", \"status\": \"cancelling\","
            + " \"request_counts\": {\"total\": 2, \"completed\": 0, \"failed\": 0}}";
    try (RecordingServer server = new RecordingServer(200, state)) {
      String model = kind == ProviderKind.ANTHROPIC ? "claude-sonnet-5-5" : "gpt-5-mini";
      ProviderSettings s = ProviderSettings.resolve(kind, model, kind == ProviderKind.ANTHROPIC ? server.origin()
          : server.origin() + "/v1", null, Map.of(), Duration.ofSeconds(10), ModelProfiles.bundled().lookup(kind,
          model));

      BatchReply<?> reply = LlmClients.batchApi(s, UnaryOperator.identity()).cancel(
          kind == ProviderKind.ANTHROPIC ? "msgbatch_1" : "batch_1");

      assertThat(reply).isInstanceOf(BatchReply.Done.class);
      assertThat(server.seen).singleElement().satisfies(q -> {
        assertThat(q.method()).isEqualTo("POST");
        assertThat(q.path()).endsWith("/cancel");
        assertThat(q.contentType()).isEqualTo("application/json");
        assertThat(q.contentLength()).isEqualTo("0");
        assertThat(q.bodyBytes()).isZero();
      });
    }
  }
}
