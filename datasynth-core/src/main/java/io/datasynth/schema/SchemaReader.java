package io.datasynth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.InputKind;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a schema in any of the formats DataSynth accepts: a DataSynth/DataRecipe schema ({@code fields}), a
 * combined file ({@code {schema, samples}}) or a standard JSON Schema ({@code properties}).
 */
public final class SchemaReader {
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
      throw InputException.of(file, "a schema must be a JSON object, found " + Json.kind(root),
          "write {\"fields\": [...]} or a JSON Schema with \"properties\"");
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
      throw InputException.of(file, "not a schema: it has neither \"fields\" nor \"properties\"",
          "write {\"fields\": [{\"name\": ..., \"type\": ...}]} or a JSON Schema");
    }
    if (fields.isEmpty()) {
      throw InputException.of(file, "the schema has no fields",
          "declare at least one field; DataSynth never accepts records against an empty schema");
    }
    Set<String> seen = new HashSet<>();
    for (Field f : fields) {
      if (!seen.add(f.name())) {
        throw InputException.of(file, "field '" + f.name() + "' is declared twice",
            "give each field a unique name");
      }
    }
    String project = text(root, "project_name", text(root, "title", text(root, "dataset_id", "")));
    return new Schema(project, text(root, "description", ""), fields, rubric(root, file));
  }

  private static List<Field> dataSynthFields(JsonNode node, Path file) {
    List<Field> fields = new ArrayList<>();
    if (node.isArray()) {
      int i = 0;
      for (JsonNode spec : node) {
        i++;
        if (!spec.isObject()) {
          throw InputException.of(file, "fields[" + (i - 1) + "] is " + Json.kind(spec) + ", not an object",
              "write each field as {\"name\": ..., \"type\": ...}");
        }
        String name = spec.path("name").asText("").strip();
        if (name.isEmpty()) {
          throw InputException.of(file, "fields[" + (i - 1) + "] has no name",
              "add \"name\": \"...\" to the field");
        }
        fields.add(field(name, (ObjectNode) spec, file));
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isObject()) {
          throw InputException.of(file, "field '" + e.getKey() + "' is " + Json.kind(e.getValue()),
              "write it as an object with \"type\"");
        }
        fields.add(field(e.getKey().strip(), (ObjectNode) e.getValue(), file));
      }
    } else {
      throw InputException.of(file, "\"fields\" is " + Json.kind(node) + ", not a list",
          "write \"fields\": [{\"name\": ..., \"type\": ...}]");
    }
    return fields;
  }

  private static Field field(String name, ObjectNode spec, Path file) {
    String typeName = spec.path("type").asText("text");
    FieldType type = parseType(name, typeName, file);
    JsonNode c = spec.path("constraints").isObject() ? spec.get("constraints") : spec;
    Double min = null;
    Double max = null;
    JsonNode range = c.has("range") ? c.get("range") : spec.get("range");
    if (range != null && !range.isNull()) {
      if (!range.isArray() || range.size() != 2 || !range.get(0).isNumber() || !range.get(1).isNumber()) {
        throw fieldError(file, name, "range must be [low, high] with two numbers, found " + range,
            "write e.g. \"range\": [1, 5]");
      }
      min = bound(range.get(0), name, "range low", file);
      max = bound(range.get(1), name, "range high", file);
    }
    for (String k : new String[] {"min", "minimum"}) {
      if (c.path(k).isNumber()) {
        min = bound(c.get(k), name, k, file);
      }
    }
    for (String k : new String[] {"max", "maximum"}) {
      if (c.path(k).isNumber()) {
        max = bound(c.get(k), name, k, file);
      }
    }
    List<JsonNode> allowed = new ArrayList<>();
    JsonNode en = c.has("enum") ? c.get("enum") : spec.get("enum");
    if (en != null && !en.isNull()) {
      if (!en.isArray() || en.isEmpty()) {
        throw fieldError(file, name, "enum must be a non-empty list", "write e.g. \"enum\": [\"a\", \"b\"]");
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
      throw fieldError(file, name, "\"required\" must be true or false, found " + required,
          "write \"required\": true or \"required\": false (leaving it out means true)");
    }
    return new Field(name, spec.path("display_name").asText(name), type,
        spec.path("description").asText(""), required == null || required.isNull() || required.asBoolean(),
        constraints, type == FieldType.LIST ? itemType : null);
  }

  /**
   * A numeric bound as a double; a number beyond a double's range (1e400 reads as infinity) is refused, because no
   * value could be compared with it.
   */
  static double bound(JsonNode v, String field, String what, Path file) {
    double d = v.asDouble();
    if (!Double.isFinite(d)) {
      throw fieldError(file, field, what + " is beyond the range of a number (±" + Double.MAX_VALUE + ")",
          "use a bound within that range, or leave it out for no bound");
    }
    return d;
  }

  static FieldType parseType(String field, String typeName, Path file) {
    return FieldType.parse(typeName).orElseThrow(() -> fieldError(file, field,
        "unknown type '" + typeName + "'", "use one of " + FieldType.spellings()));
  }

  static void checkConstraints(String name, FieldType type, Constraints c, Path file) {
    if (c.hasRange() && !type.isNumeric()) {
      throw fieldError(file, name, "a range applies to int and float fields, not " + type.typeName(),
          "use min_length/max_length for text and lists");
    }
    if (c.min() != null && c.max() != null && c.min() > c.max()) {
      throw fieldError(file, name, "range low " + num(c.min()) + " is above high " + num(c.max()),
          "swap the bounds");
    }
    if (c.minLength() != null && c.maxLength() != null && c.minLength() > c.maxLength()) {
      throw fieldError(file, name, "min_length " + c.minLength() + " is above max_length " + c.maxLength(),
          "swap them");
    }
    if ((c.minLength() != null || c.maxLength() != null) && type != FieldType.TEXT && type != FieldType.LIST) {
      throw fieldError(file, name, "lengths apply to text and list fields, not " + type.typeName(),
          "use a range for numbers");
    }
    if (c.pattern() != null) {
      if (type != FieldType.TEXT) {
        throw fieldError(file, name, "a pattern applies to text fields, not " + type.typeName(), null);
      }
      try {
        SchemaPattern.compile(c.pattern());
      } catch (IllegalArgumentException e) {
        throw fieldError(file, name, e.getMessage(), "fix the pattern; " + SchemaPattern.SYNTAX);
      }
    }
  }

  private static Integer length(JsonNode c, JsonNode spec, String name, Path file, String... keys) {
    for (JsonNode holder : new JsonNode[] {c, spec}) {
      for (String k : keys) {
        JsonNode v = holder.get(k);
        if (v != null && !v.isNull()) {
          if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            throw fieldError(file, name, k + " must be a whole number ≥ 0, found " + v, null);
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
          levels.add(new RubricLevel(level.path("score").asText(""), level.path("label").asText(""),
              level.path("description").asText(level.path("criteria").asText(""))));
        } else if (level.isTextual()) {
          levels.add(new RubricLevel("", "", level.asText()));
        } else {
          throw InputException.of(file, key + "[" + i + "] is " + Json.kind(level) + ", not a level",
              "write each level as {\"score\": ..., \"label\": ..., \"description\": ...}");
        }
        i++;
      }
    } else if (r.isObject()) {
      r.fields().forEachRemaining(e -> levels.add(new RubricLevel(e.getKey(), "",
          e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())));
    } else {
      throw InputException.of(file, key + " is " + Json.kind(r) + ", not a list of levels",
          "write it as a list of {\"score\": ..., \"label\": ..., \"description\": ...}");
    }
    return levels;
  }

  static InputException fieldError(Path file, String field, String problem, String fix) {
    return InputException.of(file, "field '" + field + "': " + problem, fix);
  }

  private static String text(JsonNode root, String key, String fallback) {
    JsonNode v = root.get(key);
    return v != null && v.isTextual() ? v.asText() : fallback;
  }

  static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
