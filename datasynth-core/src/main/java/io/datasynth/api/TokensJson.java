package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.provider.Usage;

/** The {@code tokens} object of outputs and summaries: input, output, cache read/write, reasoning and total. */
public final class TokensJson {
  private TokensJson() {}

  public static ObjectNode of(Usage u) {
    ObjectNode t = Json.object();
    t.put("input", u.inputTokens());
    t.put("output", u.outputTokens());
    t.put("cache_read", u.cacheReadTokens());
    t.put("cache_write", u.cacheWriteTokens());
    t.put("reasoning", u.reasoningTokens());
    t.put("total", u.totalTokens());
    return t;
  }
}
