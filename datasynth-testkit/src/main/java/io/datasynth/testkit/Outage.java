package io.datasynth.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A stretch of time in which the fake fails every request, to test circuit breakers: from the K-th request (or a
 * time after the fake started, on its clock) for a while or for good, answering with 500, 529 (503 in OpenAI
 * style), a closed connection, or no listener at all (connection refused). Immutable.
 *
 * <pre>{@code
 * Outage.afterRequests(100).lasting(Duration.ofSeconds(30)).as(Outage.Kind.CONNECTION_REFUSED)
 * Outage.between(Duration.ofMinutes(1), Duration.ofMinutes(2))   // 500s in the second minute
 * }</pre>
 */
public final class Outage {
  /** How the fake fails during an outage. */
  public enum Kind {
    /** 500 {@code api_error} / {@code server_error}. */
    SERVER_ERROR,
    /** 529 {@code overloaded_error} (503 in OpenAI style). */
    OVERLOADED,
    /** The connection is closed without a response. */
    CONNECTION_RESET,
    /** The fake stops listening: new connections are refused until the outage ends. */
    CONNECTION_REFUSED
  }

  private final long afterRequests;
  private final Duration from;
  private final Duration lasting;
  private final Kind kind;

  private Outage(long afterRequests, Duration from, Duration lasting, Kind kind) {
    this.afterRequests = afterRequests;
    this.from = from;
    this.lasting = lasting;
    this.kind = kind;
  }

  /**
   * An outage that starts with the request of arrival index {@code k} (from 0, all HTTP requests counted) and lasts
   * for good unless {@link #lasting} says otherwise; 500s unless {@link #as} says otherwise.
   */
  public static Outage afterRequests(long k) {
    if (k < 0) {
      throw new IllegalArgumentException("outage afterRequests is " + k + "; use 0 or more (--outage-after)");
    }
    return new Outage(k, null, null, Kind.SERVER_ERROR);
  }

  /** An outage from {@code from} until {@code until} after the fake started, on its clock; 500s by default. */
  public static Outage between(Duration from, Duration until) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (from.isNegative() || until.compareTo(from) <= 0) {
      throw new IllegalArgumentException("outage from " + from + " until " + until + "; give 0 <= from < until"
          + " (--outage-from-ms, --outage-until-ms)");
    }
    return new Outage(-1, from, until.minus(from), Kind.SERVER_ERROR);
  }

  /** This outage ending {@code duration} after it started (on the fake's clock). */
  public Outage lasting(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("outage duration is " + duration + "; give a positive duration"
          + " (--outage-ms)");
    }
    return new Outage(afterRequests, from, duration, kind);
  }

  /** This outage failing requests as {@code kind}. */
  public Outage as(Kind kind) {
    return new Outage(afterRequests, from, lasting, Objects.requireNonNull(kind, "kind"));
  }

  /** The arrival index that starts it; -1 when it starts at a time. */
  public long afterRequests() {
    return afterRequests;
  }

  /** When it starts after the fake started; null when a request count starts it. */
  public Duration from() {
    return from;
  }

  /** How long it lasts; null for good. */
  public Duration lasting() {
    return lasting;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return "Outage[" + (from != null ? "from " + from : "after request #" + afterRequests)
        + (lasting != null ? " for " + lasting : " for good") + ", " + kind + "]";
  }
}
