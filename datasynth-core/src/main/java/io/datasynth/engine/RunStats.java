package io.datasynth.engine;

import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a run's counts, for progress lines and the run report.
 *
 * @param target records asked for
 * @param accepted records delivered so far, including those resumed from a journal or already in the output
 * @param resumed records the run found delivered when it started
 * @param received records and unparseable fragments the replies of this run brought
 * @param rejected records this run did not deliver, by reason (surplus included under its own code)
 * @param invalidByRule invalid records by the rule they broke first
 * @param requestsSent HTTP requests sent by this run, retries included
 * @param replies replies received
 * @param retries retries scheduled
 * @param failedCalls calls given up after their retries ran out
 * @param rateLimited 429 answers
 * @param failures transient failures by kind
 * @param truncatedReplies replies cut off at their output limit
 * @param cutOffBeforeText replies whose output limit ran out before any visible text
 * @param usage tokens billed, including the runs this one resumed
 * @param costUsd what the usage cost, or null when the model has no price
 * @param elapsed wall time of this run
 * @param inFlight requests in flight now
 * @param endpoints what each endpoint did, in the order given (one entry without a fleet)
 */
public record RunStats(
    int target,
    long accepted,
    long resumed,
    long received,
    Map<RejectReason.Code, Long> rejected,
    Map<String, Long> invalidByRule,
    long requestsSent,
    long replies,
    long retries,
    long failedCalls,
    long rateLimited,
    Map<String, Long> failures,
    long truncatedReplies,
    long cutOffBeforeText,
    Usage usage,
    Double costUsd,
    Duration elapsed,
    int inFlight,
    List<EndpointStats> endpoints) {

  /** Counts without a per-endpoint breakdown. */
  public RunStats(int target, long accepted, long resumed, long received, Map<RejectReason.Code, Long> rejected,
      Map<String, Long> invalidByRule, long requestsSent, long replies, long retries, long failedCalls,
      long rateLimited, Map<String, Long> failures, long truncatedReplies, long cutOffBeforeText, Usage usage,
      Double costUsd, Duration elapsed, int inFlight) {
    this(target, accepted, resumed, received, rejected, invalidByRule, requestsSent, replies, retries, failedCalls,
        rateLimited, failures, truncatedReplies, cutOffBeforeText, usage, costUsd, elapsed, inFlight, List.of());
  }

  public RunStats {
    endpoints = List.copyOf(endpoints);
    rejected = rejected.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(rejected));
    invalidByRule = Map.copyOf(invalidByRule);
    failures = Map.copyOf(failures);
  }

  /** Records delivered by this run per second of its wall time. */
  public double recordsPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : (accepted - resumed) / s;
  }

  /** Records rejected: every reason but surplus, which is valid and only not needed. */
  public long rejectedTotal() {
    return rejected.entrySet().stream().filter(e -> e.getKey().isRejection()).mapToLong(Map.Entry::getValue).sum();
  }

  /** Valid records beyond the number asked for, kept in the rejects file for a later top-up. */
  public long surplus() {
    return rejected.getOrDefault(RejectReason.Code.SURPLUS, 0L);
  }
}
