package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.engine.RunOutcome;
import io.datasynth.engine.RunStats;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import io.datasynth.report.QualityReport;
import io.datasynth.report.RunReport;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a generation run did: the run report (every run of the output, with totals) and this run's final counts.
 *
 * @param report the one report that summaries, metadata and MCP results are rendered from
 * @param stats this run's final counts, as the progress listener last saw them
 * @param quality the measured output and where its HTML report is; null when no output was written or the report
 *     was turned off ({@code report(false)})
 */
public record SynthesisResult(RunReport report, RunStats stats, QualityReport quality) {
  public SynthesisResult {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(stats, "stats");
  }

  /** A result without a quality report. */
  public SynthesisResult(RunReport report, RunStats stats) {
    this(report, stats, null);
  }

  /** Whether exactly the requested number of records is in the output. */
  public boolean success() {
    return report.complete();
  }

  /** Why the run did not finish, as data; null on success. */
  public Message error() {
    if (success()) {
      return null;
    }
    if (report.outcome() instanceof RunOutcome.Stopped s) {
      return s.message();
    }
    if (report.outcome() instanceof RunOutcome.Failed f) {
      return f.message();
    }
    return Message.of("fail.incomplete", report.delivered(), report.target());
  }

  /** {@link #error()} in English, settings named by their keys; null on success. */
  public String errorText() {
    Message m = error();
    return m == null ? null : Messages.english().render(m);
  }

  public RunOutcome outcome() {
    return report.outcome();
  }

  /** The output file; null when nothing was written. */
  public Path outputPath() {
    return report.files().output();
  }

  /** The journal kept for resuming; null when the run completed (it is deleted). */
  public Path journalPath() {
    return report.files().journal();
  }

  /** Records in the output. */
  public long generatedCount() {
    return report.delivered();
  }

  /** Records not delivered over all runs of the output, by reason. */
  public Map<RejectReason.Code, Long> rejected() {
    return report.rejected();
  }

  /** Tokens billed over all runs of the output. */
  public Usage tokens() {
    return report.usage();
  }

  /** What every run of the output cost, or null when a model has no price. */
  public Double costUsd() {
    return report.costUsd();
  }

  /** This run's wall time. */
  public Duration duration() {
    return stats.elapsed();
  }

  /** Per-field statistics of the output; null unless asked for. */
  public ObjectNode fieldStats() {
    return report.fieldStats();
  }
}
