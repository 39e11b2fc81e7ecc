package io.datasynth.provider;

import java.util.concurrent.CompletableFuture;

/**
 * A chat model behind an HTTP API. Implementations are thread-safe and never retry on their own: every outcome,
 * including rate limits and server errors, comes back as a {@link CallResult} for the engine to decide on.
 */
public interface LlmClient extends AutoCloseable {

  /**
   * Sends one request.
   *
   * @return a future that completes normally with the classified outcome; it completes exceptionally only on a
   *     bug, and cancelling it aborts the HTTP exchange
   */
  CompletableFuture<CallResult> call(LlmRequest request);

  /** Which wire format this client speaks. */
  ProviderKind kind();

  /** The model id sent with every request. */
  String model();

  /** Where requests go, e.g. {@code https://api.anthropic.com/v1/messages}; never contains a key. */
  String endpoint();

  @Override
  default void close() {}
}
