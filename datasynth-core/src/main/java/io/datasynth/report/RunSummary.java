package io.datasynth.report;

import io.datasynth.cost.Billing;
import io.datasynth.cost.Purpose;
import io.datasynth.cost.Spending;
import io.datasynth.engine.EndpointStats;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of an output did: a generation run, a resumed part of one, or a {@code parse} of a pasted reply.
 *
 * @param run its number among the output's runs, from 1
 * @param origin {@code api} or {@code interactive}
 * @param settings the fingerprint of its prompt settings
 * @param startedAt when it began; null when unknown
 * @param elapsed its wall time; zero when unknown (a run killed on the way)
 * @param requests requests sent, retries included (replies only, for a run killed on the way)
 * @param received records and unparseable fragments its replies brought
 * @param delivered records it delivered
 * @param rejected records it did not deliver, by reason, surplus included
 * @param costUsd what its usage cost, or null when the model has no price
 * @param ended whether it ended on its own (false for one killed on the way)
 * @param spending its tokens by purpose and billing (generation, repairs and the judge, online and batch)
 * @param costOnlineUsd what the same tokens would have cost online; null when the model has no price
 * @param costUncachedUsd what they would have cost had nothing been cached; null when the model has no price
 * @param costRepairUsd what its repair requests cost; null when the model has no price
 * @param judge what the rubric judge did in it (its usage and cost are part of {@code usage} and {@code costUsd});
 *     null when it judged nothing
 * @param endpoints what each endpoint of a fleet did in it, in the order they were given; empty for a run that sent
 *     to one endpoint, and for runs whose summary was read back from a journal
 */
public record RunSummary(int run, String origin, String provider, String model, String settings, Instant startedAt,
    Duration elapsed, long requests, long replies, long retries, long rateLimited, Map<String, Long> failures,
    Usage usage, Double costUsd, long received, long delivered, Map<RejectReason.Code, Long> rejected,
    boolean ended, Spending spending, Double costOnlineUsd, Double costUncachedUsd, Double costRepairUsd,
    JudgeSummary judge, List<EndpointStats> endpoints) {

  public RunSummary {
    failures = Map.copyOf(failures);
    rejected = rejected.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(rejected));
    spending = spending == null ? Spending.NONE : spending;
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  /** A run that sent to one endpoint. */
  public RunSummary(int run, String origin, String provider, String model, String settings, Instant startedAt,
      Duration elapsed, long requests, long replies, long retries, long rateLimited, Map<String, Long> failures,
      Usage usage, Double costUsd, long received, long delivered, Map<RejectReason.Code, Long> rejected,
      boolean ended, Spending spending, Double costOnlineUsd, Double costUncachedUsd, Double costRepairUsd,
      JudgeSummary judge) {
    this(run, origin, provider, model, settings, startedAt, elapsed, requests, replies, retries, rateLimited,
        failures, usage, costUsd, received, delivered, rejected, ended, spending, costOnlineUsd, costUncachedUsd,
        costRepairUsd, judge, List.of());
  }

  /** A run without a judge whose tokens were all generation requests billed online. */
  public RunSummary(int run, String origin, String provider, String model, String settings, Instant startedAt,
      Duration elapsed, long requests, long replies, long retries, long rateLimited, Map<String, Long> failures,
      Usage usage, Double costUsd, long received, long delivered, Map<RejectReason.Code, Long> rejected,
      boolean ended) {
    this(run, origin, provider, model, settings, startedAt, elapsed, requests, replies, retries, rateLimited,
        failures, usage, costUsd, received, delivered, rejected, ended,
        Spending.NONE.plus(Purpose.GENERATE, Billing.ONLINE, usage, replies), costUsd, costUsd,
        costUsd == null ? null : 0.0);
  }

  /** A run without a judge. */
  public RunSummary(int run, String origin, String provider, String model, String settings, Instant startedAt,
      Duration elapsed, long requests, long replies, long retries, long rateLimited, Map<String, Long> failures,
      Usage usage, Double costUsd, long received, long delivered, Map<RejectReason.Code, Long> rejected,
      boolean ended, Spending spending, Double costOnlineUsd, Double costUncachedUsd, Double costRepairUsd) {
    this(run, origin, provider, model, settings, startedAt, elapsed, requests, replies, retries, rateLimited,
        failures, usage, costUsd, received, delivered, rejected, ended, spending, costOnlineUsd, costUncachedUsd,
        costRepairUsd, null);
  }

  /** Records rejected, surplus not included. */
  public long rejectedTotal() {
    return rejected.entrySet().stream().filter(e -> e.getKey().isRejection()).mapToLong(Map.Entry::getValue).sum();
  }
}
