package io.datasynth.api;

import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.ProviderKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps a client and notes, on the client's side, when each request left and when each retry-after had reached the
 * caller, so a test can check that no request was sent while a retry-after the caller had already seen was running.
 */
final class RecordingClient implements LlmClient {
  private final LlmClient delegate;
  private final List<Long> sent = new ArrayList<>();
  private final List<long[]> waits = new ArrayList<>();

  RecordingClient(LlmClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<CallResult> call(LlmRequest request) {
    synchronized (this) {
      sent.add(System.nanoTime());
    }
    CompletableFuture<CallResult> result = new CompletableFuture<>();
    delegate.call(request).whenComplete((r, e) -> {
      if (e != null) {
        result.completeExceptionally(e);
        return;
      }
      // The caller's own handling runs inside complete(): the wait binds from when the caller has seen the reply
      // until retry-after has passed since it arrived.
      long arrived = System.nanoTime();
      result.complete(r);
      if (r instanceof CallResult.RateLimited rl && rl.retryAfter() != null) {
        long seen = System.nanoTime();
        synchronized (this) {
          waits.add(new long[] {seen, arrived + rl.retryAfter().toNanos()});
        }
      }
    });
    return result;
  }

  /** Requests sent after a retry-after reached the client and before it had elapsed. */
  synchronized long sentDuringRetryAfter() {
    return sent.stream().filter(t -> waits.stream().anyMatch(w -> t >= w[0] && t < w[1])).count();
  }

  synchronized int rateLimited() {
    return waits.size();
  }

  @Override
  public ProviderKind kind() {
    return delegate.kind();
  }

  @Override
  public String model() {
    return delegate.model();
  }

  @Override
  public String endpoint() {
    return delegate.endpoint();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
