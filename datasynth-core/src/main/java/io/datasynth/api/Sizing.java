package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.TokenCounter;
import io.datasynth.json.Json;
import io.datasynth.schema.Field;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.util.List;

/** Sizes of records in tokens, measured on the seeds as the model would write them (indented JSON). */
final class Sizing {
  /** Reply overhead per request: the code fence and a line of prose. */
  static final int REPLY_OVERHEAD = 30;

  private Sizing() {}

  /** The largest seed's size: {@code max_tokens} must fit the longest records the model may write. */
  static int maxTokensPerRecord(Schema schema, List<Seed> seeds, TokenCounter counter) {
    return seeds.stream().mapToInt(s -> tokens(schema, s, counter)).max().orElse(64);
  }

  /** The average seed's size, for cost estimates. */
  static double averageTokensPerRecord(Schema schema, List<Seed> seeds, TokenCounter counter) {
    return seeds.stream().mapToInt(s -> tokens(schema, s, counter)).average().orElse(64);
  }

  private static int tokens(Schema schema, Seed s, TokenCounter counter) {
    ObjectNode shown = Json.object();
    for (Field f : schema.fields()) {
      if (s.data().has(f.name())) {
        shown.set(f.name(), s.data().get(f.name()));
      }
    }
    return Math.max(16, counter.count(Json.pretty(shown)) + 4);
  }
}
