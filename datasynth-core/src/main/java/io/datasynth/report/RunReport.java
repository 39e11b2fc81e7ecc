package io.datasynth.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.Spending;
import io.datasynth.engine.RunOutcome;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run of an output did, across all its runs: the one value the terminal summary, the output's
 * metadata, the MCP result and {@code --json} are rendered from.
 *
 * @param outcome how the last run ended
 * @param target records asked for
 * @param delivered records in the output now
 * @param surplus valid records beyond the target, kept in the rejects file
 * @param runs every run of the output, oldest first; the last is this one
 * @param deliveredBySettings delivered records by the fingerprint of the prompt settings that made them
 * @param invalidByRule invalid records by the rule they broke first, over all runs
 * @param samples a few rejected records, for people to look at
 * @param files where the output and the files beside it are
 * @param fieldStats per-field statistics of the output; null unless asked for
 * @param plan the diversity plan and how far the delivered records cover it; null when the run had no plan
 */
public record RunReport(RunOutcome outcome, int target, long delivered, long surplus, List<RunSummary> runs,
    Map<String, Long> deliveredBySettings, Map<String, Long> invalidByRule, List<RejectedSample> samples,
    Files files, ObjectNode fieldStats, PlanReport plan) {

  /** How many rejected records a report keeps as examples. */
  public static final int SAMPLES = 10;

  public RunReport {
    runs = List.copyOf(runs);
    deliveredBySettings = Map.copyOf(deliveredBySettings);
    invalidByRule = Map.copyOf(invalidByRule);
    samples = List.copyOf(samples);
  }

  /** A report of a run without a diversity plan. */
  public RunReport(RunOutcome outcome, int target, long delivered, long surplus, List<RunSummary> runs,
      Map<String, Long> deliveredBySettings, Map<String, Long> invalidByRule, List<RejectedSample> samples,
      Files files, ObjectNode fieldStats) {
    this(outcome, target, delivered, surplus, runs, deliveredBySettings, invalidByRule, samples, files, fieldStats,
        null);
  }

  /**
   * A run's diversity plan with its coverage, as JSON (the shapes are documented in the README's Diversity plans
   * section).
   *
   * @param plan the axes, their values and weights
   * @param coverage targets and delivered counts per value, with the largest deviation
   * @param seedRegions which seeds the delivered records resemble most; null without seed guidance
   */
  public record PlanReport(ObjectNode plan, ObjectNode coverage, ObjectNode seedRegions) {}

  /** What the rubric judge did over all runs, or null when no run judged. */
  public JudgeSummary judge() {
    return JudgeSummary.total(runs.stream().map(RunSummary::judge).filter(java.util.Objects::nonNull).toList());
  }

  /**
   * One rejected record, as shown to people.
   *
   * @param text the record or fragment as JSON text, cut short
   */
  public record RejectedSample(RejectReason reason, String text) {}

  /**
   * The files of the run; each null when there is none.
   *
   * @param journal the journal kept for resuming; null when the run completed (it is deleted)
   */
  public record Files(Path output, Path rejects, Path journal, Path stats, Path report) {}

  /** Whether exactly the requested number of records is in the output. */
  public boolean complete() {
    return delivered >= target;
  }

  /** The last run: this one. */
  public RunSummary thisRun() {
    return runs.get(runs.size() - 1);
  }

  /** What each endpoint of a fleet did in this run; empty when it sent to one endpoint. */
  public List<io.datasynth.engine.EndpointStats> endpoints() {
    return thisRun().endpoints();
  }

  /** Tokens billed over all runs. */
  public Usage usage() {
    return runs.stream().map(RunSummary::usage).reduce(Usage.ZERO, Usage::plus);
  }

  /** What all runs cost, or null when a run's model has no price. */
  public Double costUsd() {
    double sum = 0;
    for (RunSummary r : runs) {
      if (r.costUsd() != null) {
        sum += r.costUsd();
      } else if (r.usage().totalTokens() > 0) {
        return null;
      }
    }
    return sum;
  }

  /** Tokens by purpose and billing over all runs. */
  public Spending spending() {
    return runs.stream().map(RunSummary::spending).reduce(Spending.NONE, Spending::plus);
  }

  /** What all runs' tokens would have cost online, or null when a run's model has no price. */
  public Double costOnlineUsd() {
    return sum(RunSummary::costOnlineUsd);
  }

  /** What all runs' tokens would have cost had nothing been cached, or null when a run's model has no price. */
  public Double costUncachedUsd() {
    return sum(RunSummary::costUncachedUsd);
  }

  /** What all runs' repair requests cost, or null when a run's model has no price. */
  public Double costRepairUsd() {
    return sum(RunSummary::costRepairUsd);
  }

  private Double sum(java.util.function.Function<RunSummary, Double> part) {
    double sum = 0;
    for (RunSummary r : runs) {
      Double v = part.apply(r);
      if (v != null) {
        sum += v;
      } else if (r.usage().totalTokens() > 0) {
        return null;
      }
    }
    return sum;
  }

  /** Requests over all runs. */
  public long requests() {
    return runs.stream().mapToLong(RunSummary::requests).sum();
  }

  /** Wall time over all runs. */
  public Duration elapsed() {
    return runs.stream().map(RunSummary::elapsed).reduce(Duration.ZERO, Duration::plus);
  }

  /** Records not delivered over all runs, by reason (surplus under its own code). */
  public Map<RejectReason.Code, Long> rejected() {
    Map<RejectReason.Code, Long> m = new EnumMap<>(RejectReason.Code.class);
    runs.forEach(r -> r.rejected().forEach((k, v) -> m.merge(k, v, Long::sum)));
    return m;
  }

  /** Records rejected over all runs, surplus not included. */
  public long rejectedTotal() {
    return rejected().entrySet().stream().filter(e -> e.getKey().isRejection()).mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Records and fragments received over all runs. */
  public long received() {
    return runs.stream().mapToLong(RunSummary::received).sum();
  }
}
