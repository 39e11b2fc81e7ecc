package io.datasynth.provider.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BatchPagesTest {
  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  /** Batches b0 (newest) … b{n-1}, one hour apart, served {@code size} a page with the cursor of the last one. */
  static Function<String, BatchReply<JsonNode>> list(int n, int size, List<String> cursors) {
    return after -> {
      cursors.add(after);
      int from = after == null ? 0 : Integer.parseInt(after.substring(1)) + 1;
      ObjectNode page = Json.object();
      ArrayNode data = page.putArray("data");
      for (int i = from; i < Math.min(n, from + size); i++) {
        data.addObject().put("id", "b" + i).put("created", NOW.minus(Duration.ofHours(i)).toString());
      }
      page.put("has_more", from + size < n);
      page.put("last_id", "b" + (Math.min(n, from + size) - 1));
      return new BatchReply.Done<>(page);
    };
  }

  static BatchState state(JsonNode b) {
    return new BatchState(b.get("id").asText(), BatchState.Status.IN_PROGRESS, null,
        Instant.parse(b.get("created").asText()), null, null, null, null);
  }

  @Test
  void followsTheCursorAcrossPagesAndStopsAtTheFirstOlderBatch() {
    List<String> cursors = new ArrayList<>();
    BatchReply<List<BatchState>> r = BatchPages.createdSince(NOW.minus(Duration.ofHours(4).plusMinutes(30)),
        list(10, 2, cursors), BatchPagesTest::state);
    assertThat(((BatchReply.Done<List<BatchState>>) r).value()).extracting(BatchState::id)
        .containsExactly("b0", "b1", "b2", "b3", "b4");
    assertThat(cursors).containsExactly(null, "b1", "b3");
  }

  @Test
  void endsWhenTheListHasNoMore() {
    List<String> cursors = new ArrayList<>();
    BatchReply<List<BatchState>> r = BatchPages.createdSince(NOW.minus(Duration.ofDays(30)), list(3, 2, cursors),
        BatchPagesTest::state);
    assertThat(((BatchReply.Done<List<BatchState>>) r).value()).hasSize(3);
    assertThat(cursors).hasSize(2);
  }

  @Test
  void passesOnAFailureOfAnyPage() {
    BatchReply<List<BatchState>> r = BatchPages.createdSince(NOW.minus(Duration.ofDays(1)),
        after -> after == null ? list(10, 2, new ArrayList<>()).apply(null)
            : new BatchReply.Retry<>(Duration.ofSeconds(3), true, "429"), BatchPagesTest::state);
    assertThat(r).isInstanceOf(BatchReply.Retry.class);
  }
}
