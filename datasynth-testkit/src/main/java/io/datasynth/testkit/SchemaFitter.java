package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Builds a value that conforms to a structured-output schema from the records a reply carries: the records fill
 * the schema's records array (the first array-of-objects property, preferring one named {@code records},
 * {@code samples}, {@code items} or {@code data}; the root itself when it is an array; else the root object takes
 * the first record), each record fitted to the item schema (its fields kept where the schema has them and the type
 * fits, coerced where they do not, the missing ones made up, the extra ones dropped when
 * {@code additionalProperties} is false); every other value is made up to fit ({@code enum}, {@code const},
 * formats, bounds, {@code minItems}/{@code maxItems}, {@code minLength}/{@code maxLength}). Strings under a
 * {@code pattern} keep the record's value when it matches, else take the shortest of a few made-up candidates that
 * does, else keep the record's value.
 */
final class SchemaFitter {
  private static final Set<String> RECORD_ARRAYS = Set.of("records", "samples", "items", "data");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;

  SchemaFitter(JsonNode root) {
    this.root = root;
  }

  /**
   * The fitted value and the array that holds the records (null when the root object took a single record).
   */
  record Fitted(JsonNode value, ArrayNode records) {}

  /**
   * Fits {@code records} into the schema.
   *
   * @param violations per record, whether to break its first constraint-free string (set to "") or, lacking one,
   *     number (set to -999999): a value the schema allows but a length, pattern or range rule stated elsewhere
   *     would not
   */
  Fitted fit(List<ObjectNode> records, RandomGenerator random, boolean[] violations) {
    JsonNode schema = resolve(root);
    if (AnthropicSchemaCheck.typeIs(schema, "array") || (schema.has("items") && !schema.has("properties"))) {
      ArrayNode array = recordArray(schema, records, random, violations);
      return new Fitted(array, array);
    }
    String property = recordsProperty(schema);
    if (property == null) {
      JsonNode one = fitValue(schema, records.isEmpty() ? null : records.get(0), random);
      if (violations.length > 0 && violations[0] && one instanceof ObjectNode object) {
        violate(schema, object);
      }
      return new Fitted(one, null);
    }
    ObjectNode object = NODES.objectNode();
    ArrayNode array = null;
    for (Map.Entry<String, JsonNode> entry : schema.path("properties").properties()) {
      if (entry.getKey().equals(property)) {
        array = recordArray(resolve(entry.getValue()), records, random, violations);
        object.set(property, array);
      } else if (required(schema, entry.getKey())) {
        object.set(entry.getKey(), fitValue(entry.getValue(), null, random));
      }
    }
    return new Fitted(object, array);
  }

  private ArrayNode recordArray(JsonNode arraySchema, List<ObjectNode> records, RandomGenerator random,
      boolean[] violations) {
    JsonNode items = resolve(arraySchema.path("items"));
    ArrayNode array = NODES.arrayNode();
    int max = arraySchema.has("maxItems") ? arraySchema.get("maxItems").asInt() : Integer.MAX_VALUE;
    for (int i = 0; i < records.size() && i < max; i++) {
      JsonNode fitted = fitValue(items, records.get(i), random);
      if (i < violations.length && violations[i] && fitted instanceof ObjectNode object) {
        violate(items, object);
      }
      array.add(fitted);
    }
    int min = arraySchema.path("minItems").asInt(0);
    while (array.size() < min) {
      array.add(fitValue(items, null, random));
    }
    return array;
  }

  /** The name of the property that holds the records; null when there is none. */
  private String recordsProperty(JsonNode schema) {
    String first = null;
    for (Map.Entry<String, JsonNode> entry : schema.path("properties").properties()) {
      JsonNode property = resolve(entry.getValue());
      boolean objects = property.has("items") && (AnthropicSchemaCheck.typeIs(resolve(property.get("items")), "object")
          || resolve(property.get("items")).has("properties"));
      if (objects && RECORD_ARRAYS.contains(entry.getKey())) {
        return entry.getKey();
      }
      if (objects && first == null) {
        first = entry.getKey();
      }
    }
    return first;
  }

  JsonNode fitValue(JsonNode rawSchema, JsonNode value, RandomGenerator random) {
    JsonNode schema = resolve(rawSchema);
    if (schema.has("const")) {
      return schema.get("const").deepCopy();
    }
    if (schema.has("enum")) {
      JsonNode values = schema.get("enum");
      for (JsonNode allowed : values) {
        if (allowed.equals(value)) {
          return allowed.deepCopy();
        }
      }
      return values.get(random.nextInt(values.size())).deepCopy();
    }
    if (schema.has("anyOf")) {
      return fitValue(branch(schema.get("anyOf"), value), value, random);
    }
    if (schema.has("allOf")) {
      ObjectNode merged = NODES.objectNode();
      schema.get("allOf").forEach(part -> merged.setAll((ObjectNode) resolve(part).deepCopy()));
      return fitValue(merged, value, random);
    }
    String type = type(schema, value);
    return switch (type) {
      case "object" -> object(schema, value, random);
      case "array" -> array(schema, value, random);
      case "string" -> ScalarFitter.string(schema, value, random);
      case "integer" -> NODES.numberNode((long) ScalarFitter.number(schema, value, random, true));
      case "number" -> NODES.numberNode(ScalarFitter.number(schema, value, random, false));
      case "boolean" -> NODES.booleanNode(value != null && (value.isBoolean() || value.isTextual())
          ? value.asBoolean() : random.nextBoolean());
      case "null" -> NODES.nullNode();
      default -> value != null ? value.deepCopy() : NODES.textNode("x");
    };
  }

  private JsonNode object(JsonNode schema, JsonNode value, RandomGenerator random) {
    ObjectNode out = NODES.objectNode();
    JsonNode props = schema.path("properties");
    for (Map.Entry<String, JsonNode> entry : props.properties()) {
      JsonNode given = value == null ? null : value.get(entry.getKey());
      if (given != null || required(schema, entry.getKey())) {
        out.set(entry.getKey(), fitValue(entry.getValue(), given, random));
      }
    }
    JsonNode additional = schema.get("additionalProperties");
    boolean closed = additional != null && additional.isBoolean() && !additional.booleanValue();
    if (!closed && value != null && value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        if (!props.has(field.getKey())) {
          out.set(field.getKey(), field.getValue().deepCopy());
        }
      }
    }
    return out;
  }

  private JsonNode array(JsonNode schema, JsonNode value, RandomGenerator random) {
    ArrayNode out = NODES.arrayNode();
    JsonNode items = schema.has("items") ? schema.get("items") : NODES.objectNode();
    int min = schema.path("minItems").asInt(0);
    int max = schema.has("maxItems") ? schema.get("maxItems").asInt() : Integer.MAX_VALUE;
    if (value != null && value.isArray()) {
      for (int i = 0; i < value.size() && out.size() < max; i++) {
        out.add(fitValue(items, value.get(i), random));
      }
    } else if (value != null && !value.isNull() && max > 0) {
      out.add(fitValue(items, value, random));
    }
    while (out.size() < Math.max(min, value == null && max > 0 ? 1 : 0)) {
      out.add(fitValue(items, null, random));
    }
    return out;
  }

  /** The anyOf branch a value fits best: its type's, the null branch for null, else the first non-null one. */
  private JsonNode branch(JsonNode branches, JsonNode value) {
    JsonNode fallback = null;
    for (JsonNode raw : branches) {
      JsonNode candidate = resolve(raw);
      boolean nullBranch = AnthropicSchemaCheck.typeIs(candidate, "null");
      if (value == null || value.isNull() ? nullBranch : !nullBranch && fits(candidate, value)) {
        return candidate;
      }
      if (!nullBranch && fallback == null) {
        fallback = candidate;
      }
    }
    return fallback != null ? fallback : resolve(branches.get(0));
  }

  private boolean fits(JsonNode schema, JsonNode value) {
    String type = type(schema, value);
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.canConvertToExactIntegral();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  /** The schema's type that suits {@code value} best; "" when the schema names none and shows no shape. */
  private static String type(JsonNode schema, JsonNode value) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return schema.has("properties") ? "object" : schema.has("items") ? "array" : "";
    }
    if (!type.isArray()) {
      return type.asText();
    }
    String first = null;
    for (JsonNode one : type) {
      String name = one.asText();
      if (value != null && matches(name, value)) {
        return name;
      }
      if (first == null && !name.equals("null")) {
        first = name;
      }
    }
    return first != null ? first : "null";
  }

  private static boolean matches(String type, JsonNode value) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> false;
    };
  }

  private static boolean required(JsonNode schema, String name) {
    JsonNode required = schema.get("required");
    if (required == null) {
      return true;
    }
    for (JsonNode r : required) {
      if (r.asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Breaks a rule structured outputs cannot state, keeping the value inside the schema. */
  private void violate(JsonNode itemSchema, ObjectNode record) {
    JsonNode props = itemSchema.path("properties");
    for (Map.Entry<String, JsonNode> entry : props.properties()) {
      JsonNode p = resolve(entry.getValue());
      if (record.path(entry.getKey()).isTextual() && !p.has("enum") && !p.has("const") && !p.has("pattern")
          && !p.has("format") && !p.has("minLength")) {
        record.put(entry.getKey(), "");
        return;
      }
    }
    for (Map.Entry<String, JsonNode> entry : props.properties()) {
      JsonNode p = resolve(entry.getValue());
      if (record.path(entry.getKey()).isNumber() && !p.has("enum") && !p.has("const") && !p.has("minimum")
          && !p.has("exclusiveMinimum") && !p.has("multipleOf")) {
        record.put(entry.getKey(), -999999);
        return;
      }
    }
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode current = schema == null || schema.isMissingNode() ? NODES.objectNode() : schema;
    for (int hops = 0; current.has("$ref") && hops < 32; hops++) {
      JsonNode target = AnthropicSchemaCheck.resolve(root, current.get("$ref").asText(""));
      if (target == null) {
        return NODES.objectNode();
      }
      current = target;
    }
    return current;
  }
}
