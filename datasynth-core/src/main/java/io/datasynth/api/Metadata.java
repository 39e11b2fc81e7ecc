package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.report.RunReport;
import io.datasynth.report.RunReportJson;
import io.datasynth.text.Messages;
import java.time.Instant;

/**
 * Builds the {@code metadata} object of an output: the original DataSynth's keys (totals over every run of the
 * output), the fingerprint of the inputs it was made from, and the run report with its per-run breakdown.
 */
final class Metadata {
  private Metadata() {}

  static ObjectNode of(Instant generatedAt, String model, String provider, SynthesisConfig config, int seedCount,
      long generated, RunReport report, String inputsFingerprint) {
    ObjectNode m = Json.object();
    m.put("generated_at", generatedAt.toString());
    m.put("generator", "DataSynth");
    m.put("version", Version.get());
    m.put("model", model);
    m.put("provider", provider);
    if (config != null) {
      ObjectNode c = m.putObject("config");
      c.put("model", model);
      c.put("provider", provider);
      c.put("temperature", config.temperature());
      c.put("reasoning_effort", config.reasoningEffort());
      c.put("diversity_factor", config.diversity());
      c.put("batch_size", config.batchSize());
      c.put("seed", config.seed());
    }
    m.put("seed_count", seedCount);
    m.put("generated_count", generated);
    m.put("complete", generated >= report.target());
    m.set("tokens", io.datasynth.journal.JournalCodec.usage(report.usage()));
    m.put("total_tokens", report.usage().totalTokens());
    Double cost = report.costUsd();
    if (cost == null) {
      m.putNull("cost_usd");
      m.putNull("estimated_cost_usd");
    } else {
      m.put("cost_usd", round(cost));
      m.put("estimated_cost_usd", round(cost));
    }
    if (inputsFingerprint != null) {
      m.putObject("inputs").put("fingerprint", inputsFingerprint);
    }
    ObjectNode summary = RunReportJson.of(report, Messages.english());
    summary.remove("rejected_samples");
    summary.remove("files");
    m.set("summary", summary);
    if (report.plan() != null) {
      m.set("plan", planForReaders(report.plan()));
    }
    return m;
  }

  /**
   * The diversity plan as the quality report reads it ({@code metadata.plan}): each axis with its values and
   * weights, and one coverage cell per axis value with its target and delivered count. The full shapes are in
   * {@code summary.plan} and {@code summary.coverage}.
   */
  private static ObjectNode planForReaders(RunReport.PlanReport p) {
    ObjectNode o = Json.object();
    com.fasterxml.jackson.databind.node.ArrayNode axes = o.putArray("axes");
    p.plan().path("axes").forEach(a -> {
      ObjectNode axis = axes.addObject();
      axis.put("name", a.path("name").asText());
      com.fasterxml.jackson.databind.node.ArrayNode values = axis.putArray("values");
      a.path("values").forEach(v -> values.addObject().put("value", v.path("label").asText())
          .put("weight", v.path("weight").asDouble(1)));
    });
    com.fasterxml.jackson.databind.node.ArrayNode cells = o.putArray("coverage");
    p.coverage().path("axes").forEach(a -> a.path("values").forEach(v -> {
      ObjectNode cell = cells.addObject();
      cell.putObject("combination").put(a.path("name").asText(), v.path("label").asText());
      cell.put("target", v.path("target").asLong());
      cell.put("delivered", v.path("delivered").asLong());
    }));
    return o;
  }

  private static double round(double usd) {
    return Math.round(usd * 1e6) / 1e6;
  }
}
