package io.datasynth.testkit;

/** Decides, per request and over time, whether the fake's {@link Outage} is on. Thread-safe. */
final class OutageClock {
  private final Outage outage;
  private final long startNanos;
  private Long triggeredNanos;

  OutageClock(Outage outage, long startNanos) {
    this.outage = outage;
    this.startNanos = startNanos;
  }

  /** How request {@code sequence} arriving at {@code nowNanos} fails; null when it does not. */
  synchronized Outage.Kind failing(long sequence, long nowNanos) {
    if (outage == null) {
      return null;
    }
    if (outage.from() == null && triggeredNanos == null && sequence >= outage.afterRequests()) {
      triggeredNanos = nowNanos;
    }
    return on(nowNanos) ? outage.kind() : null;
  }

  /** Whether the outage is on at {@code nowNanos} (for a request-count outage: once triggered). */
  synchronized boolean on(long nowNanos) {
    if (outage == null) {
      return false;
    }
    long begin = outage.from() != null ? startNanos + outage.from().toNanos()
        : triggeredNanos != null ? triggeredNanos : Long.MAX_VALUE;
    if (nowNanos < begin) {
      return false;
    }
    return outage.lasting() == null || nowNanos < begin + outage.lasting().toNanos();
  }

  boolean refuses() {
    return outage != null && outage.kind() == Outage.Kind.CONNECTION_REFUSED;
  }
}
