package io.datasynth.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.Billing;
import io.datasynth.cost.Purpose;
import io.datasynth.cost.Spending;
import io.datasynth.engine.RunOutcome;
import io.datasynth.journal.JournalCodec;
import io.datasynth.json.Json;
import io.datasynth.quality.RejectReason;
import io.datasynth.text.Messages;
import java.util.Map;

/**
 * The run report as JSON: the {@code summary} of an output's metadata, the structured content of the MCP result
 * and what {@code --json} prints are all this one object. Messages in it are rendered with settings named by their
 * keys ({@code batch_size}), the way files and MCP name them.
 */
public final class RunReportJson {
  private RunReportJson() {}

  public static ObjectNode of(RunReport r, Messages messages) {
    ObjectNode o = Json.object();
    o.put("target", r.target());
    o.put("delivered", r.delivered());
    o.put("complete", r.complete());
    o.set("outcome", outcome(r.outcome(), messages));
    o.put("received", r.received());
    o.put("rejected_total", r.rejectedTotal());
    o.set("rejected", counts(r.rejected(), true));
    o.put("surplus", r.surplus());
    put(o.putObject("invalid_by_rule"), r.invalidByRule());
    o.put("requests", r.requests());
    o.set("tokens", JournalCodec.usage(r.usage()));
    if (r.costUsd() == null) {
      o.putNull("cost_usd");
    } else {
      o.put("cost_usd", round(r.costUsd()));
    }
    o.set("costs", costs(r.costUsd(), r.costOnlineUsd(), r.costUncachedUsd(), r.costRepairUsd(), r.spending()));
    o.put("elapsed_seconds", Math.round(r.elapsed().toMillis() / 10.0) / 100.0);
    put(o.putObject("delivered_by_settings"), r.deliveredBySettings());
    JudgeSummary judge = r.judge();
    if (judge != null) {
      o.set("judge", judge(judge));
    }
    if (r.plan() != null) {
      o.set("plan", r.plan().plan());
      o.set("coverage", r.plan().coverage());
      if (r.plan().seedRegions() != null) {
        o.set("seed_regions", r.plan().seedRegions());
      }
    }
    ArrayNode runs = o.putArray("runs");
    r.runs().forEach(run -> runs.add(run(run)));
    ArrayNode samples = o.putArray("rejected_samples");
    for (RunReport.RejectedSample s : r.samples()) {
      ObjectNode j = samples.addObject();
      j.set("reason", JournalCodec.reason(s.reason(), n -> "#" + n));
      j.put("text", s.text());
    }
    ObjectNode files = o.putObject("files");
    putPath(files, "output", r.files().output());
    putPath(files, "rejects", r.files().rejects());
    putPath(files, "journal", r.files().journal());
    putPath(files, "stats", r.files().stats());
    putPath(files, "report", r.files().report());
    return o;
  }

  /** One run's part of the report. */
  public static ObjectNode run(RunSummary s) {
    ObjectNode o = Json.object();
    o.put("run", s.run());
    o.put("origin", s.origin());
    o.put("provider", s.provider());
    o.put("model", s.model());
    o.put("settings", s.settings());
    if (s.startedAt() != null) {
      o.put("started_at", s.startedAt().toString());
    }
    o.put("elapsed_seconds", Math.round(s.elapsed().toMillis() / 10.0) / 100.0);
    o.put("ended", s.ended());
    o.put("requests", s.requests());
    o.put("replies", s.replies());
    o.put("retries", s.retries());
    o.put("rate_limited", s.rateLimited());
    put(o.putObject("failures"), s.failures());
    o.set("tokens", JournalCodec.usage(s.usage()));
    if (s.costUsd() == null) {
      o.putNull("cost_usd");
    } else {
      o.put("cost_usd", round(s.costUsd()));
    }
    o.put("received", s.received());
    o.put("delivered", s.delivered());
    o.set("rejected", counts(s.rejected(), false));
    o.set("costs", costs(s.costUsd(), s.costOnlineUsd(), s.costUncachedUsd(), s.costRepairUsd(), s.spending()));
    if (s.judge() != null) {
      o.set("judge", judge(s.judge()));
    }
    if (!s.endpoints().isEmpty()) {
      ArrayNode endpoints = o.putArray("endpoints");
      s.endpoints().forEach(e -> endpoints.add(JournalCodec.endpoint(e)));
    }
    return o;
  }


  /**
   * The judge's part of a report: {@code model}, {@code requests}, {@code tokens}, {@code cost_usd}, {@code judged},
   * {@code passed}, {@code low_score}, {@code unjudged}, {@code scores} (score to records), {@code min_score}, and
   * {@code self_score} ({@code field}, {@code threshold}, {@code compared}, {@code disagreements}, {@code generous},
   * {@code mean_difference}) when records score themselves.
   */
  public static ObjectNode judge(JudgeSummary j) {
    ObjectNode o = Json.object();
    o.put("model", j.model());
    o.put("requests", j.requests());
    o.set("tokens", JournalCodec.usage(j.usage()));
    if (j.costUsd() == null) {
      o.putNull("cost_usd");
    } else {
      o.put("cost_usd", round(j.costUsd()));
    }
    o.put("judged", j.judged());
    o.put("passed", j.passed());
    o.put("low_score", j.lowScore());
    o.put("unjudged", j.unjudged());
    ObjectNode scores = o.putObject("scores");
    j.scores().forEach(scores::put);
    o.put("min_score", j.minScore());
    if (j.selfScores() != null) {
      JudgeSummary.SelfScores s = j.selfScores();
      ObjectNode self = o.putObject("self_score");
      self.put("field", s.field());
      self.put("threshold", s.threshold());
      self.put("compared", s.compared());
      self.put("disagreements", s.disagreements());
      self.put("generous", s.generous());
      self.put("mean_difference", Math.round(s.meanDifference() * 1e4) / 1e4);
      self.put("sum_difference", s.sumDifference());
    }
    return o;
  }

  /** The judge's part of a report read back (from an output's metadata), or null when there is none. */
  public static JudgeSummary parseJudgeSummary(com.fasterxml.jackson.databind.JsonNode o) {
    return parseJudge(o);
  }

  /** The judge's part read back (from an output's metadata), or null when there is none. */
  static JudgeSummary parseJudge(com.fasterxml.jackson.databind.JsonNode o) {
    if (!o.isObject()) {
      return null;
    }
    com.fasterxml.jackson.databind.JsonNode t = o.path("tokens");
    io.datasynth.provider.Usage usage = new io.datasynth.provider.Usage(t.path("input").asLong(),
        t.path("output").asLong(), t.path("cache_read").asLong(), t.path("cache_write").asLong(),
        Math.min(t.path("reasoning").asLong(), t.path("output").asLong()));
    java.util.Map<String, Long> scores = new java.util.LinkedHashMap<>();
    o.path("scores").fields().forEachRemaining(e -> scores.put(e.getKey(), e.getValue().asLong()));
    com.fasterxml.jackson.databind.JsonNode s = o.path("self_score");
    JudgeSummary.SelfScores self = s.isObject() ? new JudgeSummary.SelfScores(s.path("field").asText(),
        s.path("threshold").asDouble(), s.path("compared").asLong(), s.path("disagreements").asLong(),
        s.path("generous").asLong(), s.path("sum_difference").asDouble()) : null;
    return new JudgeSummary(o.path("model").asText(""), o.path("requests").asLong(), usage,
        o.path("cost_usd").isNumber() ? o.get("cost_usd").asDouble() : null, o.path("judged").asLong(),
        o.path("passed").asLong(), o.path("low_score").asLong(), o.path("unjudged").asLong(), scores,
        o.path("min_score").asDouble(), self);
  }

  /**
   * Where the money went: what was paid, what the same tokens would have cost online and without the cache (so
   * what batches and caching saved), the cache's hit rate, and each line of the bill (purpose, billing, replies,
   * tokens). Dollar amounts are null when the model has no price.
   */
  public static ObjectNode costs(Double paid, Double online, Double uncached, Double repair, Spending spending) {
    ObjectNode o = Json.object();
    putUsd(o, "paid_usd", paid);
    putUsd(o, "online_usd", online);
    putUsd(o, "saved_by_batch_usd", paid == null || online == null ? null : online - paid);
    putUsd(o, "saved_by_cache_usd", paid == null || uncached == null ? null : uncached - paid);
    putUsd(o, "repair_usd", repair);
    o.put("cache_hit_rate", Math.round(spending.cacheHitRate() * 10_000) / 10_000.0);
    o.put("batch_replies", spending.replies(Billing.BATCH));
    o.put("repair_replies", spending.replies(Purpose.REPAIR));
    ArrayNode lines = o.putArray("lines");
    spending.lines().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      ObjectNode l = lines.addObject();
      l.put("purpose", e.getKey().purpose().id());
      l.put("billing", e.getKey().billing().id());
      l.put("replies", e.getValue().replies());
      l.set("tokens", JournalCodec.usage(e.getValue().usage()));
    });
    return o;
  }

  private static void putUsd(ObjectNode o, String key, Double usd) {
    if (usd == null) {
      o.putNull(key);
    } else {
      o.put(key, round(usd));
    }
  }

  private static Spending spending(com.fasterxml.jackson.databind.JsonNode lines,
      io.datasynth.provider.Usage usage, long replies) {
    if (!lines.isArray()) {
      return Spending.NONE.plus(Purpose.GENERATE, Billing.ONLINE, usage, replies);
    }
    Spending s = Spending.NONE;
    for (com.fasterxml.jackson.databind.JsonNode l : lines) {
      s = s.plus(Purpose.ofId(l.path("purpose").asText()),
          "batch".equals(l.path("billing").asText()) ? Billing.BATCH : Billing.ONLINE,
          JournalCodec.readUsage(l.path("tokens")), l.path("replies").asLong());
    }
    return s;
  }

  /** One run's part read back from an output's metadata, so that a top-up keeps the runs before it. */
  public static RunSummary parseRun(com.fasterxml.jackson.databind.JsonNode o) {
    java.util.Map<String, Long> failures = new java.util.LinkedHashMap<>();
    o.path("failures").fields().forEachRemaining(e -> failures.put(e.getKey(), e.getValue().asLong()));
    java.util.Map<RejectReason.Code, Long> rejected = new java.util.EnumMap<>(RejectReason.Code.class);
    o.path("rejected").fields().forEachRemaining(e -> {
      for (RejectReason.Code c : RejectReason.Code.values()) {
        if (c.id().equals(e.getKey())) {
          rejected.put(c, e.getValue().asLong());
        }
      }
    });
    com.fasterxml.jackson.databind.JsonNode t = o.path("tokens");
    io.datasynth.provider.Usage usage = JournalCodec.readUsage(t);
    com.fasterxml.jackson.databind.JsonNode c = o.path("costs");
    Double cost = o.path("cost_usd").isNumber() ? o.get("cost_usd").asDouble() : null;
    return new RunSummary(o.path("run").asInt(), o.path("origin").asText("api"), o.path("provider").asText(""),
        o.path("model").asText(""), o.path("settings").asText(""),
        o.hasNonNull("started_at") ? java.time.Instant.parse(o.get("started_at").asText()) : null,
        java.time.Duration.ofMillis(Math.round(o.path("elapsed_seconds").asDouble() * 1000)),
        o.path("requests").asLong(), o.path("replies").asLong(), o.path("retries").asLong(),
        o.path("rate_limited").asLong(), failures, usage,
        cost, o.path("received").asLong(),
        o.path("delivered").asLong(), rejected, o.path("ended").asBoolean(true),
        spending(c.path("lines"), usage, o.path("replies").asLong()),
        c.path("online_usd").isNumber() ? Double.valueOf(c.get("online_usd").asDouble()) : cost,
        c.path("online_usd").isNumber() && c.path("saved_by_cache_usd").isNumber() && cost != null
            ? Double.valueOf(cost + c.get("saved_by_cache_usd").asDouble()) : cost,
        c.path("repair_usd").isNumber() ? Double.valueOf(c.get("repair_usd").asDouble())
            : cost == null ? null : 0.0, parseJudge(o.path("judge")), JournalCodec.endpoints(o.path("endpoints")));
  }

  private static ObjectNode outcome(RunOutcome outcome, Messages messages) {
    ObjectNode o = Json.object();
    if (outcome instanceof RunOutcome.Completed) {
      o.put("kind", "completed");
    } else if (outcome instanceof RunOutcome.Stopped s) {
      o.put("kind", "stopped");
      o.put("reason", s.reason().name().toLowerCase(java.util.Locale.ROOT));
      o.put("message", messages.render(s.message()));
    } else if (outcome instanceof RunOutcome.Failed f) {
      o.put("kind", "failed");
      o.put("message", messages.render(f.message()));
    }
    return o;
  }

  private static ObjectNode counts(Map<RejectReason.Code, Long> m, boolean withoutSurplus) {
    ObjectNode o = Json.object();
    m.forEach((k, v) -> {
      if (!withoutSurplus || k.isRejection()) {
        o.put(k.id(), v);
      }
    });
    return o;
  }

  private static void put(ObjectNode o, Map<String, Long> m) {
    m.forEach(o::put);
  }

  private static void putPath(ObjectNode o, String key, java.nio.file.Path p) {
    if (p == null) {
      o.putNull(key);
    } else {
      o.put(key, p.toString());
    }
  }

  private static double round(double usd) {
    return Math.round(usd * 1e6) / 1e6;
  }
}
