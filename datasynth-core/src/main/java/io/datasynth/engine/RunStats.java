package io.datasynth.engine;

import io.datasynth.provider.Usage;
import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of a run's counts, for progress lines, the summary and the output's metadata.
 *
 * @param target records asked for
 * @param accepted records accepted (valid, unique, journaled), including those resumed from a journal
 * @param resumed records found in the journal when the run started
 * @param requestsSent HTTP requests sent by this run, retries included
 * @param replies replies received and parsed
 * @param retries retries scheduled
 * @param failedBatches batches given up after their retries ran out
 * @param rateLimited 429 answers
 * @param failures transient failures by kind (server error, overloaded, timeout, …)
 * @param rejected records dropped, by reason: invalid, duplicate, near_duplicate, malformed, not_an_object,
 *     truncated, surplus
 * @param invalidByRule invalid records by the rule they broke first
 * @param truncatedReplies replies cut off at max_tokens
 * @param cutOffBeforeText replies whose output limit ran out before any visible text (spent reasoning, or too
 *     small for one record)
 * @param usage tokens the provider billed, including runs this one resumed
 * @param costUsd what the usage cost, or null when the model has no price
 * @param elapsed wall time of this run
 * @param inFlight requests in flight now
 */
public record RunStats(
    int target,
    long accepted,
    long resumed,
    long requestsSent,
    long replies,
    long retries,
    long failedBatches,
    long rateLimited,
    Map<String, Long> failures,
    Map<String, Long> rejected,
    Map<String, Long> invalidByRule,
    long truncatedReplies,
    long cutOffBeforeText,
    Usage usage,
    Double costUsd,
    Duration elapsed,
    int inFlight) {

  public RunStats {
    failures = Map.copyOf(failures);
    rejected = Map.copyOf(rejected);
    invalidByRule = Map.copyOf(invalidByRule);
  }

  /** Records accepted by this run per second of its wall time. */
  public double recordsPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : (accepted - resumed) / s;
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
