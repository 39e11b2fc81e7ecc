package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;

/** A cost estimate as JSON, the same for {@code estimate --json}, {@code --dry-run --json} and the MCP result. */
public final class EstimateJson {
  private EstimateJson() {}

  public static ObjectNode of(CostEstimate e) {
    ObjectNode d = Json.object();
    d.put("count", e.count());
    d.put("model", e.model());
    d.put("requests", e.batches());
    d.put("input_tokens", e.inputTokens());
    d.put("output_tokens", e.outputTokens());
    d.put("reasoning_tokens", e.reasoningTokens());
    d.put("total_tokens", e.inputTokens() + e.outputTokens());
    if (e.costUsd() == null) {
      d.putNull("cost_usd");
    } else {
      d.put("cost_usd", e.costUsd());
    }
    d.put("priced", e.costUsd() != null);
    d.put("cache_read_tokens", e.cacheReadTokens());
    d.put("cache_write_tokens", e.cacheWriteTokens());
    d.put("billing", e.batch() ? "batch" : "online");
    if (e.listPriceUsd() == null) {
      d.putNull("list_price_usd");
    } else {
      d.put("list_price_usd", e.listPriceUsd());
    }
    d.put("tokenizer", io.datasynth.text.Messages.english().render(e.tokenizer()));
    d.put("sampled_prompts", e.sampledBatches());
    return d;
  }
}
