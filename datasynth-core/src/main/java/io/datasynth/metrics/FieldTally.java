package io.datasynth.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.metrics.DatasetMetrics.Diversity;
import io.datasynth.metrics.DatasetMetrics.FieldKind;
import io.datasynth.metrics.DatasetMetrics.FieldMetrics;
import io.datasynth.metrics.DatasetMetrics.LengthDistribution;
import io.datasynth.metrics.DatasetMetrics.ValueShare;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything counted about one field, over the seeds and over the records. Not thread-safe. */
final class FieldTally {
  /** A categorical field without an enum shows its distribution only with at most this many values. */
  static final int LABEL_VALUES = 20;

  private final Field field;
  private final boolean bearsText;
  private final Side seeds = new Side();
  private final Side records = new Side();

  /** One side's counts: the seeds', or the records'. */
  private static final class Side {
    final DistinctCounter unigrams = new DistinctCounter();
    final DistinctCounter bigrams = new DistinctCounter();
    long tokens;
    long pairs;
    final LengthTally lengths = new LengthTally();
    final ValueTally values = new ValueTally();
    long present;

    Diversity diversity() {
      return new Diversity(tokens, tokens == 0 ? 0 : (double) unigrams.count() / tokens,
          pairs == 0 ? 0 : (double) bigrams.count() / pairs, unigrams.exact() && bigrams.exact());
    }
  }

  FieldTally(Field field) {
    this.field = field;
    this.bearsText = field.type() == FieldType.TEXT || field.type() == FieldType.LIST
        || field.type() == FieldType.OBJECT;
  }

  void addSeed(JsonNode value) {
    add(seeds, value);
  }

  void addRecord(JsonNode value) {
    add(records, value);
  }

  private void add(Side side, JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return;
    }
    side.present++;
    side.values.add(v);
    if (!bearsText) {
      return;
    }
    String text = text(v);
    side.lengths.add(text.codePointCount(0, text.length()));
    long[] tokens = Tokens.of(text);
    side.tokens += tokens.length;
    for (int i = 0; i < tokens.length; i++) {
      side.unigrams.add(tokens[i]);
      if (i > 0) {
        side.bigrams.add(Hashes.pair(tokens[i - 1], tokens[i]));
        side.pairs++;
      }
    }
  }

  /** The text of a value: a string as it is, the strings inside a list or object one per line. */
  static String text(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    StringBuilder sb = new StringBuilder();
    collect(v, sb);
    return sb.toString();
  }

  private static void collect(JsonNode v, StringBuilder sb) {
    if (v.isTextual()) {
      sb.append(sb.length() > 0 ? "\n" : "").append(v.asText());
    } else if (v.isContainerNode()) {
      v.forEach(item -> collect(item, sb));
    }
  }

  /**
   * The field's measures.
   *
   * @param targets records the plan aims at per value; null when there is no plan for this field
   * @param withSeeds whether seeds were given
   */
  FieldMetrics result(Map<String, Double> targets, boolean withSeeds) {
    FieldKind kind = kind(targets);
    String type = field.type().typeName();
    // A text field found to repeat a few values (no enum, no plan) keeps its text measures beside the distribution.
    boolean text = bearsText && (kind == FieldKind.TEXT || field.constraints().allowed().isEmpty() && targets == null);
    LengthDistribution lengths = !text ? null : new LengthDistribution(records.lengths.summary(),
        withSeeds ? seeds.lengths.summary() : null, LengthTally.bins(withSeeds ? seeds.lengths : null,
        records.lengths));
    return new FieldMetrics(field.name(), type, kind, text ? records.diversity() : null,
        text && withSeeds ? seeds.diversity() : null, lengths,
        kind == FieldKind.CATEGORICAL ? values(targets) : null);
  }

  private FieldKind kind(Map<String, Double> targets) {
    boolean enumerated = !field.constraints().allowed().isEmpty();
    boolean countable = records.values.closed() && seeds.values.closed();
    if (countable && (enumerated || targets != null || field.type() == FieldType.BOOL)) {
      return FieldKind.CATEGORICAL;
    }
    if (countable && field.type() != FieldType.LIST && field.type() != FieldType.OBJECT) {
      Map<String, Long> all = merged();
      long present = records.present + seeds.present;
      if (!all.isEmpty() && all.size() <= LABEL_VALUES && all.size() * 2 <= present) {
        return FieldKind.CATEGORICAL;
      }
    }
    return bearsText ? FieldKind.TEXT : FieldKind.OTHER;
  }

  private Map<String, Long> merged() {
    Map<String, Long> all = new LinkedHashMap<>(records.values.counts());
    seeds.values.counts().forEach((k, v) -> all.merge(k, v, Long::sum));
    return all;
  }

  /** The values: the enum's first, in its order, then the others by how often records hold them. */
  private List<ValueShare> values(Map<String, Double> targets) {
    List<String> order = new ArrayList<>();
    field.constraints().allowed().forEach(a -> order.add(ValueTally.text(a)));
    if (targets != null) {
      targets.keySet().stream().filter(k -> !order.contains(k)).forEach(order::add);
    }
    merged().entrySet().stream().filter(e -> !order.contains(e.getKey()))
        .sorted((a, b) -> Long.compare(records.values.counts().getOrDefault(b.getKey(), 0L),
            records.values.counts().getOrDefault(a.getKey(), 0L)))
        .forEach(e -> order.add(e.getKey()));
    List<ValueShare> out = new ArrayList<>();
    for (String v : order) {
      out.add(new ValueShare(v, seeds.values.counts().getOrDefault(v, 0L), records.values.counts().getOrDefault(v, 0L),
          targets == null ? null : targets.getOrDefault(v, 0.0)));
    }
    return out;
  }
}
