package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.engine.RunStats;
import io.datasynth.json.Json;
import io.datasynth.provider.Usage;
import java.time.Instant;
import java.util.Map;

/** Builds the {@code metadata} object of an output file (the original DataSynth's keys, plus the run summary). */
final class Metadata {
  private Metadata() {}

  static ObjectNode of(Instant generatedAt, String model, String provider, SynthesisConfig config, int seedCount,
      long generated, Usage usage, Double costUsd, boolean complete) {
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
      c.put("diversity_factor", config.diversity());
      c.put("batch_size", config.batchSize());
      c.put("seed", config.seed());
    }
    m.put("seed_count", seedCount);
    m.put("generated_count", generated);
    m.put("complete", complete);
    m.set("tokens", TokensJson.of(usage));
    m.put("total_tokens", usage.totalTokens());
    if (costUsd == null) {
      m.putNull("cost_usd");
      m.putNull("estimated_cost_usd");
    } else {
      m.put("cost_usd", round(costUsd));
      m.put("estimated_cost_usd", round(costUsd));
    }
    return m;
  }

  /** The run summary: counts by reason, requests, retries and timing. */
  static ObjectNode summary(RunStats s) {
    ObjectNode o = Json.object();
    o.put("target", s.target());
    o.put("accepted", s.accepted());
    o.put("resumed", s.resumed());
    o.put("requests", s.requestsSent());
    o.put("replies", s.replies());
    o.put("retries", s.retries());
    o.put("failed_batches", s.failedBatches());
    o.put("rate_limited", s.rateLimited());
    o.put("truncated_replies", s.truncatedReplies());
    put(o.putObject("rejected"), s.rejected());
    put(o.putObject("invalid_by_rule"), s.invalidByRule());
    put(o.putObject("failures"), s.failures());
    o.put("elapsed_seconds", Math.round(s.elapsed().toMillis() / 10.0) / 100.0);
    o.put("records_per_second", Math.round(s.recordsPerSecond() * 100) / 100.0);
    return o;
  }

  private static void put(ObjectNode o, Map<String, Long> counts) {
    counts.forEach(o::put);
  }

  private static double round(double usd) {
    return Math.round(usd * 1e6) / 1e6;
  }
}
