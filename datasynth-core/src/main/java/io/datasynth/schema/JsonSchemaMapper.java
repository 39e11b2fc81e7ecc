package io.datasynth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.text.Message;
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
      throw InputException.of(file, Message.of("jsonschema.not_object", type.toString()),
          Message.of("jsonschema.not_object.fix"));
    }
    JsonNode props = root.path("properties");
    if (!props.isObject()) {
      return List.of();
    }
    Set<String> required = new HashSet<>();
    JsonNode req = root.get("required");
    if (req != null && !req.isNull()) {
      if (!req.isArray()) {
        throw InputException.of(file, Message.of("jsonschema.required.not_list", req.toString()),
            Message.of("jsonschema.required.fix"));
      }
      for (JsonNode r : req) {
        if (!r.isTextual()) {
          throw InputException.of(file, Message.of("jsonschema.required.not_names", r.toString()),
              Message.of("jsonschema.required.fix"));
        }
        required.add(r.asText());
      }
    }
    List<Field> fields = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) props::fields) {
      String name = e.getKey();
      JsonNode p = e.getValue();
      if (!p.isObject()) {
        throw SchemaReader.fieldError(file, name, Message.of("jsonschema.property.not_object", Json.kindOf(p)),
            null);
      }
      FieldType t = type(name, p, file);
      List<JsonNode> allowed = new ArrayList<>();
      if (p.has("enum")) {
        if (!p.get("enum").isArray() || p.get("enum").isEmpty()) {
          throw SchemaReader.fieldError(file, name, Message.of("schema.enum.empty"), null);
        }
        p.get("enum").forEach(allowed::add);
      } else if (p.has("const")) {
        allowed.add(p.get("const"));
      }
      Double min = p.path("minimum").isNumber() ? SchemaReader.bound(p.get("minimum"), name,
          Message.of("schema.bound.key", "minimum"), file) : null;
      Double max = p.path("maximum").isNumber() ? SchemaReader.bound(p.get("maximum"), name,
          Message.of("schema.bound.key", "maximum"), file) : null;
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
      throw SchemaReader.fieldError(file, name, Message.of("jsonschema.no_type"), Message.of("jsonschema.no_type.fix"));
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          return SchemaReader.parseType(name, t.asText(), file);
        }
      }
      throw SchemaReader.fieldError(file, name, Message.of("jsonschema.only_null"), null);
    }
    return SchemaReader.parseType(name, type.asText(), file);
  }

  private static Integer intOrNull(JsonNode p, String key) {
    JsonNode v = p.get(key);
    return v != null && v.canConvertToInt() ? v.asInt() : null;
  }
}
