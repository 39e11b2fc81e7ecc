package io.datasynth.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.TokenCounter;
import io.datasynth.json.Json;
import io.datasynth.schema.Field;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sizes of records in tokens, measured on the seeds as the model would write them (indented JSON). Up to
 * {@link #MEASURED} seeds every seed is counted; beyond, the average comes from an even sample of that many and the
 * maximum from the {@link #LONGEST} longest seeds, so a huge seed file costs seconds, not minutes of tokenizing.
 */
final class Sizing {
  /** Reply overhead per request: the code fence and a line of prose. */
  static final int REPLY_OVERHEAD = 30;
  /** Seed sets up to this size are measured whole. */
  static final int MEASURED = 2_000;
  /** How many of the longest seeds the maximum is taken from, beyond {@link #MEASURED}. */
  static final int LONGEST = 64;

  private Sizing() {}

  /** The largest seed's size: {@code max_tokens} must fit the longest records the model may write. */
  static int maxTokensPerRecord(Schema schema, List<Seed> seeds, TokenCounter counter) {
    List<Seed> measured = seeds.size() <= MEASURED ? seeds : longest(seeds, LONGEST);
    return measured.stream().mapToInt(s -> tokens(schema, s, counter)).max().orElse(64);
  }

  /** The average seed's size, for cost estimates. */
  static double averageTokensPerRecord(Schema schema, List<Seed> seeds, TokenCounter counter) {
    List<Seed> measured = seeds;
    if (seeds.size() > MEASURED) {
      measured = new ArrayList<>(MEASURED);
      for (int i = 0; i < MEASURED; i++) {
        measured.add(seeds.get((int) ((long) i * seeds.size() / MEASURED)));
      }
    }
    return measured.stream().mapToInt(s -> tokens(schema, s, counter)).average().orElse(64);
  }

  /** The {@code n} seeds that weigh most: characters, an ideograph counted as three (it is about a token). */
  private static List<Seed> longest(List<Seed> seeds, int n) {
    PriorityQueue<Object[]> top = new PriorityQueue<>(Comparator.comparingLong(o -> (long) o[0]));
    for (Seed s : seeds) {
      top.add(new Object[] {weight(s.data()), s});
      if (top.size() > n) {
        top.poll();
      }
    }
    List<Seed> out = new ArrayList<>(top.size());
    top.forEach(o -> out.add((Seed) o[1]));
    return out;
  }

  private static long weight(JsonNode node) {
    if (node.isTextual()) {
      String t = node.textValue();
      long w = 2;
      for (int i = 0; i < t.length(); i++) {
        w += t.charAt(i) >= 0x2E80 ? 3 : 1;
      }
      return w;
    }
    long w = 4;
    for (JsonNode child : node) {
      w += weight(child);
    }
    var names = node.fieldNames();
    while (names.hasNext()) {
      w += names.next().length() + 4;
    }
    return w;
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
