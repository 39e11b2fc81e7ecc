package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How the fake bends the records of a reply for data-quality tests: skewed enum values, seeds echoed from the
 * prompt, and field values fixed by the prompt.
 *
 * @param skews per field, the value a record takes with the given probability (when the record has the field)
 * @param echoSeedRate the probability that a record is replaced by a seed example from the prompt, verbatim
 * @param honourFixed whether a {@code <fixed>{…}</fixed>} JSON object in the prompt sets those fields on every
 *     record
 */
record Shaping(List<Skew> skews, double echoSeedRate, boolean honourFixed) {
  static final Shaping NONE = new Shaping(List.of(), 0, true);

  /**
   * A field that leans to one value.
   *
   * @param field the field name
   * @param value the value it takes
   * @param fraction the probability per record, in [0, 1]
   */
  record Skew(String field, JsonNode value, double fraction) {}

  /** Applies the skews, the fixed fields, then the seed echoes to {@code records} in place. */
  void apply(List<ObjectNode> records, String prompt, RandomGenerator random) {
    for (ObjectNode record : records) {
      for (Skew skew : skews) {
        if (record.has(skew.field()) && random.nextDouble() < skew.fraction()) {
          record.set(skew.field(), skew.value().deepCopy());
        }
      }
    }
    if (honourFixed) {
      String fixed = PromptJson.tagged(prompt, "fixed");
      JsonNode values = fixed == null ? null : PromptJson.read(fixed.strip());
      if (values instanceof ObjectNode object) {
        for (ObjectNode record : records) {
          for (Map.Entry<String, JsonNode> field : object.properties()) {
            record.set(field.getKey(), field.getValue().deepCopy());
          }
        }
      }
    }
    if (echoSeedRate > 0 && !records.isEmpty()) {
      List<ObjectNode> seeds = seeds(prompt, records.get(0));
      for (int i = 0; i < records.size() && !seeds.isEmpty(); i++) {
        if (random.nextDouble() < echoSeedRate) {
          records.set(i, seeds.get(random.nextInt(seeds.size())).deepCopy());
        }
      }
    }
  }

  /** The JSON objects in the prompt that share a field name with {@code like}: the seed examples. */
  static List<ObjectNode> seeds(String prompt, ObjectNode like) {
    return PromptJson.objects(prompt).stream().filter(o -> sharesField(o, like)).toList();
  }

  private static boolean sharesField(ObjectNode candidate, ObjectNode like) {
    for (Iterator<String> names = candidate.fieldNames(); names.hasNext(); ) {
      if (like.has(names.next())) {
        return true;
      }
    }
    return false;
  }
}
