package io.datasynth.cli;

import io.datasynth.api.CostEstimate;
import io.datasynth.api.SynthesisResult;
import io.datasynth.cost.CostFormat;
import io.datasynth.engine.RunOutcome;
import io.datasynth.engine.RunStats;
import io.datasynth.json.Json;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import io.datasynth.report.RunReport;
import io.datasynth.report.RunReportJson;
import io.datasynth.text.Messages;
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

  static void result(PrintWriter out, SynthesisResult r, String model, CliText text) {
    RunReport report = r.report();
    RunStats s = r.stats();
    if (r.success()) {
      out.println("✓ Generated " + records(report.delivered()) + ": " + r.outputPath());
    } else {
      out.println("✗ Stopped with " + report.delivered() + " of " + report.target() + " records: "
          + text.render(r.error()));
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
      out.println("  resumed:        " + records(s.resumed()) + " delivered before this run");
    }
    if (report.deliveredBySettings().size() > 1) {
      out.println("  by settings:    " + report.deliveredBySettings().entrySet().stream()
          .map(e -> (e.getKey().isEmpty() ? "earlier" : e.getKey()) + " " + e.getValue())
          .collect(Collectors.joining(", ")) + " (prompt-settings fingerprints)");
    }
    out.println("  requests:       " + s.requestsSent() + " (" + s.replies() + " replies, " + s.retries()
        + " retries" + (s.failedCalls() > 0 ? ", " + s.failedCalls() + " failed" : "") + ")"
        + (report.runs().size() > 1 ? "; " + report.requests() + " over " + report.runs().size() + " runs" : ""));
    String failures = ProgressPrinter.failures(s);
    if (!failures.isEmpty()) {
      out.println("  failures:       " + failures);
    }
    if (s.endpoints().size() > 1) {
      out.println("  endpoints:      " + s.endpoints().size());
      s.endpoints().forEach(e -> out.println("    " + endpoint(e)));
    }
    long rejected = report.rejectedTotal();
    out.println("  rejected:       " + (rejected == 0 ? "0" : rejected + " (" + codes(report.rejected())
        + (report.invalidByRule().isEmpty() ? "" : "; invalid by rule: " + counts(report.invalidByRule())) + ")"));
    if (report.surplus() > 0) {
      out.println("  surplus:        " + records(report.surplus()) + " beyond the " + report.target()
          + " asked for, kept for a top-up");
    }
    if (report.files().rejects() != null) {
      out.println("  rejects file:   " + report.files().rejects());
    }
    if (report.files().report() != null) {
      out.println("  quality report: " + report.files().report());
    }
    if (s.truncatedReplies() > 0) {
      out.println("  truncated:      " + s.truncatedReplies() + " replies cut off at their output limit"
          + (s.cutOffBeforeText() > 0 ? ", " + s.cutOffBeforeText() + " before writing any record" : ""));
    }
    Usage u = report.usage();
    out.printf(Locale.ROOT, "  tokens:         %,d (input %,d, output %,d, cache read %,d, cache write %,d)%n",
        u.totalTokens(), u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens());
    out.println("  cost:           " + (report.costUsd() == null ? "unknown (no price for " + model
        + "; add one with --prices FILE)" : CostFormat.usd(report.costUsd())));
    savings(out, report);
    out.printf(Locale.ROOT, "  time:           %s (%.2f records/s)%n", ProgressPrinter.seconds(s.elapsed()),
        s.recordsPerSecond());
    out.flush();
  }

  /** What the prompt cache, batches and repairs did to the bill; nothing when none of them played a part. */
  static void savings(PrintWriter out, io.datasynth.report.RunReport report) {
    io.datasynth.cost.Spending spending = report.spending();
    Double paid = report.costUsd();
    Double uncached = report.costUncachedUsd();
    Double online = report.costOnlineUsd();
    if (report.usage().cacheReadTokens() > 0 || report.usage().cacheWriteTokens() > 0) {
      out.printf(Locale.ROOT, "  prompt cache:   %.1f%% of input read from the cache%s%n",
          spending.cacheHitRate() * 100, paid == null || uncached == null ? ""
              : ", saved " + CostFormat.usd(uncached - paid));
    }
    long batched = spending.replies(io.datasynth.cost.Billing.BATCH);
    if (batched > 0) {
      out.println("  batches:        " + batched + " replies at the batch price" + (paid == null || online == null ? ""
          : "; online the same run would have cost " + CostFormat.usd(online) + " (saved "
              + CostFormat.usd(online - paid) + ")"));
    }
    long repairs = spending.replies(io.datasynth.cost.Purpose.REPAIR);
    if (repairs > 0) {
      out.println("  repairs:        " + repairs + " replies" + (report.costRepairUsd() == null ? ""
          : ", " + CostFormat.usd(report.costRepairUsd())));
    }
  }

  /** One endpoint's line of the summary: where, its requests and how they ended, its time out of service. */
  static String endpoint(io.datasynth.engine.EndpointStats e) {
    return e.endpoint() + (e.weight() > 1 ? " (weight " + e.weight() + ")" : "") + ": " + e.requestsSent()
        + " requests, " + e.replies() + " replies" + (e.failures() > 0 ? ", " + e.failures() + " failed" : "")
        + (e.rateLimited() > 0 ? ", " + e.rateLimited() + " rate-limited" : "")
        + String.format(Locale.ROOT, ", mean latency %.2f s", e.meanLatency().toNanos() / 1e9)
        + (e.timesOut() > 0 ? ", taken out " + e.timesOut() + (e.timesOut() == 1 ? " time" : " times")
            + (e.out() ? " (out at the end)" : "") : "");
  }

  /** "1 record", "12 records". */
  static String records(long n) {
    return n + (n == 1 ? " record" : " records");
  }

  static String counts(Map<String, Long> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  static String codes(Map<RejectReason.Code, Long> counts) {
    return counts.entrySet().stream().filter(e -> e.getKey().isRejection())
        .map(e -> e.getKey().id() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  /** A cost estimate as one JSON object, for {@code --json}. */
  static void json(PrintWriter out, CostEstimate e) {
    out.println(Json.compact(io.datasynth.api.EstimateJson.of(e)));
    out.flush();
  }

  /** The run report as one JSON object, for {@code --json}. */
  static void json(PrintWriter out, RunReport report) {
    out.println(Json.compact(RunReportJson.of(report, Messages.english())));
    out.flush();
  }
}
