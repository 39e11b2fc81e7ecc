package io.datasynth.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.datasynth.api.GenerationSlice;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.cost.ModelPrice;
import io.datasynth.engine.RunOutcome;
import io.datasynth.json.Json;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import io.datasynth.report.RunReport;
import io.datasynth.report.RunReportJson;
import io.datasynth.report.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole job as one run of its output: the runs of every partition (every task attempt that journaled anything,
 * killed ones included) added up, with the duplicates removed across partitions and the records left over beyond
 * N counted among the rejected, so that what was received is what was delivered plus what was not.
 */
final class JobSummary {
  private final SynthesisConfig config;
  private final String settings;
  private final Instant startedAt;
  private final Duration elapsed;
  private long requests;
  private long replies;
  private long retries;
  private long rateLimited;
  private final Map<String, Long> failures = new LinkedHashMap<>();
  private Usage usage = Usage.ZERO;
  private long received;
  private final Map<RejectReason.Code, Long> rejected = new EnumMap<>(RejectReason.Code.class);
  private final Map<String, Long> invalid = new LinkedHashMap<>();

  private JobSummary(SynthesisConfig config, String settings, Instant startedAt, Duration elapsed) {
    this.config = config;
    this.settings = settings;
    this.startedAt = startedAt;
    this.elapsed = elapsed;
  }

  /** The partitions' runs added up, from the last round's outputs (each holds all its partition's runs). */
  static JobSummary of(List<SliceOutput> outputs, SynthesisConfig config, String settings, Instant startedAt,
      Duration elapsed) {
    JobSummary s = new JobSummary(config, settings, startedAt, elapsed);
    for (SliceOutput o : outputs) {
      for (String run : o.runs()) {
        s.add(parse(run));
      }
      o.invalidByRule().forEach((k, v) -> s.invalid.merge(k, v, Long::sum));
    }
    return s;
  }

  /** The requests of one run as {@link RunReportJson#run} wrote it. */
  static long requests(String run) {
    return parse(run).requests();
  }

  private static RunSummary parse(String run) {
    try {
      return RunReportJson.parseRun(Json.mapper().readTree(run));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a partition's run summary is JSON the job wrote itself", e);
    }
  }

  private void add(RunSummary r) {
    requests += r.requests();
    replies += r.replies();
    retries += r.retries();
    rateLimited += r.rateLimited();
    r.failures().forEach((k, v) -> failures.merge(k, v, Long::sum));
    usage = usage.plus(r.usage());
    received += r.received();
    r.rejected().forEach((k, v) -> rejected.merge(k, v, Long::sum));
  }

  /**
   * The job's report.
   *
   * @param delivered records in the output
   * @param surplus records kept after deduplication beyond {@code target}
   * @param exactDrops records dropped as exact duplicates of another partition's
   * @param nearDrops records dropped as near duplicates of another partition's
   */
  RunReport report(RunOutcome outcome, int target, long delivered, long surplus, long exactDrops, long nearDrops,
      String promptFingerprint) {
    Map<RejectReason.Code, Long> all = new EnumMap<>(rejected);
    all.merge(RejectReason.Code.DUPLICATE, exactDrops, Long::sum);
    all.merge(RejectReason.Code.NEAR_DUPLICATE, nearDrops, Long::sum);
    all.merge(RejectReason.Code.SURPLUS, surplus, Long::sum);
    all.values().removeIf(v -> v == 0);
    ModelPrice price = GenerationSlice.prices(config).lookup(config.model()).orElse(null);
    Double cost = price != null ? price.cost(usage) : usage.totalTokens() == 0 ? 0.0 : null;
    RunSummary job = new RunSummary(1, "api", config.provider().id(), config.model(), settings, startedAt, elapsed,
        requests, replies, retries, rateLimited, failures, usage, cost, received, delivered, all, true);
    Map<String, Long> bySettings = delivered > 0 ? Map.of(promptFingerprint, delivered) : Map.of();
    return new RunReport(outcome, target, delivered, surplus, List.of(job), bySettings, invalid, List.of(),
        new RunReport.Files(null, null, null, null, null), null);
  }
}
