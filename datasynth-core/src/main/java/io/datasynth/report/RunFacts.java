package io.datasynth.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.PriceTable;
import io.datasynth.provider.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an output's metadata says about the runs that made it, as the quality report shows it.
 *
 * @param mode how the records were made: {@code api}, {@code interactive}, {@code batch}, or several joined by
 *     {@code +}; empty when the metadata does not say
 * @param generatedAt when the output was written; null when unknown
 * @param target records asked for; 0 when unknown
 * @param outcome how the last run ended ({@code completed}, {@code stopped}, {@code failed}); empty when unknown
 * @param outcomeMessage why it stopped or failed; empty otherwise
 * @param elapsedSeconds wall time over all runs
 * @param costUsd what every run cost, or null when unknown (a model without a price)
 * @param cacheSavingsUsd what prompt caching saved against paying full input price; null when nothing was cached
 *     or the model has no price
 * @param batchSavingsUsd what batch mode saved, when the metadata says; null otherwise
 * @param runs every run, oldest first
 */
public record RunFacts(String model, String provider, String mode, Instant generatedAt, long target, long delivered,
    String outcome, String outcomeMessage, double elapsedSeconds, long requests, Usage tokens, Double costUsd,
    Double cacheSavingsUsd, Double batchSavingsUsd, List<RunSummary> runs) {

  public RunFacts {
    runs = List.copyOf(runs);
  }

  /** Cost per delivered record, or null when the cost or the count is unknown. */
  public Double costPerRecord() {
    return costUsd == null || delivered == 0 ? null : costUsd / delivered;
  }

  /**
   * The facts an output's metadata holds ({@code model}, {@code provider}, {@code generated_at},
   * {@code generated_count}, {@code tokens}, {@code cost_usd}, {@code mode} or {@code config.mode}, and
   * {@code summary} as {@link RunReportJson} writes it, with {@code summary.savings.cache_usd} /
   * {@code batch_usd} when a run reports them), or null when it has none of them.
   *
   * @param prices to work out what caching saved when the metadata does not say
   */
  public static RunFacts from(ObjectNode metadata, PriceTable prices) {
    if (metadata == null || !metadata.has("model") && !metadata.has("summary")) {
      return null;
    }
    JsonNode summary = metadata.path("summary");
    List<RunSummary> runs = new ArrayList<>();
    summary.path("runs").forEach(r -> runs.add(RunReportJson.parseRun(r)));
    JsonNode t = metadata.path("tokens").isObject() ? metadata.path("tokens") : summary.path("tokens");
    Usage tokens = new Usage(t.path("input").asLong(), t.path("output").asLong(), t.path("cache_read").asLong(),
        t.path("cache_write").asLong(), Math.min(t.path("reasoning").asLong(), t.path("output").asLong()));
    String model = metadata.path("model").asText("");
    Double cost = number(metadata.get("cost_usd"));
    if (cost == null) {
      cost = number(summary.get("cost_usd"));
    }
    JsonNode savings = summary.path("savings");
    Double cache = number(savings.get("cache_usd"));
    if (cache == null && tokens.cacheReadTokens() + tokens.cacheWriteTokens() > 0 && !model.isEmpty()) {
      cache = prices.lookup(model).map(p -> cacheSavings(p, tokens)).orElse(null);
    }
    long delivered = summary.has("delivered") ? summary.path("delivered").asLong()
        : metadata.path("generated_count").asLong();
    Instant at = null;
    try {
      at = metadata.hasNonNull("generated_at") ? Instant.parse(metadata.get("generated_at").asText()) : null;
    } catch (java.time.format.DateTimeParseException notATime) {
      // another tool's metadata: shown without a time
    }
    return new RunFacts(model, metadata.path("provider").asText(""), mode(metadata, runs), at,
        summary.path("target").asLong(metadata.path("generated_count").asLong()), delivered,
        summary.path("outcome").path("kind").asText(""), summary.path("outcome").path("message").asText(""),
        summary.path("elapsed_seconds").asDouble(), summary.path("requests").asLong(), tokens, cost, cache,
        number(savings.get("batch_usd")), runs);
  }

  /** What reading from the cache saved, less what writing to it cost beyond plain input. */
  static double cacheSavings(ModelPrice p, Usage u) {
    double saved = u.cacheReadTokens() * (p.inputPerMTok() - p.cachedInputPerMTok())
        - u.cacheWriteTokens() * (p.cacheWritePerMTok() - p.inputPerMTok());
    return saved / 1_000_000.0;
  }

  private static String mode(ObjectNode metadata, List<RunSummary> runs) {
    for (JsonNode m : new JsonNode[] {metadata.get("mode"), metadata.path("config").get("mode"),
        metadata.path("summary").get("mode")}) {
      if (m != null && m.isTextual() && !m.asText().isBlank()) {
        return m.asText();
      }
    }
    Set<String> origins = new LinkedHashSet<>();
    runs.forEach(r -> origins.add(r.origin()));
    return String.join("+", origins);
  }

  private static Double number(JsonNode n) {
    return n != null && n.isNumber() ? n.asDouble() : null;
  }
}
