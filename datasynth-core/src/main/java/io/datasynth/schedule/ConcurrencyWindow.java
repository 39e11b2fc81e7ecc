package io.datasynth.schedule;

/**
 * How many requests may be in flight: one until the first reply (a probe that learns the limits), then the cap
 * when the provider sends rate-limit headers (the limiter paces), and otherwise an additive-increase /
 * multiplicative-decrease window driven by errors and the time per output token, for local servers that signal
 * saturation by slowing down. Until the first sign of overload the window grows by one per reply (doubling every
 * round trip, like TCP's slow start), so it finds the server's capacity in a few round trips rather than tens.
 * Not thread-safe: owned by the engine thread.
 */
final class ConcurrencyWindow {
  private static final double START = 2;
  private static final double SLOWDOWN = 2.0;

  private final int cap;
  private boolean fixed;
  private double size = 1;
  private boolean probing = true;
  private boolean headerPaced;
  private boolean slowStart = true;
  private double bestNanosPerToken = Double.MAX_VALUE;
  private long lastDecreaseAt = Long.MIN_VALUE;

  ConcurrencyWindow(int cap) {
    this.cap = cap;
  }

  /** A window that is always {@code cap}: for batches, whose results come hours later and say nothing of load. */
  static ConcurrencyWindow fixed(int cap) {
    ConcurrencyWindow w = new ConcurrencyWindow(cap);
    w.fixed = true;
    w.probing = false;
    w.size = cap;
    return w;
  }

  /** The number of requests allowed in flight now, at least 1. */
  int size() {
    return probing ? 1 : Math.max(1, Math.min(cap, (int) Math.floor(size)));
  }

  /** A reply arrived; {@code nanosPerToken} is its latency per output token (0 when unknown). */
  void onSuccess(boolean rateLimitHeaders, double nanosPerToken, long now, long typicalLatency) {
    if (fixed) {
      return;
    }
    if (probing) {
      probing = false;
      size = Math.min(cap, START);
    }
    headerPaced = rateLimitHeaders;
    if (headerPaced) {
      size = cap;
      return;
    }
    if (nanosPerToken > 0) {
      bestNanosPerToken = Math.min(bestNanosPerToken, nanosPerToken);
      if (nanosPerToken > SLOWDOWN * bestNanosPerToken) {
        decrease(0.75, now, typicalLatency);
        return;
      }
    }
    size = Math.min(cap, size + (slowStart ? 1 : 1 / Math.max(1, size)));
  }

  /** The server pushed back (429, 503/529, timeout): halve the window, once per round trip. */
  void onOverload(long now, long typicalLatency) {
    if (fixed) {
      return;
    }
    probing = false;
    decrease(0.5, now, typicalLatency);
  }

  private void decrease(double factor, long now, long typicalLatency) {
    // Replies already on the wire report the same overload; count it once per round trip.
    if (lastDecreaseAt != Long.MIN_VALUE && now - lastDecreaseAt < typicalLatency) {
      return;
    }
    lastDecreaseAt = now;
    slowStart = false;
    size = Math.max(1, size * factor);
    if (headerPaced) {
      // The limiter keeps the pace; the window only recovers gradually after an overload.
      headerPaced = false;
    }
  }
}
