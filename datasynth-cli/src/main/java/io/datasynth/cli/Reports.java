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
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/** The readable summaries the commands print. */
final class Reports {
  private Reports() {}

  static void estimate(PrintWriter out, CostEstimate e, int batchSize, CliText t) {
    out.println(t.text("cli.estimate.title"));
    out.println(t.text("cli.estimate.records", e.count()));
    out.println(t.text("cli.estimate.batches", e.batches(), batchSize));
    out.println(t.text("cli.estimate.input", e.inputTokens()));
    out.println(t.text("cli.estimate.output", e.outputTokens()));
    if (e.reasoningTokens() > 0) {
      out.println(t.text("cli.estimate.reasoning", e.reasoningTokens()));
    }
    if (e.cacheReadTokens() + e.cacheWriteTokens() > 0) {
      out.println(t.text("cli.estimate.cache", e.cacheWriteTokens(), e.cacheReadTokens()));
    }
    if (e.batch()) {
      out.println(t.text("cli.estimate.batch"));
    }
    boolean discounted = e.costUsd() != null && e.listPriceUsd() != null && e.listPriceUsd() - e.costUsd() >= 0.00005;
    out.println(e.costUsd() == null ? t.text("cli.estimate.cost.unknown", e.model())
        : discounted ? t.text("cli.estimate.cost.discounted", CostFormat.usd(e.costUsd()),
            CostFormat.usd(e.listPriceUsd()))
        : t.text("cli.estimate.cost", CostFormat.usd(e.costUsd())));
    out.println(t.text("cli.estimate.model", e.model()));
    String counted = t.render(e.tokenizer());
    out.println(t.text("cli.estimate.tokenizer", e.sampledBatches() > 0 && e.sampledBatches() < e.batches()
        ? t.text("cli.estimate.sampled", counted, e.sampledBatches()) : counted));
    out.println(t.text("cli.estimate.assumes"));
    out.flush();
  }

  /** The summary of a run. */
  static void result(PrintWriter out, SynthesisResult r, String model, CliText t) {
    RunReport report = r.report();
    RunStats s = r.stats();
    if (r.success()) {
      out.println(t.text("cli.done", t.records(report.delivered()), r.outputPath()));
    } else {
      out.println(t.text("cli.stopped", report.delivered(), t.records(report.target()), t.render(r.error())));
      if (r.outputPath() != null) {
        out.println(t.text("cli.so_far", r.outputPath()));
      }
      if (r.journalPath() != null) {
        boolean budget = r.outcome() instanceof RunOutcome.Stopped st && st.reason() == RunOutcome.Reason.BUDGET;
        out.println(t.text(budget ? "cli.journal.budget" : "cli.journal.resume", r.journalPath()));
      }
    }
    if (s.resumed() > 0) {
      out.println(t.text("cli.summary.resumed", t.records(s.resumed())));
    }
    if (report.deliveredBySettings().size() > 1) {
      out.println(t.text("cli.summary.by_settings", report.deliveredBySettings().entrySet().stream()
          .map(e -> (e.getKey().isEmpty() ? t.text("cli.summary.earlier") : e.getKey()) + " " + e.getValue())
          .collect(Collectors.joining(", "))));
    }
    out.println(t.text("cli.summary.requests", s.requestsSent(), t.text("cli.replies", s.replies()), s.retries(),
        (s.failedCalls() > 0 ? t.text("cli.summary.requests.failed", s.failedCalls()) : "")
            + (report.runs().size() > 1 ? t.text("cli.summary.requests.runs", report.requests(),
            report.runs().size()) : "")));
    String failures = ProgressPrinter.failures(s, t);
    if (!failures.isEmpty()) {
      out.println(t.text("cli.summary.failures", failures));
    }
    if (s.endpoints().size() > 1) {
      out.println(t.text("cli.summary.endpoints", s.endpoints().size()));
      s.endpoints().forEach(e -> out.println("    " + endpoint(e, t)));
    }
    long rejected = report.rejectedTotal();
    out.println(rejected == 0 ? t.text("cli.summary.rejected", 0) : t.text("cli.summary.rejected.detail", rejected,
        codes(report.rejected(), t) + (report.invalidByRule().isEmpty() ? ""
            : t.text("cli.summary.by_rule", counts(report.invalidByRule())))));
    if (report.surplus() > 0) {
      out.println(t.text("cli.summary.surplus", t.records(report.surplus()), report.target()));
    }
    if (report.files().rejects() != null) {
      out.println(t.text("cli.summary.rejects_file", report.files().rejects()));
    }
    if (report.files().report() != null) {
      out.println(t.text("cli.summary.report", report.files().report()));
    }
    if (s.truncatedReplies() > 0) {
      out.println(t.text("cli.summary.truncated", t.text("cli.replies", s.truncatedReplies()),
          s.cutOffBeforeText() > 0 ? t.text("cli.summary.truncated.early", s.cutOffBeforeText()) : ""));
    }
    Usage u = report.usage();
    out.println(t.text("cli.summary.tokens", u.totalTokens(), u.inputTokens(), u.outputTokens(),
        u.cacheReadTokens(), u.cacheWriteTokens()));
    out.println(report.costUsd() == null ? t.text("cli.summary.cost.unknown", model)
        : t.text("cli.summary.cost", CostFormat.usd(report.costUsd())));
    savings(out, report, t);
    judge(out, report.judge(), t);
    if (report.plan() != null) {
      com.fasterxml.jackson.databind.JsonNode c = report.plan().coverage();
      out.println(t.text("cli.summary.plan", c.path("axes").size(), c.path("combinations_used").asLong(),
          c.path("max_deviation").asLong()));
    }
    out.println(t.text("cli.summary.time", ProgressPrinter.seconds(s.elapsed()), s.recordsPerSecond()));
    out.flush();
  }

  /** The rubric judge's lines: its cost apart, the scores it gave, and records that graded themselves otherwise. */
  private static void judge(PrintWriter out, io.datasynth.report.JudgeSummary j, CliText t) {
    if (j == null) {
      return;
    }
    out.println(t.text("cli.summary.judge", j.model(), j.requests(), j.usage().totalTokens(),
        j.costUsd() == null ? t.text("cli.summary.judge.cost_unknown") : CostFormat.usd(j.costUsd())));
    out.println(t.text("cli.summary.judge.scores", counts(j.scores()), j.passed(), j.lowScore(),
        io.datasynth.judge.JudgeTally.text(j.minScore()),
        j.unjudged() > 0 ? t.text("cli.summary.judge.unjudged", j.unjudged()) : ""));
    if (j.selfScores() != null && j.selfScores().compared() > 0) {
      io.datasynth.report.JudgeSummary.SelfScores self = j.selfScores();
      out.println(t.text("cli.summary.judge.self", self.disagreements(), self.compared(), self.field(),
          io.datasynth.judge.JudgeTally.text(self.threshold()), self.generous()));
    }
  }

  /** What the prompt cache, batches and repairs did to the bill; nothing when none of them played a part. */
  static void savings(PrintWriter out, RunReport report, CliText t) {
    io.datasynth.cost.Spending spending = report.spending();
    Double paid = report.costUsd();
    Double uncached = report.costUncachedUsd();
    Double online = report.costOnlineUsd();
    if (report.usage().cacheReadTokens() > 0 || report.usage().cacheWriteTokens() > 0) {
      out.println(t.text("cli.summary.cache", spending.cacheHitRate() * 100, paid == null || uncached == null ? ""
          : t.text("cli.summary.cache.saved", CostFormat.usd(uncached - paid))));
    }
    long batched = spending.replies(io.datasynth.cost.Billing.BATCH);
    if (batched > 0) {
      out.println(t.text("cli.summary.batches", t.text("cli.replies", batched), paid == null || online == null ? ""
          : t.text("cli.summary.batches.saved", CostFormat.usd(online), CostFormat.usd(online - paid))));
    }
    long repairs = spending.replies(io.datasynth.cost.Purpose.REPAIR);
    if (repairs > 0) {
      out.println(t.text("cli.summary.repairs", t.text("cli.replies", repairs), report.costRepairUsd() == null ? ""
          : t.text("cli.summary.repairs.cost", CostFormat.usd(report.costRepairUsd()))));
    }
  }

  /** One endpoint's line of the summary: where, its requests and how they ended, its time out of service. */
  static String endpoint(io.datasynth.engine.EndpointStats e, CliText t) {
    return t.text("cli.endpoint", e.endpoint(), e.weight() > 1 ? t.text("cli.endpoint.weight", e.weight()) : "",
        t.text("cli.requests", e.requestsSent()), t.text("cli.replies", e.replies()),
        (e.failures() > 0 ? t.text("cli.endpoint.failed", e.failures()) : "")
            + (e.rateLimited() > 0 ? t.text("cli.endpoint.rate_limited", e.rateLimited()) : ""),
        e.meanLatency().toNanos() / 1e9,
        e.timesOut() > 0 ? t.text("cli.endpoint.out", e.timesOut(), e.out() ? t.text("cli.endpoint.out.end") : "")
            : "");
  }

  static String counts(Map<String, Long> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  /** "truncated 3, duplicate 2": the rejections by reason, in the user's language. */
  static String codes(Map<RejectReason.Code, Long> counts, CliText t) {
    return t.render(Message.of("reason.list", counts.entrySet().stream().filter(e -> e.getKey().isRejection())
        .map(e -> e.getKey().count(e.getValue())).toList()));
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
