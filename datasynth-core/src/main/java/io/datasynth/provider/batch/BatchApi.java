package io.datasynth.provider.batch;

import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.ProviderKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A provider's batch API, one model per client. Every method blocks until the provider answered and never throws
 * for provider behaviour: outcomes come back classified ({@link BatchReply}). Thread-safe.
 */
public interface BatchApi extends AutoCloseable {

  ProviderKind kind();

  /** How large one batch may be. */
  BatchLimits limits();

  /** The bytes one request takes in a batch (an Anthropic {@code requests} entry, an OpenAI file line). */
  byte[] item(String customId, LlmRequest request);

  /**
   * Creates a batch of items made by {@link #item}.
   *
   * @param token the client's name for the batch, kept by the provider where its API allows (OpenAI metadata)
   */
  BatchReply<BatchState> create(List<byte[]> items, String token);

  /** The batch as it stands now. */
  BatchReply<BatchState> retrieve(String id);

  /** Batches created at or after {@code since}, newest first, for finding one whose create answer was lost. */
  BatchReply<List<BatchState>> createdSince(Instant since);

  /**
   * Streams the results of an ended batch, in the provider's order (any order: match them by custom id).
   *
   * @param each receives every item's result, on the calling thread
   */
  BatchReply<Long> results(BatchState ended, Consumer<ItemResult> each);

  /** Asks the provider to stop the batch; items already done keep their results. */
  BatchReply<BatchState> cancel(String id);

  @Override
  default void close() {}
}
