package io.datasynth.generate;

import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.RateLimits;
import io.datasynth.provider.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * A provider in simulated time for engine unit tests: fixed latency, an optional requests-per-minute token bucket
 * that answers 429 with retry-after like a real provider and, like the fake provider, reports what remains when it
 * answers; scripted replies and faults per request, and an optional delay before each request arrives.
 */
final class SimulatedProvider implements LlmClient {
  /** One request as the provider saw it. */
  record Sent(long at, LlmRequest request) {}

  private final SimulatedClock clock;
  private long latency = Duration.ofSeconds(1).toNanos();
  private long rpm;
  private double burst;
  private double level;
  private long levelAt;
  private boolean headers = true;
  private BiFunction<Integer, LlmRequest, String> replies = (i, r) -> SimulatedReplies.unique(i, 5);
  private IntFunction<CallResult> faults = i -> null;
  private IntFunction<Duration> transit = i -> Duration.ZERO;
  private IntFunction<Duration> jitter = i -> Duration.ZERO;
  private final List<Sent> sent = new ArrayList<>();
  private long retryAfterUntil = Long.MIN_VALUE;
  private int earlyRetries;
  private int rateLimited;

  SimulatedProvider(SimulatedClock clock) {
    this.clock = clock;
  }

  SimulatedProvider latency(Duration d) {
    latency = d.toNanos();
    return this;
  }

  /** Enforces a requests-per-minute limit with a bucket of {@code burst} requests. */
  SimulatedProvider rpm(long limit, double burstSize) {
    rpm = limit;
    burst = burstSize;
    level = burstSize;
    levelAt = clock.nanoTime();
    return this;
  }

  SimulatedProvider headers(boolean on) {
    headers = on;
    return this;
  }

  SimulatedProvider replies(BiFunction<Integer, LlmRequest, String> f) {
    replies = f;
    return this;
  }

  /** A fault for request i (0-based), or null to answer normally. */
  SimulatedProvider faults(IntFunction<CallResult> f) {
    faults = f;
    return this;
  }

  /** Latency added to the reply to request i (0-based). */
  SimulatedProvider jitter(IntFunction<Duration> f) {
    jitter = f;
    return this;
  }

  /** How long request i (0-based) takes to reach the provider, which counts it against the limit on arrival. */
  SimulatedProvider transit(IntFunction<Duration> f) {
    transit = f;
    return this;
  }

  List<Sent> sent() {
    return sent;
  }

  int earlyRetries() {
    return earlyRetries;
  }

  int rateLimited() {
    return rateLimited;
  }

  @Override
  public CompletableFuture<CallResult> call(LlmRequest request) {
    int index = sent.size();
    long now = clock.nanoTime();
    sent.add(new Sent(now, request));
    if (now < retryAfterUntil) {
      earlyRetries++;
    }
    CompletableFuture<CallResult> f = new CompletableFuture<>();
    long delay = transit.apply(index).toNanos();
    if (delay > 0) {
      clock.schedule(delay, () -> arrive(index, request, f));
    } else {
      arrive(index, request, f);
    }
    return f;
  }

  private void arrive(int index, LlmRequest request, CompletableFuture<CallResult> f) {
    long now = clock.nanoTime();
    CallResult fault = faults.apply(index);
    if (fault != null) {
      clock.schedule(latency / 10, () -> {
        if (fault instanceof CallResult.RateLimited rl && rl.retryAfter() != null) {
          announce(rl.retryAfter());
        }
        f.complete(fault);
      });
      return;
    }
    if (rpm > 0) {
      refill(now);
      if (level < 1) {
        rateLimited++;
        long wait = (long) Math.ceil((1 - level) * 60e9 / rpm);
        Duration retryAfter = Duration.ofSeconds(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L));
        RateLimits limits = limits(0);
        clock.schedule(Duration.ofMillis(5).toNanos(), () -> {
          announce(retryAfter);
          f.complete(new CallResult.RateLimited(retryAfter, "rate_limit_error: too many requests", limits));
        });
        return;
      }
      level -= 1;
    }
    String text = replies.apply(index, request);
    long took = latency + jitter.apply(index).toNanos();
    clock.schedule(took, () -> {
      refill(clock.nanoTime());
      Usage usage = new Usage(request.user().length() / 4, Math.max(1, text.length() / 4), 0, 0, 0);
      f.complete(new CallResult.Completed(text, usage, false, false, limits((long) Math.floor(level)),
          Duration.ofNanos(took)));
    });
  }

  /** A retry-after counts from when the client receives it. */
  private void announce(Duration retryAfter) {
    retryAfterUntil = Math.max(retryAfterUntil, clock.nanoTime() + retryAfter.toNanos());
  }

  private void refill(long now) {
    level = Math.min(burst, level + (now - levelAt) * rpm / 60e9);
    levelAt = now;
  }

  private RateLimits limits(long remaining) {
    if (!headers || rpm == 0) {
      return RateLimits.NONE;
    }
    Duration reset = Duration.ofNanos((long) ((burst - remaining) * 60e9 / rpm));
    return new RateLimits(Map.of(RateLimits.Dimension.REQUESTS,
        new RateLimits.Limit(rpm, Math.max(0, remaining), reset)));
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.ANTHROPIC;
  }

  @Override
  public String model() {
    return "claude-sonnet-5-5";
  }

  @Override
  public String endpoint() {
    return "simulated";
  }
}
