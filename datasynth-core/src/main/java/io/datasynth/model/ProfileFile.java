package io.datasynth.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.model.ModelProfile.OutputLimit;
import io.datasynth.model.ModelProfile.Reasoning;
import io.datasynth.model.ModelProfile.Sampling;
import io.datasynth.model.ModelProfile.StructuredOutput;
import io.datasynth.model.ModelProfile.Tokenizer;
import io.datasynth.provider.ProviderKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checked content of one model-profile file: {@code {"as_of", "note", "families": [...]}}, one family per
 * entry (see the bundled {@code io/datasynth/model/models.json} for every key). Unknown keys are rejected so that
 * a misspelt rule is never silently ignored.
 */
final class ProfileFile {
  private static final Set<String> TOP_KEYS = Set.of("as_of", "note", "families");
  private static final Set<String> FAMILY_KEYS = Set.of("family", "api", "match", "known", "sampling",
      "temperature_max", "output_limit", "max_output_tokens", "non_streaming_max_tokens", "reasoning",
      "structured_output", "cache_min_tokens", "tokenizer", "tokenizer_factor", "think_tags", "batch", "source");
  private static final Set<String> REASONING_KEYS = Set.of("always_on", "default_effort", "reserve");

  /** A family and the model-id patterns it applies to (lower case, {@code *} matching any run of characters). */
  record Entry(List<String> patterns, ModelProfile profile) {}

  /** A profile file that cannot be used: what is wrong and what to do. */
  static final class Invalid extends RuntimeException {
    private final String fix;

    Invalid(String problem, String fix) {
      super(problem);
      this.fix = fix;
    }

    String fix() {
      return fix;
    }
  }

  private ProfileFile() {}

  /** Checks and reads a parsed file; the entries keep the file's order. */
  static List<Entry> parse(JsonNode root) {
    if (!root.isObject()) {
      throw new Invalid("the top level is not a JSON object", "use {\"families\": [{\"family\": ..., ...}]}");
    }
    rejectUnknown(root, TOP_KEYS, "at the top level");
    JsonNode families = root.get("families");
    if (families == null || !families.isArray() || families.isEmpty()) {
      throw new Invalid("\"families\" is missing, not an array, or empty",
          "add \"families\": [{\"family\": \"my model\", \"api\": \"openai\", \"match\": [\"my-model*\"], …}]");
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < families.size(); i++) {
      entries.add(entry(families.get(i), i + 1));
    }
    return List.copyOf(entries);
  }

  private static Entry entry(JsonNode node, int number) {
    String where = "family #" + number;
    if (!node.isObject()) {
      throw new Invalid(where + " is not a JSON object", "write it as {\"family\": ..., \"api\": ..., …}");
    }
    String family = text(node, "family", where, null);
    where += " (\"" + family + "\")";
    rejectUnknown(node, FAMILY_KEYS, "in " + where);
    ProviderKind api = ProviderKind.parse(text(node, "api", where, null))
        .orElseThrow(() -> new Invalid("\"api\" of the family is not anthropic or openai", "use one of them"));
    List<String> patterns = strings(node, "match", where);
    if (patterns.isEmpty()) {
      throw new Invalid("\"match\" of " + where + " is empty", "give at least one model-id pattern, e.g. \"my-model*\"");
    }
    Set<Sampling> sampling = EnumSet.noneOf(Sampling.class);
    for (String s : strings(node, "sampling", where)) {
      sampling.add(named(Sampling.values(), s, "sampling", where));
    }
    Double temperatureMax = null;
    if (sampling.contains(Sampling.TEMPERATURE)) {
      temperatureMax = number(node, "temperature_max", where, null);
      if (temperatureMax <= 0) {
        throw new Invalid("\"temperature_max\" of " + where + " must be above 0", "give the highest temperature");
      }
    } else if (node.has("temperature_max")) {
      throw new Invalid(where + " has \"temperature_max\" but its \"sampling\" does not list temperature",
          "add \"temperature\" to \"sampling\" or remove \"temperature_max\"");
    }
    int maxOutput = integer(node, "max_output_tokens", where, null, 1);
    int nonStreaming = integer(node, "non_streaming_max_tokens", where, 0, 0);
    ModelProfile profile = new ModelProfile(family, api, bool(node, "known", where, true), sampling, temperatureMax,
        named(OutputLimit.values(), text(node, "output_limit", where, null), "output_limit", where), maxOutput,
        nonStreaming, reasoning(node.get("reasoning"), where),
        named(StructuredOutput.values(), text(node, "structured_output", where, "none"), "structured_output", where),
        integer(node, "cache_min_tokens", where, 0, 0),
        named(Tokenizer.values(), text(node, "tokenizer", where, "o200k"), "tokenizer", where),
        number(node, "tokenizer_factor", where, 1.0), bool(node, "think_tags", where, false),
        text(node, "source", where, ""), bool(node, "batch", where, false));
    if (profile.tokenizerFactor() <= 0) {
      throw new Invalid("\"tokenizer_factor\" of " + where + " must be above 0", "use e.g. 1.0 or 1.3");
    }
    return new Entry(patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList(), profile);
  }

  private static Reasoning reasoning(JsonNode node, String where) {
    if (node == null) {
      return Reasoning.NONE;
    }
    String at = "\"reasoning\" of " + where;
    if (!node.isObject()) {
      throw new Invalid(at + " is not an object", "write {\"default_effort\": ..., \"reserve\": {...}}");
    }
    rejectUnknown(node, REASONING_KEYS, "in " + at);
    JsonNode reserveNode = node.get("reserve");
    if (reserveNode == null || !reserveNode.isObject() || reserveNode.isEmpty()) {
      throw new Invalid(at + " has no \"reserve\" object", "give tokens to leave per effort, e.g. {\"high\": 8192},"
          + " or {\"default\": 4096} for a model without an effort parameter");
    }
    Map<String, Integer> reserve = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = reserveNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
        throw new Invalid("the reserve for \"" + e.getKey() + "\" in " + at + " is " + e.getValue(),
            "give a whole number of tokens of at least 0");
      }
      reserve.put(e.getKey(), e.getValue().asInt());
    }
    String effort = text(node, "default_effort", at, Reasoning.NO_EFFORT);
    if (!reserve.containsKey(effort)) {
      throw new Invalid("the default effort \"" + effort + "\" of " + at + " has no reserve",
          "add it to \"reserve\"");
    }
    if (reserve.containsKey(Reasoning.NO_EFFORT) && reserve.size() > 1) {
      throw new Invalid(at + " mixes \"default\" with efforts",
          "use \"default\" alone for a model without an effort parameter, else only effort names");
    }
    return new Reasoning(bool(node, "always_on", at, false), effort, reserve);
  }

  private static String text(JsonNode node, String key, String where, String fallback) {
    JsonNode v = node.get(key);
    if (v == null && fallback != null) {
      return fallback;
    }
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new Invalid(where + " has no \"" + key + "\" (a non-blank string)", "add it");
    }
    return v.asText().strip();
  }

  private static List<String> strings(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new Invalid("\"" + key + "\" of " + where + " is not an array", "write [\"...\", ...]");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new Invalid("\"" + key + "\" of " + where + " holds " + item + ", not a non-blank string",
            "write [\"...\", ...]");
      }
      out.add(item.asText().strip());
    }
    return out;
  }

  private static double number(JsonNode node, String key, String where, Double fallback) {
    JsonNode v = node.get(key);
    if (v == null && fallback != null) {
      return fallback;
    }
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new Invalid(where + " needs \"" + key + "\" as a number", "add it");
    }
    return v.asDouble();
  }

  private static int integer(JsonNode node, String key, String where, Integer fallback, int min) {
    JsonNode v = node.get(key);
    if (v == null && fallback != null) {
      return fallback;
    }
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
      throw new Invalid(where + " needs \"" + key + "\" as a whole number of at least " + min, "add it");
    }
    return v.asInt();
  }

  private static boolean bool(JsonNode node, String key, String where, boolean fallback) {
    JsonNode v = node.get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new Invalid("\"" + key + "\" of " + where + " is " + v + ", not true or false", "use true or false");
    }
    return v.asBoolean();
  }

  private static <E extends Enum<E>> E named(E[] values, String name, String key, String where) {
    for (E e : values) {
      if (e.name().equalsIgnoreCase(name.replace('-', '_'))) {
        return e;
      }
    }
    throw new Invalid("\"" + key + "\" of " + where + " is \"" + name + "\"", "use one of "
        + Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
  }

  private static void rejectUnknown(JsonNode object, Set<String> known, String where) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new Invalid("unknown key \"" + key + "\" " + where,
            "remove it or use one of " + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }
}
