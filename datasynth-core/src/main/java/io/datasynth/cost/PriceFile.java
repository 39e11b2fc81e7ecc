package io.datasynth.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checked content of one price file: when its prices were checked and one entry per model.
 *
 * <p>The layout is {@code {"as_of": "YYYY-MM-DD", "currency": "USD", "unit": "per million tokens", "models":
 * [{"model": ..., "input": ..., "output": ..., "cached_input": ..., "cache_write": ..., "cache_write_1h": ...,
 * "batch": ..., "aliases": [...], "source": ...}]}}. {@code cached_input} defaults to the input price (no cache
 * discount, which can only over-estimate) and {@code cache_write} to the input price (how providers without a
 * cache-write charge bill writes; give it for Anthropic-style caches, which charge more); {@code cache_write_1h}
 * (one-hour cache writes) defaults to twice the input price, as Anthropic bills them (providers without them never
 * report any); {@code batch} is the fraction of the online price a batch request costs (default 0.5, above 0 and
 * at most 1); {@code aliases} and {@code source} are optional. Unknown keys are rejected so that a misspelt price is never silently ignored.
 *
 * @param asOf the {@code as_of} date, or null when the file has none
 * @param entries the models in file order; names are unique across the file, ignoring case
 */
record PriceFile(String asOf, List<Entry> entries) {
  private static final Set<String> TOP_KEYS = Set.of("as_of", "currency", "unit", "models");
  private static final Set<String> ENTRY_KEYS =
      Set.of("model", "input", "output", "cached_input", "cache_write", "cache_write_1h", "batch", "aliases",
          "source");
  private static final String UNIT = "per million tokens";

  /** One model's price and the other ids it is known by (lower-cased). */
  record Entry(ModelPrice price, List<String> aliases) {
    /** The model id and its aliases, lower-cased. */
    List<String> names() {
      List<String> names = new ArrayList<>();
      names.add(normalize(price.model()));
      names.addAll(aliases);
      return names;
    }
  }

  /** A price file that cannot be used: what is wrong and what to do. */
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

  /** The form every model id and alias is compared in. */
  static String normalize(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Checks and reads a parsed price file.
   *
   * @throws Invalid naming the first problem found
   */
  static PriceFile parse(JsonNode root) {
    if (!root.isObject()) {
      throw new Invalid("the top level is not a JSON object",
          "use {\"models\": [{\"model\": ..., \"input\": ..., \"output\": ...}]}");
    }
    rejectUnknownKeys(root, TOP_KEYS, "at the top level");
    String asOf = optionalDate(root.get("as_of"));
    requireConstant(root.get("currency"), "currency", "USD", "give every price in US dollars");
    requireConstant(root.get("unit"), "unit", UNIT, "give every price per million tokens");
    JsonNode models = root.get("models");
    if (models == null || !models.isArray() || models.isEmpty()) {
      throw new Invalid("\"models\" is missing, not an array, or empty",
          "add \"models\": [{\"model\": \"my-model\", \"input\": 1.0, \"output\": 2.0}]");
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, String> owners = new HashMap<>();
    for (int i = 0; i < models.size(); i++) {
      Entry entry = entry(models.get(i), i + 1);
      for (String name : entry.names()) {
        String owner = owners.putIfAbsent(name, entry.price().model());
        if (owner != null) {
          throw new Invalid("the name \"" + name + "\" is used twice (by \"" + owner + "\" and \""
              + entry.price().model() + "\")", "keep each model id and alias in one entry only");
        }
      }
      entries.add(entry);
    }
    return new PriceFile(asOf, List.copyOf(entries));
  }

  private static Entry entry(JsonNode node, int number) {
    String where = "entry #" + number;
    if (!node.isObject()) {
      throw new Invalid(where + " in \"models\" is not a JSON object",
          "write it as {\"model\": ..., \"input\": ..., \"output\": ...}");
    }
    JsonNode model = node.get("model");
    if (model == null || !model.isTextual() || model.asText().isBlank()) {
      throw new Invalid(where + " has no \"model\" (a non-blank string)",
          "add the model id, e.g. \"model\": \"gpt-4o\"");
    }
    String id = model.asText().strip();
    where += " (\"" + id + "\")";
    rejectUnknownKeys(node, ENTRY_KEYS, "in " + where);
    double input = price(node, "input", where, null);
    double output = price(node, "output", where, null);
    double cachedInput = price(node, "cached_input", where, input);
    double cacheWrite = price(node, "cache_write", where, input);
    double cacheWrite1h = price(node, "cache_write_1h", where, input * ModelPrice.DEFAULT_1H_WRITE_MULTIPLIER);
    double batch = price(node, "batch", where, ModelPrice.DEFAULT_BATCH_FACTOR);
    if (!(batch > 0 && batch <= 1)) {
      throw new Invalid("\"batch\" of " + where + " is " + batch + "; it is the fraction of the online price a"
          + " batch request costs", "give a number above 0 and at most 1, e.g. 0.5 for half price");
    }
    JsonNode source = node.get("source");
    if (source != null && !source.isTextual()) {
      throw new Invalid("\"source\" of " + where + " is not a string", "give the address the price came from");
    }
    return new Entry(new ModelPrice(id, input, output, cachedInput, cacheWrite, cacheWrite1h, batch),
        aliases(node, where));
  }

  private static double price(JsonNode entry, String key, String where, Double fallback) {
    JsonNode value = entry.get(key);
    if (value == null && fallback != null) {
      return fallback;
    }
    if (value == null) {
      throw new Invalid(where + " has no \"" + key + "\"", "add it in US dollars per million tokens");
    }
    if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
      throw new Invalid("\"" + key + "\" of " + where + " is " + value + "; prices must be numbers of at least 0",
          "give the price in US dollars per million tokens, e.g. 2.5");
    }
    return value.asDouble();
  }

  private static List<String> aliases(JsonNode entry, String where) {
    JsonNode node = entry.get("aliases");
    if (node == null) {
      return List.of();
    }
    String fix = "write \"aliases\": [\"other-id\", ...] with non-blank strings";
    if (!node.isArray()) {
      throw new Invalid("\"aliases\" of " + where + " is not an array", fix);
    }
    List<String> aliases = new ArrayList<>();
    for (JsonNode alias : node) {
      if (!alias.isTextual() || alias.asText().isBlank()) {
        throw new Invalid("\"aliases\" of " + where + " holds " + alias + ", not a non-blank string", fix);
      }
      aliases.add(normalize(alias.asText()));
    }
    return List.copyOf(aliases);
  }

  private static void rejectUnknownKeys(JsonNode object, Set<String> known, String where) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new Invalid("unknown key \"" + key + "\" " + where,
            "remove it or use one of " + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private static String optionalDate(JsonNode node) {
    if (node == null) {
      return null;
    }
    try {
      return LocalDate.parse(node.asText()).toString();
    } catch (DateTimeParseException e) {
      throw new Invalid("\"as_of\" is " + node + ", not a date",
          "write the date the prices were checked as \"YYYY-MM-DD\"");
    }
  }

  private static void requireConstant(JsonNode node, String key, String expected, String fix) {
    if (node != null && !expected.equals(node.asText())) {
      throw new Invalid("\"" + key + "\" is " + node + "; only \"" + expected + "\" is supported", fix);
    }
  }
}
