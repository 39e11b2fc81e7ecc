package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The fake provider's per-model rules: which parameters each model family accepts, its largest output and how it
 * thinks or reasons, read from a JSON data file written from the providers' documentation.
 *
 * <p>The bundled file is {@code io/datasynth/testkit/model-rules.json}; {@link #fromFile(Path)} reads another one
 * in the same format (e.g. with a model the bundled file does not know yet). Immutable and thread-safe.
 */
public final class ModelRules {
  private static final String BUNDLED = "model-rules.json";
  private static final Set<String> FAMILY_FIELDS =
      Set.of(
          "family", "source", "pattern", "maxOutput", "sampling", "temperatureWithTopP", "thinking", "prefill",
          "efforts", "defaultEffort", "reasoning", "verbosity", "chatCompletions", "cacheMinimum",
          "structuredOutputs");
  private static final Set<String> THINKING_TYPES = Set.of("enabled", "adaptive", "disabled", "between_tools");

  private final String origin;
  private final String checked;
  private final Map<ApiStyle, List<ModelRule>> families;
  private final Map<ApiStyle, ModelRule> custom;
  private final Map<ApiStyle, List<String>> listed;

  private ModelRules(
      String origin,
      String checked,
      Map<ApiStyle, List<ModelRule>> families,
      Map<ApiStyle, ModelRule> custom,
      Map<ApiStyle, List<String>> listed) {
    this.origin = origin;
    this.checked = checked;
    this.families = families;
    this.custom = custom;
    this.listed = listed;
  }

  /** The rules bundled with the test kit. */
  public static ModelRules bundled() {
    try (InputStream in = ModelRules.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the test kit jar lacks io/datasynth/testkit/" + BUNDLED);
      }
      return parse(Jsons.MAPPER.readTree(in), "the bundled " + BUNDLED);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled " + BUNDLED, e);
    }
  }

  /**
   * The rules in {@code file}, in the bundled file's format.
   *
   * @throws IllegalArgumentException naming the file, the family and the field when the file is not valid
   * @throws UncheckedIOException when the file cannot be read
   */
  public static ModelRules fromFile(Path file) {
    Objects.requireNonNull(file, "file");
    JsonNode root;
    try {
      root = Jsons.MAPPER.readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model rules " + file + ": " + e.getMessage(), e);
    }
    return parse(root, file.toString());
  }

  /** The day the rules were last checked against the documentation, as the file states it. */
  public String checked() {
    return checked;
  }

  /** Where the rules came from: the bundled file or a path. */
  public String origin() {
    return origin;
  }

  /**
   * The rules for {@code model} in {@code style}: the first family whose pattern matches. With an allow-list, a
   * model outside it has none, and a model on it that no family matches gets the style's lenient custom rules.
   */
  Optional<ModelRule> resolve(ApiStyle style, String model, List<String> allowList) {
    if (!allowList.isEmpty() && !allowList.contains(model)) {
      return Optional.empty();
    }
    for (ModelRule rule : families.get(style)) {
      if (rule.matches(model)) {
        return Optional.of(rule);
      }
    }
    return allowList.isEmpty() ? Optional.empty() : Optional.of(custom.get(style));
  }

  /** The model ids {@code GET /v1/models} lists for {@code style} when there is no allow-list. */
  List<String> listed(ApiStyle style) {
    return listed.get(style);
  }

  private static ModelRules parse(JsonNode root, String origin) {
    Reader reader = new Reader(origin);
    if (!root.isObject()) {
      throw reader.bad("the top level", "must be a JSON object with \"anthropic\" and \"openai\"");
    }
    Map<ApiStyle, List<ModelRule>> families = new EnumMap<>(ApiStyle.class);
    Map<ApiStyle, ModelRule> custom = new EnumMap<>(ApiStyle.class);
    Map<ApiStyle, List<String>> listed = new EnumMap<>(ApiStyle.class);
    for (ApiStyle style : ApiStyle.values()) {
      String key = style.name().toLowerCase(Locale.ROOT);
      JsonNode api = root.path(key);
      if (!api.isObject()) {
        throw reader.bad("\"" + key + "\"", "is missing; give it \"families\", \"custom\" and \"listed\"");
      }
      JsonNode list = api.path("families");
      if (!list.isArray() || list.isEmpty()) {
        throw reader.bad(key + ".families", "must be a non-empty array of families");
      }
      List<ModelRule> rules = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        rules.add(reader.family(list.get(i), key + ".families[" + i + "]"));
      }
      families.put(style, List.copyOf(rules));
      custom.put(style, reader.family(api.path("custom"), key + ".custom"));
      listed.put(style, reader.strings(api.path("listed"), key + ".listed", false));
    }
    return new ModelRules(origin, root.path("checked").asText("unknown"), families, custom, listed);
  }

  /** Reads families, naming the file and the place of every problem. */
  private record Reader(String origin) {

    ModelRule family(JsonNode node, String at) {
      if (!node.isObject()) {
        throw bad(at, "must be an object");
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!FAMILY_FIELDS.contains(name)) {
          throw bad(at + "." + name, "is not a known field; use one of " + FAMILY_FIELDS);
        }
      }
      String family = text(node, "family", at, true);
      Pattern pattern;
      try {
        pattern = Pattern.compile(text(node, "pattern", at, true));
      } catch (PatternSyntaxException e) {
        throw bad(at + ".pattern", "is not a valid regular expression: " + e.getDescription());
      }
      JsonNode maxOutput = node.path("maxOutput");
      boolean limitless = maxOutput.isMissingNode() || maxOutput.isNull();
      if (!limitless && !(maxOutput.canConvertToInt() && maxOutput.asInt() > 0)) {
        throw bad(at + ".maxOutput", "must be a positive integer or null");
      }
      JsonNode thinking = node.path("thinking");
      Set<String> types = Set.copyOf(strings(thinking.path("types"), at + ".thinking.types", true));
      for (String type : types) {
        if (!THINKING_TYPES.contains(type)) {
          throw bad(at + ".thinking.types", "holds \"" + type + "\"; use " + THINKING_TYPES);
        }
      }
      String thinkingDefault = thinking.path("default").asText("off");
      if (!thinkingDefault.equals("off") && !thinkingDefault.equals("adaptive")) {
        throw bad(at + ".thinking.default", "is \"" + thinkingDefault + "\"; use \"off\" or \"adaptive\"");
      }
      String display = thinking.path("display").asText("summarized");
      if (!display.equals("summarized") && !display.equals("omitted")) {
        throw bad(at + ".thinking.display", "is \"" + display + "\"; use \"summarized\" or \"omitted\"");
      }
      List<String> efforts = strings(node.path("efforts"), at + ".efforts", true);
      String defaultEffort = node.hasNonNull("defaultEffort") ? node.get("defaultEffort").asText() : null;
      if (defaultEffort != null && !efforts.contains(defaultEffort)) {
        throw bad(at + ".defaultEffort", "is \"" + defaultEffort + "\", which is not among its efforts " + efforts);
      }
      return new ModelRule(
          family,
          text(node, "source", at, true),
          pattern,
          limitless ? null : maxOutput.asInt(),
          sampling(node, at),
          node.path("temperatureWithTopP").asBoolean(true),
          types,
          thinkingDefault.equals("adaptive"),
          display,
          node.path("prefill").asBoolean(true),
          efforts,
          defaultEffort,
          node.path("reasoning").asBoolean(false),
          node.path("verbosity").asBoolean(false),
          node.path("chatCompletions").asBoolean(true),
          cacheMinimum(node, at),
          structured(node, at));
    }

    Integer cacheMinimum(JsonNode node, String at) {
      JsonNode value = node.path("cacheMinimum");
      if (value.isMissingNode() || value.isNull()) {
        return null;
      }
      if (!(value.canConvertToInt() && value.isIntegralNumber() && value.asInt() > 0)) {
        throw bad(at + ".cacheMinimum", "must be a positive integer or null");
      }
      return value.asInt();
    }

    ModelRule.Structured structured(JsonNode node, String at) {
      String value = node.path("structuredOutputs").asText("none");
      return switch (value) {
        case "json_schema" -> ModelRule.Structured.JSON_SCHEMA;
        case "json_object" -> ModelRule.Structured.JSON_OBJECT;
        case "none" -> ModelRule.Structured.NONE;
        default -> throw bad(at + ".structuredOutputs",
            "is \"" + value + "\"; use \"json_schema\", \"json_object\" or \"none\"");
      };
    }

    ModelRule.Sampling sampling(JsonNode node, String at) {
      String value = text(node, "sampling", at, true);
      return switch (value) {
        case "any" -> ModelRule.Sampling.ANY;
        case "none" -> ModelRule.Sampling.NONE;
        case "effort-none" -> ModelRule.Sampling.EFFORT_NONE;
        default -> throw bad(at + ".sampling", "is \"" + value + "\"; use \"any\", \"none\" or \"effort-none\"");
      };
    }

    String text(JsonNode node, String field, String at, boolean required) {
      JsonNode value = node.path(field);
      if (value.isTextual() && !value.textValue().isBlank()) {
        return value.textValue();
      }
      if (!required && value.isMissingNode()) {
        return null;
      }
      throw bad(at + "." + field, "must be a non-empty string");
    }

    List<String> strings(JsonNode node, String at, boolean emptyAllowed) {
      if (node.isMissingNode() && emptyAllowed) {
        return List.of();
      }
      if (!node.isArray() || (!emptyAllowed && node.isEmpty())) {
        throw bad(at, "must be an array of strings");
      }
      Set<String> values = new LinkedHashSet<>();
      for (JsonNode value : node) {
        if (!value.isTextual() || value.textValue().isBlank()) {
          throw bad(at, "must hold only non-empty strings, got " + value);
        }
        values.add(value.textValue());
      }
      return List.copyOf(values);
    }

    IllegalArgumentException bad(String at, String problem) {
      return new IllegalArgumentException("model rules " + origin + ": " + at + " " + problem);
    }
  }
}
