package io.datasynth.provider.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A provider's list of batches, newest first, read page by page down to the first batch created before a time. Both
 * APIs page the same way: {@code data}, {@code has_more}, and {@code last_id} as the cursor of the next page.
 */
public final class BatchPages {
  /** The most pages read: 2,000 batches, far more than one job leaves. */
  static final int MAX_PAGES = 20;

  private BatchPages() {}

  /**
   * @param page one page of the list after the cursor (null for the first page)
   * @param state a batch of the list as this API describes it
   */
  public static BatchReply<List<BatchState>> createdSince(Instant since, Function<String, BatchReply<JsonNode>> page,
      Function<JsonNode, BatchState> state) {
    List<BatchState> found = new ArrayList<>();
    String after = null;
    for (int p = 0; p < MAX_PAGES; p++) {
      BatchReply<JsonNode> reply = page.apply(after);
      if (!(reply instanceof BatchReply.Done<JsonNode> done)) {
        return reply.failure();
      }
      for (JsonNode b : done.value().path("data")) {
        BatchState s = state.apply(b);
        if (s.createdAt() != null && s.createdAt().isBefore(since)) {
          return new BatchReply.Done<>(found);
        }
        found.add(s);
      }
      after = done.value().path("has_more").asBoolean(false) ? done.value().path("last_id").asText(null) : null;
      if (after == null) {
        break;
      }
    }
    return new BatchReply.Done<>(found);
  }
}
