package io.datasynth.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
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
      throw new Invalid(Message.of("prices.not_object"), Message.of("prices.not_object.fix"));
    }
    rejectUnknownKeys(root, TOP_KEYS, Message.of("prices.where.top"));
    String asOf = optionalDate(root.get("as_of"));
    requireConstant(root.get("currency"), "currency", "USD", Message.of("prices.currency.fix"));
    requireConstant(root.get("unit"), "unit", UNIT, Message.of("prices.unit.fix"));
    JsonNode models = root.get("models");
    if (models == null || !models.isArray() || models.isEmpty()) {
      throw new Invalid(Message.of("prices.no_models"), Message.of("prices.no_models.fix"));
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, String> owners = new HashMap<>();
    for (int i = 0; i < models.size(); i++) {
      Entry entry = entry(models.get(i), i + 1);
      for (String name : entry.names()) {
        String owner = owners.putIfAbsent(name, entry.price().model());
        if (owner != null) {
          throw new Invalid(Message.of("prices.name.twice", name, owner, entry.price().model()),
              Message.of("prices.name.twice.fix"));
        }
      }
      entries.add(entry);
    }
    return new PriceFile(asOf, List.copyOf(entries));
  }

  private static Entry entry(JsonNode node, int number) {
    if (!node.isObject()) {
      throw new Invalid(Message.of("prices.entry.not_object", number), Message.of("prices.entry.not_object.fix"));
    }
    JsonNode model = node.get("model");
    if (model == null || !model.isTextual() || model.asText().isBlank()) {
      throw new Invalid(Message.of("prices.entry.no_model", number), Message.of("prices.entry.no_model.fix"));
    }
    String id = model.asText().strip();
    Message where = Message.of("prices.where.entry", number, id);
    rejectUnknownKeys(node, ENTRY_KEYS, Message.of("prices.where.in", where));
    double input = price(node, "input", where, null);
    double output = price(node, "output", where, null);
    double cachedInput = price(node, "cached_input", where, input);
    double cacheWrite = price(node, "cache_write", where, input);
    double cacheWrite1h = price(node, "cache_write_1h", where, input * ModelPrice.DEFAULT_1H_WRITE_MULTIPLIER);
    double batch = price(node, "batch", where, ModelPrice.DEFAULT_BATCH_FACTOR);
    if (!(batch > 0 && batch <= 1)) {
      throw new Invalid(Message.of("prices.batch", where, String.valueOf(batch)), Message.of("prices.batch.fix"));
    }
    JsonNode source = node.get("source");
    if (source != null && !source.isTextual()) {
      throw new Invalid(Message.of("prices.source", where), Message.of("prices.source.fix"));
    }
    return new Entry(new ModelPrice(id, input, output, cachedInput, cacheWrite, cacheWrite1h, batch),
        aliases(node, where));
  }

  private static double price(JsonNode entry, String key, Message where, Double fallback) {
    JsonNode value = entry.get(key);
    if (value == null && fallback != null) {
      return fallback;
    }
    if (value == null) {
      throw new Invalid(Message.of("prices.missing", where, key), Message.of("prices.missing.fix"));
    }
    if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
      throw new Invalid(Message.of("prices.negative", key, where, value.toString()),
          Message.of("prices.negative.fix"));
    }
    return value.asDouble();
  }

  private static List<String> aliases(JsonNode entry, Message where) {
    JsonNode node = entry.get("aliases");
    if (node == null) {
      return List.of();
    }
    Message fix = Message.of("prices.aliases.fix");
    if (!node.isArray()) {
      throw new Invalid(Message.of("prices.aliases.not_list", where), fix);
    }
    List<String> aliases = new ArrayList<>();
    for (JsonNode alias : node) {
      if (!alias.isTextual() || alias.asText().isBlank()) {
        throw new Invalid(Message.of("prices.aliases.item", where, alias.toString()), fix);
      }
      aliases.add(normalize(alias.asText()));
    }
    return List.copyOf(aliases);
  }

  private static void rejectUnknownKeys(JsonNode object, Set<String> known, Message where) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new Invalid(Message.of("prices.unknown_key", key, where),
            Message.of("prices.unknown_key.fix", String.join(", ", known.stream().sorted().toList())));
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
      throw new Invalid(Message.of("prices.as_of", node.toString()), Message.of("prices.as_of.fix"));
    }
  }

  private static void requireConstant(JsonNode node, String key, String expected, Message fix) {
    if (node != null && !expected.equals(node.asText())) {
      throw new Invalid(Message.of("prices.constant", key, node.toString(), expected), fix);
    }
  }
}
