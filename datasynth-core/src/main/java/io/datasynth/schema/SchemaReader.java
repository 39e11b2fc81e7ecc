package io.datasynth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.InputKind;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.text.Message;
import io.datasynth.text.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a schema in any of the formats DataSynth accepts: a DataSynth/DataRecipe schema ({@code fields}), a
 * combined file ({@code {schema, samples}}) or a standard JSON Schema ({@code properties}).
 */
public final class SchemaReader {
  /** The keys a DataSynth field may have: its own, its constraints written on it, and DataRecipe's extras. */
  static final Set<String> FIELD_KEYS = Set.of("name", "display_name", "type", "description", "required",
      "constraints", "range", "enum", "min_length", "max_length", "minLength", "maxLength", "min", "max", "minimum",
      "maximum", "pattern", "item_type", "nested_type", "items", "examples", "example", "default");
  /** The keys a field's {@code constraints} object may have. */
  static final Set<String> CONSTRAINT_KEYS = Set.of("range", "enum", "min_length", "max_length", "minLength",
      "maxLength", "min", "max", "minimum", "maximum", "pattern");
  /** The keys a rubric level may have. */
  static final Set<String> RUBRIC_KEYS = Set.of("score", "label", "description", "criteria", "examples", "example");

  private SchemaReader() {}

  /** Reads the schema in a file; errors name the file and the field at fault. */
  public static Schema read(Path file) {
    return fromJson(JsonFiles.readJson(file, InputKind.SCHEMA), file);
  }

  /**
   * Builds a schema from parsed JSON; {@code file} is used in error messages only and may be null.
   *
   * @throws InputException when the JSON is not a schema, names an unknown type, repeats a field or has no fields
   */
  public static Schema fromJson(JsonNode root, Path file) {
    if (!root.isObject()) {
      throw InputException.of(file, Message.of("schema.not_object", Json.kindOf(root)),
          Message.of("schema.not_object.fix"));
    }
    if (root.path("schema").isObject()) {
      return fromJson(root.get("schema"), file);
    }
    List<Field> fields;
    if (root.has("fields")) {
      fields = dataSynthFields(root.get("fields"), file);
    } else if (root.has("properties") || root.has("$schema") || root.path("type").isTextual()) {
      fields = JsonSchemaMapper.fields((ObjectNode) root, file);
    } else {
      String near = null;
      for (Iterator<String> it = root.fieldNames(); it.hasNext() && near == null; ) {
        near = Suggestions.closest(it.next(), List.of("fields", "properties")).orElse(null);
      }
      throw InputException.of(file, Message.of("schema.no_fields_key"), near == null
          ? Message.of("schema.no_fields_key.fix") : Message.of("schema.no_fields_key.suggest", near));
    }
    if (fields.isEmpty()) {
      throw InputException.of(file, Message.of("schema.empty"), Message.of("schema.empty.fix"));
    }
    Set<String> seen = new HashSet<>();
    for (Field f : fields) {
      if (!seen.add(f.name())) {
        throw InputException.of(file, Message.of("schema.field.twice", f.name()), Message.of("schema.field.twice.fix"));
      }
    }
    String project = text(root, "project_name", text(root, "title", text(root, "dataset_id", "")));
    return new Schema(project, text(root, "description", ""), fields, rubric(root, file), (ObjectNode) root);
  }

  private static List<Field> dataSynthFields(JsonNode node, Path file) {
    List<Field> fields = new ArrayList<>();
    if (node.isArray()) {
      int i = 0;
      for (JsonNode spec : node) {
        i++;
        if (!spec.isObject()) {
          throw InputException.of(file, Message.of("schema.field.not_object", i - 1, Json.kindOf(spec)),
              Message.of("schema.field.not_object.fix"));
        }
        String name = spec.path("name").asText("").strip();
        if (name.isEmpty()) {
          throw InputException.of(file, Message.of("schema.field.no_name", i - 1),
              Message.of("schema.field.no_name.fix"));
        }
        fields.add(field(name, (ObjectNode) spec, file));
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isObject()) {
          throw InputException.of(file, Message.of("schema.field.named_not_object", e.getKey(),
              Json.kindOf(e.getValue())), Message.of("schema.field.named_not_object.fix"));
        }
        fields.add(field(e.getKey().strip(), (ObjectNode) e.getValue(), file));
      }
    } else {
      throw InputException.of(file, Message.of("schema.fields.not_list", Json.kindOf(node)),
          Message.of("schema.fields.not_list.fix"));
    }
    return fields;
  }

  /**
   * Refuses a key no reader of this object knows: a misspelt {@code requried} would otherwise be ignored silently,
   * and the field read as if it were not there.
   *
   * @param where what holds the key, for the message: a field or a rubric level
   */
  static void checkKeys(JsonNode object, Set<String> known, Path file, Message where) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        Message fix = Suggestions.closest(key, known).map(k -> Message.of("schema.unknown_key.suggest", k))
            .orElseGet(() -> Message.of("schema.unknown_key.fix", String.join(", ", new TreeSet<>(known))));
        throw InputException.of(file, Message.of("schema.unknown_key", where, key), fix);
      }
    }
  }

  private static Field field(String name, ObjectNode spec, Path file) {
    checkKeys(spec, FIELD_KEYS, file, Message.of("schema.where.field", name));
    if (spec.path("constraints").isObject()) {
      checkKeys(spec.get("constraints"), CONSTRAINT_KEYS, file, Message.of("schema.where.constraints", name));
    }
    String typeName = spec.path("type").asText("text");
    FieldType type = parseType(name, typeName, file);
    JsonNode c = spec.path("constraints").isObject() ? spec.get("constraints") : spec;
    Double min = null;
    Double max = null;
    JsonNode range = c.has("range") ? c.get("range") : spec.get("range");
    if (range != null && !range.isNull()) {
      if (!range.isArray() || range.size() != 2 || !range.get(0).isNumber() || !range.get(1).isNumber()) {
        throw fieldError(file, name, Message.of("schema.range.shape", range.toString()),
            Message.of("schema.range.shape.fix"));
      }
      min = bound(range.get(0), name, Message.of("schema.bound.low"), file);
      max = bound(range.get(1), name, Message.of("schema.bound.high"), file);
    }
    for (String k : new String[] {"min", "minimum"}) {
      if (c.path(k).isNumber()) {
        min = bound(c.get(k), name, Message.of("schema.bound.key", k), file);
      }
    }
    for (String k : new String[] {"max", "maximum"}) {
      if (c.path(k).isNumber()) {
        max = bound(c.get(k), name, Message.of("schema.bound.key", k), file);
      }
    }
    List<JsonNode> allowed = new ArrayList<>();
    JsonNode en = c.has("enum") ? c.get("enum") : spec.get("enum");
    if (en != null && !en.isNull()) {
      if (!en.isArray() || en.isEmpty()) {
        throw fieldError(file, name, Message.of("schema.enum.empty"), Message.of("schema.enum.empty.fix"));
      }
      en.forEach(allowed::add);
    }
    Integer minLength = length(c, spec, name, file, "min_length", "minLength");
    Integer maxLength = length(c, spec, name, file, "max_length", "maxLength");
    String pattern = c.hasNonNull("pattern") ? c.get("pattern").asText()
        : spec.hasNonNull("pattern") ? spec.get("pattern").asText() : null;
    FieldType itemType = null;
    for (String k : new String[] {"item_type", "nested_type", "items"}) {
      JsonNode it = spec.get(k);
      if (it != null && it.isTextual() && !it.asText().isBlank()) {
        itemType = FieldType.parse(it.asText()).orElse(null);
      } else if (it != null && it.isObject() && it.has("type")) {
        itemType = FieldType.parse(it.get("type").asText()).orElse(null);
      }
    }
    Constraints constraints = new Constraints(min, max, allowed, minLength, maxLength, pattern);
    checkConstraints(name, type, constraints, file);
    JsonNode required = spec.get("required");
    if (required != null && !required.isNull() && !required.isBoolean()) {
      throw fieldError(file, name, Message.of("schema.required.not_boolean", required.toString()),
          Message.of("schema.required.not_boolean.fix"));
    }
    return new Field(name, spec.path("display_name").asText(name), type,
        spec.path("description").asText(""), required == null || required.isNull() || required.asBoolean(),
        constraints, type == FieldType.LIST ? itemType : null);
  }

  /**
   * A numeric bound as a double; a number beyond a double's range (1e400 reads as infinity) is refused, because no
   * value could be compared with it.
   */
  static double bound(JsonNode v, String field, Message what, Path file) {
    double d = v.asDouble();
    if (!Double.isFinite(d)) {
      throw fieldError(file, field, Message.of("schema.bound.infinite", what, Double.toString(Double.MAX_VALUE)),
          Message.of("schema.bound.infinite.fix"));
    }
    return d;
  }

  static FieldType parseType(String field, String typeName, Path file) {
    return FieldType.parse(typeName).orElseThrow(() -> fieldError(file, field,
        Message.of("schema.type.unknown", typeName), Suggestions.closest(typeName, FieldType.names())
            .map(t -> Message.of("schema.type.suggest", t, FieldType.spellings()))
            .orElseGet(() -> Message.of("schema.type.unknown.fix", FieldType.spellings()))));
  }

  static void checkConstraints(String name, FieldType type, Constraints c, Path file) {
    if (c.hasRange() && !type.isNumeric()) {
      throw fieldError(file, name, Message.of("schema.range.type", type.typeName()),
          Message.of("schema.range.type.fix"));
    }
    if (c.min() != null && c.max() != null && c.min() > c.max()) {
      throw fieldError(file, name, Message.of("schema.range.reversed", num(c.min()), num(c.max())),
          Message.of("schema.range.reversed.fix"));
    }
    if (c.minLength() != null && c.maxLength() != null && c.minLength() > c.maxLength()) {
      throw fieldError(file, name, Message.of("schema.length.reversed", c.minLength(), c.maxLength()),
          Message.of("schema.length.reversed.fix"));
    }
    if ((c.minLength() != null || c.maxLength() != null) && type != FieldType.TEXT && type != FieldType.LIST) {
      throw fieldError(file, name, Message.of("schema.length.type", type.typeName()),
          Message.of("schema.length.type.fix"));
    }
    if (c.pattern() != null) {
      if (type != FieldType.TEXT) {
        throw fieldError(file, name, Message.of("schema.pattern.type", type.typeName()), null);
      }
      try {
        SchemaPattern.compile(c.pattern());
      } catch (IllegalArgumentException e) {
        throw fieldError(file, name, Message.of("schema.pattern.invalid", e.getMessage()),
            Message.of("schema.pattern.invalid.fix"));
      }
    }
  }

  private static Integer length(JsonNode c, JsonNode spec, String name, Path file, String... keys) {
    for (JsonNode holder : new JsonNode[] {c, spec}) {
      for (String k : keys) {
        JsonNode v = holder.get(k);
        if (v != null && !v.isNull()) {
          if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            throw fieldError(file, name, Message.of("schema.length.not_whole", k, v.toString()), null);
          }
          return v.asInt();
        }
      }
    }
    return null;
  }

  private static List<RubricLevel> rubric(JsonNode root, Path file) {
    JsonNode r = root.has("scoring_rubric") ? root.get("scoring_rubric") : root.get("rubric");
    List<RubricLevel> levels = new ArrayList<>();
    if (r == null || r.isNull()) {
      return levels;
    }
    String key = root.has("scoring_rubric") ? "scoring_rubric" : "rubric";
    if (r.isArray()) {
      int i = 0;
      for (JsonNode level : r) {
        if (level.isObject()) {
          checkKeys(level, RUBRIC_KEYS, file, Message.of("schema.where.rubric", key, i));
          levels.add(new RubricLevel(level.path("score").asText(""), level.path("label").asText(""),
              level.path("description").asText(level.path("criteria").asText(""))));
        } else if (level.isTextual()) {
          levels.add(new RubricLevel("", "", level.asText()));
        } else {
          throw InputException.of(file, Message.of("schema.rubric.level", key, i, Json.kindOf(level)),
              Message.of("schema.rubric.fix"));
        }
        i++;
      }
    } else if (r.isObject()) {
      r.fields().forEachRemaining(e -> levels.add(new RubricLevel(e.getKey(), "",
          e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())));
    } else {
      throw InputException.of(file, Message.of("schema.rubric.not_list", key, Json.kindOf(r)),
          Message.of("schema.rubric.fix"));
    }
    return levels;
  }

  static InputException fieldError(Path file, String field, Message problem, Message fix) {
    return InputException.of(file, Message.of("schema.field.problem", field, problem), fix);
  }

  private static String text(JsonNode root, String key, String fallback) {
    JsonNode v = root.get(key);
    return v != null && v.isTextual() ? v.asText() : fallback;
  }

  static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
