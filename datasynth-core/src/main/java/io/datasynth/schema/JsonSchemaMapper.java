package io.datasynth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps a standard JSON Schema ({@code type: object} with {@code properties}) onto DataSynth fields. */
final class JsonSchemaMapper {
  private JsonSchemaMapper() {}

  static List<Field> fields(ObjectNode root, Path file) {
    JsonNode type = root.get("type");
    if (type != null && !"object".equals(type.asText())) {
      throw InputException.of(file, "the JSON Schema describes " + type + ", not an object",
          "DataSynth records are objects: use \"type\": \"object\" with \"properties\"");
    }
    JsonNode props = root.path("properties");
    if (!props.isObject()) {
      return List.of();
    }
    Set<String> required = new HashSet<>();
    JsonNode req = root.get("required");
    if (req != null && !req.isNull()) {
      if (!req.isArray()) {
        throw InputException.of(file, "\"required\" must be a list of property names, found " + req,
            "write e.g. \"required\": [\"instruction\", \"response\"]");
      }
      for (JsonNode r : req) {
        if (!r.isTextual()) {
          throw InputException.of(file, "\"required\" must list property names, found " + r,
              "write e.g. \"required\": [\"instruction\", \"response\"]");
        }
        required.add(r.asText());
      }
    }
    List<Field> fields = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) props::fields) {
      String name = e.getKey();
      JsonNode p = e.getValue();
      if (!p.isObject()) {
        throw SchemaReader.fieldError(file, name, "property is " + Json.kind(p) + ", not an object",
            null);
      }
      FieldType t = type(name, p, file);
      List<JsonNode> allowed = new ArrayList<>();
      if (p.has("enum")) {
        if (!p.get("enum").isArray() || p.get("enum").isEmpty()) {
          throw SchemaReader.fieldError(file, name, "enum must be a non-empty list", null);
        }
        p.get("enum").forEach(allowed::add);
      } else if (p.has("const")) {
        allowed.add(p.get("const"));
      }
      Double min = p.path("minimum").isNumber() ? SchemaReader.bound(p.get("minimum"), name, "minimum", file) : null;
      Double max = p.path("maximum").isNumber() ? SchemaReader.bound(p.get("maximum"), name, "maximum", file) : null;
      Integer minLen = intOrNull(p, t == FieldType.LIST ? "minItems" : "minLength");
      Integer maxLen = intOrNull(p, t == FieldType.LIST ? "maxItems" : "maxLength");
      String pattern = p.hasNonNull("pattern") ? p.get("pattern").asText() : null;
      FieldType itemType = null;
      if (t == FieldType.LIST && p.path("items").isObject()) {
        itemType = type(name + "[]", p.get("items"), file);
      }
      Constraints c = new Constraints(min, max, allowed, minLen, maxLen, pattern);
      SchemaReader.checkConstraints(name, t, c, file);
      fields.add(new Field(name, p.path("title").asText(name), t, p.path("description").asText(""),
          required.contains(name), c, itemType));
    }
    return fields;
  }

  private static FieldType type(String name, JsonNode p, Path file) {
    JsonNode type = p.get("type");
    if (type == null) {
      if (p.has("enum") || p.has("const")) {
        JsonNode sample = p.has("enum") ? p.get("enum").path(0) : p.get("const");
        return sample.isNumber() ? (sample.isIntegralNumber() ? FieldType.INT : FieldType.FLOAT)
            : sample.isBoolean() ? FieldType.BOOL : FieldType.TEXT;
      }
      if (p.has("properties")) {
        return FieldType.OBJECT;
      }
      if (p.has("items")) {
        return FieldType.LIST;
      }
      throw SchemaReader.fieldError(file, name, "property has no \"type\"", "add e.g. \"type\": \"string\"");
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          return SchemaReader.parseType(name, t.asText(), file);
        }
      }
      throw SchemaReader.fieldError(file, name, "type allows only null", null);
    }
    return SchemaReader.parseType(name, type.asText(), file);
  }

  private static Integer intOrNull(JsonNode p, String key) {
    JsonNode v = p.get(key);
    return v != null && v.canConvertToInt() ? v.asInt() : null;
  }
}
