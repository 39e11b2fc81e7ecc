package io.datasynth.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.model.ModelProfile.OutputLimit;
import io.datasynth.model.ModelProfile.Reasoning;
import io.datasynth.model.ModelProfile.Sampling;
import io.datasynth.model.ModelProfile.StructuredOutput;
import io.datasynth.model.ModelProfile.Tokenizer;
import io.datasynth.provider.ProviderKind;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
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
    private final transient Message problem;
    private final transient Message fix;

    Invalid(Message problem, Message fix) {
      super(Messages.english().render(problem));
      this.problem = problem;
      this.fix = fix;
    }

    Message problem() {
      return problem;
    }

    Message fix() {
      return fix;
    }
  }

  private ProfileFile() {}

  /** Checks and reads a parsed file; the entries keep the file's order. */
  static List<Entry> parse(JsonNode root) {
    if (!root.isObject()) {
      throw new Invalid(Message.of("prices.not_object"), Message.of("profiles.not_object.fix"));
    }
    rejectUnknown(root, TOP_KEYS, Message.of("prices.where.top"));
    JsonNode families = root.get("families");
    if (families == null || !families.isArray() || families.isEmpty()) {
      throw new Invalid(Message.of("profiles.no_families"), Message.of("profiles.no_families.fix"));
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < families.size(); i++) {
      entries.add(entry(families.get(i), i + 1));
    }
    return List.copyOf(entries);
  }

  private static Entry entry(JsonNode node, int number) {
    if (!node.isObject()) {
      throw new Invalid(Message.of("profiles.family.not_object", number), Message.of("profiles.family.not_object.fix"));
    }
    String family = text(node, "family", Message.of("profiles.where.family", number), null);
    Message where = Message.of("profiles.where.family_named", number, family);
    rejectUnknown(node, FAMILY_KEYS, Message.of("prices.where.in", where));
    ProviderKind api = ProviderKind.parse(text(node, "api", where, null))
        .orElseThrow(() -> new Invalid(Message.of("profiles.api"), Message.of("profiles.api.fix")));
    List<String> patterns = strings(node, "match", where);
    if (patterns.isEmpty()) {
      throw new Invalid(Message.of("profiles.match.empty", where), Message.of("profiles.match.empty.fix"));
    }
    Set<Sampling> sampling = EnumSet.noneOf(Sampling.class);
    for (String s : strings(node, "sampling", where)) {
      sampling.add(named(Sampling.values(), s, "sampling", where));
    }
    Double temperatureMax = null;
    if (sampling.contains(Sampling.TEMPERATURE)) {
      temperatureMax = number(node, "temperature_max", where, null);
      if (temperatureMax <= 0) {
        throw new Invalid(Message.of("profiles.above_zero", "temperature_max", where),
            Message.of("profiles.temperature_max.fix"));
      }
    } else if (node.has("temperature_max")) {
      throw new Invalid(Message.of("profiles.temperature_max.unused", where),
          Message.of("profiles.temperature_max.unused.fix"));
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
      throw new Invalid(Message.of("profiles.above_zero", "tokenizer_factor", where),
          Message.of("profiles.tokenizer_factor.fix"));
    }
    return new Entry(patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList(), profile);
  }

  private static Reasoning reasoning(JsonNode node, Message where) {
    if (node == null) {
      return Reasoning.NONE;
    }
    Message at = Message.of("profiles.where.reasoning", where);
    if (!node.isObject()) {
      throw new Invalid(Message.of("profiles.reasoning.not_object", at), Message.of("profiles.reasoning.fix"));
    }
    rejectUnknown(node, REASONING_KEYS, Message.of("prices.where.in", at));
    JsonNode reserveNode = node.get("reserve");
    if (reserveNode == null || !reserveNode.isObject() || reserveNode.isEmpty()) {
      throw new Invalid(Message.of("profiles.reserve.missing", at), Message.of("profiles.reserve.missing.fix"));
    }
    Map<String, Integer> reserve = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = reserveNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
        throw new Invalid(Message.of("profiles.reserve.value", e.getKey(), at, e.getValue().toString()),
            Message.of("profiles.reserve.value.fix"));
      }
      reserve.put(e.getKey(), e.getValue().asInt());
    }
    String effort = text(node, "default_effort", at, Reasoning.NO_EFFORT);
    if (!reserve.containsKey(effort)) {
      throw new Invalid(Message.of("profiles.effort.no_reserve", effort, at), Message.of("profiles.effort.no_reserve.fix"));
    }
    if (reserve.containsKey(Reasoning.NO_EFFORT) && reserve.size() > 1) {
      throw new Invalid(Message.of("profiles.reserve.mixed", at), Message.of("profiles.reserve.mixed.fix"));
    }
    return new Reasoning(bool(node, "always_on", at, false), effort, reserve);
  }

  private static String text(JsonNode node, String key, Message where, String fallback) {
    JsonNode v = node.get(key);
    if (v == null && fallback != null) {
      return fallback;
    }
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new Invalid(Message.of("profiles.text.missing", where, key), Message.of("profiles.add_it"));
    }
    return v.asText().strip();
  }

  private static List<String> strings(JsonNode node, String key, Message where) {
    JsonNode v = node.get(key);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new Invalid(Message.of("profiles.not_list", key, where), Message.of("profiles.strings.fix"));
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new Invalid(Message.of("profiles.strings.item", key, where, item.toString()),
            Message.of("profiles.strings.fix"));
      }
      out.add(item.asText().strip());
    }
    return out;
  }

  private static double number(JsonNode node, String key, Message where, Double fallback) {
    JsonNode v = node.get(key);
    if (v == null && fallback != null) {
      return fallback;
    }
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new Invalid(Message.of("profiles.number.missing", where, key), Message.of("profiles.add_it"));
    }
    return v.asDouble();
  }

  private static int integer(JsonNode node, String key, Message where, Integer fallback, int min) {
    JsonNode v = node.get(key);
    if (v == null && fallback != null) {
      return fallback;
    }
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
      throw new Invalid(Message.of("profiles.integer.missing", where, key, min), Message.of("profiles.add_it"));
    }
    return v.asInt();
  }

  private static boolean bool(JsonNode node, String key, Message where, boolean fallback) {
    JsonNode v = node.get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new Invalid(Message.of("profiles.not_boolean", key, where, v.toString()),
          Message.of("profiles.not_boolean.fix"));
    }
    return v.asBoolean();
  }

  private static <E extends Enum<E>> E named(E[] values, String name, String key, Message where) {
    for (E e : values) {
      if (e.name().equalsIgnoreCase(name.replace('-', '_'))) {
        return e;
      }
    }
    throw new Invalid(Message.of("profiles.name.unknown", key, where, name), Message.of("profiles.name.unknown.fix",
        Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
  }

  private static void rejectUnknown(JsonNode object, Set<String> known, Message where) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new Invalid(Message.of("prices.unknown_key", key, where),
            Message.of("prices.unknown_key.fix", String.join(", ", known.stream().sorted().toList())));
      }
    }
  }
}
