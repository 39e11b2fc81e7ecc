package io.datasynth.cli;

import io.datasynth.api.CostEstimate;
import io.datasynth.api.SynthesisResult;
import io.datasynth.cost.CostFormat;
import io.datasynth.engine.RunOutcome;
import io.datasynth.engine.RunStats;
import io.datasynth.provider.Usage;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The readable summaries the commands print. */
final class Reports {
  private Reports() {}

  static void estimate(PrintWriter out, CostEstimate e, int batchSize) {
    out.println("Cost estimate:");
    out.printf(Locale.ROOT, "  records:        %,d%n", e.count());
    out.printf(Locale.ROOT, "  batches:        %,d (%d records each)%n", e.batches(), batchSize);
    out.printf(Locale.ROOT, "  input tokens:   %,d%n", e.inputTokens());
    out.printf(Locale.ROOT, "  output tokens:  %,d%n", e.outputTokens());
    if (e.reasoningTokens() > 0) {
      out.printf(Locale.ROOT, "  of which reasoning: %,d (half the room left for the model's reasoning per "
          + "request)%n", e.reasoningTokens());
    }
    out.println("  cost:           " + (e.costUsd() == null ? "unknown (no price for " + e.model()
        + "; add one with --prices FILE)" : CostFormat.usd(e.costUsd())));
    out.println("  model:          " + e.model());
    out.println("  tokens counted: " + e.tokenizer()
        + (e.sampledBatches() < e.batches() ? "; " + e.sampledBatches() + " prompts built, the rest extrapolated"
        : ""));
    out.println("  Assumes every record is accepted; duplicates, invalid records and retries add to it.");
    out.flush();
  }

  static void result(PrintWriter out, SynthesisResult r, String model) {
    RunStats s = r.stats();
    if (r.success()) {
      out.println("✓ Generated " + r.generatedCount() + " records: " + r.outputPath());
    } else {
      out.println("✗ Stopped with " + r.generatedCount() + " of " + s.target() + " records: " + r.error());
      if (r.outputPath() != null) {
        out.println("  records so far: " + r.outputPath());
      }
      if (r.journalPath() != null) {
        boolean budget = r.outcome() instanceof RunOutcome.Stopped st && st.reason() == RunOutcome.Reason.BUDGET;
        out.println("  journal: " + r.journalPath() + (budget
            ? " — raise --max-cost and re-run to continue (spend so far counts toward the cap)"
            : " — re-run the same command to resume"));
      }
    }
    if (s.resumed() > 0) {
      out.println("  resumed:        " + s.resumed() + " records from an earlier run");
    }
    out.println("  requests:       " + s.requestsSent() + " (" + s.replies() + " replies, " + s.retries()
        + " retries" + (s.failedBatches() > 0 ? ", " + s.failedBatches() + " failed batches" : "") + ")");
    String failures = ProgressPrinter.failures(s);
    if (!failures.isEmpty()) {
      out.println("  failures:       " + failures);
    }
    out.println("  rejected:       " + (s.rejected().isEmpty() ? "0" : s.rejectedTotal() + " (" + counts(s.rejected())
        + (s.invalidByRule().isEmpty() ? "" : "; invalid by rule: " + counts(s.invalidByRule())) + ")"));
    if (s.truncatedReplies() > 0) {
      out.println("  truncated:      " + s.truncatedReplies() + " replies cut off at max_tokens");
    }
    Usage u = s.usage();
    out.printf(Locale.ROOT, "  tokens:         %,d (input %,d, output %,d, cache read %,d, cache write %,d)%n",
        u.totalTokens(), u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens());
    out.println("  cost:           " + (s.costUsd() == null ? "unknown (no price for " + model
        + "; add one with --prices FILE)" : CostFormat.usd(s.costUsd())));
    out.printf(Locale.ROOT, "  time:           %s (%.2f records/s)%n", ProgressPrinter.seconds(s.elapsed()),
        s.recordsPerSecond());
    out.flush();
  }

  static String counts(Map<String, Long> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }
}
