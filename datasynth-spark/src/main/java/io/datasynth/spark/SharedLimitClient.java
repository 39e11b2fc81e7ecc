package io.datasynth.spark;

import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.RateLimits;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A client for one of several tasks that share a provider limit (one key, one endpoint): it shows its task's
 * scheduler only its share of every limit the rate-limit headers report, so each task's rate limiter paces itself
 * to its share and together they stay under the whole. Replies are otherwise passed on as they are; cancelling a
 * call cancels the exchange underneath. Thread-safe.
 */
final class SharedLimitClient implements LlmClient {
  private final LlmClient delegate;
  private final double share;

  /** @param share this task's part of each limit, above 0 and at most 1 */
  SharedLimitClient(LlmClient delegate, double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share " + share);
    }
    this.delegate = delegate;
    this.share = share;
  }

  @Override
  public CompletableFuture<CallResult> call(LlmRequest request) {
    CompletableFuture<CallResult> sent = delegate.call(request);
    if (share == 1) {
      return sent;
    }
    CompletableFuture<CallResult> seen = sent.thenApply(this::scale);
    seen.whenComplete((r, e) -> {
      if (seen.isCancelled()) {
        sent.cancel(true);
      }
    });
    return seen;
  }

  /** A result as this task sees it: every limit and what remains of it cut to the share. */
  CallResult scale(CallResult r) {
    if (r instanceof CallResult.Completed c) {
      return new CallResult.Completed(c.text(), c.usage(), c.truncated(), c.reasoned(), scale(c.limits()),
          c.latency());
    }
    if (r instanceof CallResult.RateLimited l) {
      return new CallResult.RateLimited(l.retryAfter(), l.message(), scale(l.limits()));
    }
    if (r instanceof CallResult.Transient t) {
      return new CallResult.Transient(t.kind(), t.status(), t.message(), t.retryAfter(), scale(t.limits()));
    }
    return r;
  }

  private RateLimits scale(RateLimits limits) {
    if (limits.isEmpty()) {
      return limits;
    }
    Map<RateLimits.Dimension, RateLimits.Limit> scaled = new EnumMap<>(RateLimits.Dimension.class);
    limits.limits().forEach((d, l) -> scaled.put(d, new RateLimits.Limit(Math.max(1, (long) (l.limit() * share)),
        (long) Math.floor(l.remaining() * share), l.resetIn())));
    return new RateLimits(scaled);
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
