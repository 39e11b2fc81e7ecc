package io.datasynth.schedule;

import io.datasynth.engine.EndpointStats;
import io.datasynth.provider.LlmClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One endpoint as the scheduler drives it: its client, and what is learned separately for each endpoint of a
 * fleet (the rate limiter, the input-token calibration, the concurrency window, the circuit breaker) with its
 * counts. Not thread-safe apart from {@link #waitHint} and {@link #sendGate}: owned by the scheduler's thread.
 */
final class Lane {
  final int index;
  final LlmClient client;
  final int weight;
  final RateLimiter limiter = new RateLimiter();
  final InputCalibration calibration = new InputCalibration();
  final ConcurrencyWindow window;
  /** Null for a single endpoint, which is never taken out: there is nowhere else to send. */
  final CircuitBreaker breaker;
  /** The latest time a reply, perhaps still queued, asked us to wait until; written by HTTP threads. */
  final AtomicLong waitHint = new AtomicLong(Long.MIN_VALUE);
  /** Held while a call is checked against {@link #waitHint} and sent, and while a reply raises it. */
  final Object sendGate = new Object();
  long typicalLatency = Duration.ofSeconds(1).toNanos();
  int inFlight;
  /** Whether a trial request after a time out is on the wire. */
  boolean trialInFlight;
  long requestsSent;
  long replies;
  long rateLimited;
  long failures;
  long latencyNanos;

  /** @param fixedWindow whether the window is always {@code maxConcurrency}: for batches, see the builder */
  Lane(int index, LlmClient client, int weight, int maxConcurrency, boolean breaker, boolean fixedWindow) {
    this.index = index;
    this.client = client;
    this.weight = weight;
    this.window = fixedWindow ? ConcurrencyWindow.fixed(maxConcurrency) : new ConcurrencyWindow(maxConcurrency);
    this.breaker = breaker ? new CircuitBreaker() : null;
  }

  /** Requests the window lets this endpoint take now; 0 while it is out of service or its trial is out. */
  int room(long now) {
    if (breaker != null) {
      CircuitBreaker.Verdict v = breaker.verdict(now);
      if (v instanceof CircuitBreaker.Verdict.Open) {
        return 0;
      }
      if (v instanceof CircuitBreaker.Verdict.Trial) {
        return trialInFlight || inFlight > 0 ? 0 : 1;
      }
    }
    return Math.max(0, window.size() - inFlight);
  }

  /** When a time out ends, or {@code Long.MAX_VALUE} when the endpoint is in service. */
  long backAt(long now) {
    return breaker != null && breaker.verdict(now) instanceof CircuitBreaker.Verdict.Open o ? o.until()
        : Long.MAX_VALUE;
  }

  /** The load that decides which endpoint gets the next call: requests in flight per unit of weight. */
  double load() {
    return (inFlight + 1.0) / weight;
  }

  /** What a call reserves against this endpoint's limits. */
  Cost cost(Call c) {
    return new Cost(1, calibration.calibrated(c.promptTokens()), c.request().maxTokens());
  }

  EndpointStats stats(long now) {
    return new EndpointStats(client.endpoint(), weight, requestsSent, replies, rateLimited, failures,
        breaker == null ? 0 : breaker.timesOut(), breaker != null && breaker.isOpen(),
        Duration.ofNanos(replies == 0 ? 0 : latencyNanos / replies));
  }
}
