package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of OpenAI's strict structured outputs ({@code response_format: {type: json_schema, json_schema: {strict:
 * true}}}), from the Structured Outputs guide's "Supported schemas": the root is an object (not {@code anyOf});
 * every object sets {@code additionalProperties: false} and lists every property in {@code required}; only the
 * supported keywords (types, {@code properties}, {@code required}, {@code additionalProperties}, {@code items},
 * {@code enum}, {@code const}, {@code anyOf}, {@code $ref}/{@code $defs}/{@code definitions}, {@code description},
 * {@code title}, string {@code pattern} and {@code format}, number {@code multipleOf}, {@code minimum},
 * {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum}, array {@code minItems} and
 * {@code maxItems}); at most 5,000 object properties and 10 levels of nesting; at most 120,000 characters of
 * property names, definition names, enum and const values; at most 1,000 enum values, and an enum of more than 250
 * strings at most 15,000 characters. Errors are OpenAI's {@code Invalid schema for response_format 'NAME': In
 * context=(...), ...} 400s with {@code param: response_format}.
 */
final class OpenAiSchemaCheck {
  static final int MAX_PROPERTIES = 5000;
  static final int MAX_DEPTH = 10;
  static final int MAX_STRING_CHARS = 120_000;
  static final int MAX_ENUM_VALUES = 1000;
  static final int LARGE_ENUM = 250;
  static final int LARGE_ENUM_CHARS = 15_000;
  private static final Set<String> KEYWORDS =
      Set.of(
          "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "$ref",
          "$defs", "definitions", "description", "title", "pattern", "format", "multipleOf", "minimum", "maximum",
          "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems");
  private static final Set<String> FORMATS =
      Set.of("date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid");

  private final String name;
  private int properties;
  private long chars;
  private int enumValues;

  private OpenAiSchemaCheck(String name) {
    this.name = name;
  }

  /** Refuses the first rule {@code schema} breaks, for the format named {@code name}. */
  static void check(JsonNode schema, String name) {
    OpenAiSchemaCheck check = new OpenAiSchemaCheck(name);
    if (!AnthropicSchemaCheck.typeIs(schema, "object") || schema.has("anyOf")) {
      String type = schema.has("type") ? schema.get("type").toString() : "None";
      throw check.refuse("schema must be a JSON Schema of 'type: \"object\"', got 'type: " + type + "'.");
    }
    check.walk(schema, new ArrayList<>(), 0);
    if (check.properties > MAX_PROPERTIES) {
      throw check.refuse("the schema has " + check.properties + " object properties; at most " + MAX_PROPERTIES
          + " are allowed.");
    }
    if (check.chars > MAX_STRING_CHARS) {
      throw check.refuse("the property names, definition names, enum and const values add up to " + check.chars
          + " characters; at most " + MAX_STRING_CHARS + " are allowed.");
    }
    if (check.enumValues > MAX_ENUM_VALUES) {
      throw check.refuse("the schema has " + check.enumValues + " enum values; at most " + MAX_ENUM_VALUES
          + " are allowed across all enum properties.");
    }
  }

  private void walk(JsonNode schema, List<String> context, int depth) {
    if (!schema.isObject()) {
      throw refuse(context, "schema must be an object, got " + schema + ".");
    }
    for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
      String keyword = names.next();
      if (!KEYWORDS.contains(keyword)) {
        throw refuse(context, "'" + keyword + "' is not permitted.");
      }
    }
    if (schema.has("format") && !FORMATS.contains(schema.get("format").asText(""))) {
      throw refuse(context, "format " + schema.get("format") + " is not supported; use one of " + FORMATS + ".");
    }
    countEnum(schema, context);
    if (schema.has("const")) {
      chars += schema.get("const").asText("").length();
    }
    boolean object = schema.has("properties") || AnthropicSchemaCheck.typeIs(schema, "object");
    if (object) {
      if (depth >= MAX_DEPTH) {
        throw refuse(context, "the schema nests objects more than " + MAX_DEPTH + " levels deep.");
      }
      JsonNode additional = schema.get("additionalProperties");
      if (additional == null || !additional.isBoolean() || additional.booleanValue()) {
        throw refuse(context, "'additionalProperties' is required to be supplied and to be false.");
      }
      JsonNode props = schema.path("properties");
      JsonNode required = schema.get("required");
      if (required == null || !required.isArray()) {
        if (props.size() > 0) {
          throw refuse(context, "'required' is required to be supplied and to be an array including every key in"
              + " properties. Missing '" + props.fieldNames().next() + "'.");
        }
      } else {
        List<String> listed = new ArrayList<>();
        required.forEach(r -> listed.add(r.asText()));
        for (Iterator<String> keys = props.fieldNames(); keys.hasNext(); ) {
          String key = keys.next();
          if (!listed.contains(key)) {
            throw refuse(context, "'required' is required to be supplied and to be an array including every key in"
                + " properties. Missing '" + key + "'.");
          }
        }
        for (String key : listed) {
          if (!props.has(key)) {
            throw refuse(context, "Extra required key '" + key + "' supplied.");
          }
        }
      }
      for (Map.Entry<String, JsonNode> property : props.properties()) {
        properties++;
        chars += property.getKey().length();
        walk(property.getValue(), with(context, "properties", property.getKey()), depth + 1);
      }
    }
    if (schema.has("items")) {
      walk(schema.get("items"), with(context, "items"), depth);
    }
    if (schema.has("anyOf")) {
      for (int i = 0; i < schema.get("anyOf").size(); i++) {
        walk(schema.get("anyOf").get(i), with(context, "anyOf", Integer.toString(i)), depth);
      }
    }
    for (String definitions : new String[] {"$defs", "definitions"}) {
      if (schema.has(definitions)) {
        for (Map.Entry<String, JsonNode> definition : schema.get(definitions).properties()) {
          chars += definition.getKey().length();
          walk(definition.getValue(), with(context, definitions, definition.getKey()), depth);
        }
      }
    }
  }

  private void countEnum(JsonNode schema, List<String> context) {
    JsonNode values = schema.get("enum");
    if (values == null) {
      return;
    }
    enumValues += values.size();
    long length = 0;
    for (JsonNode value : values) {
      length += value.asText("").length();
    }
    chars += length;
    if (values.size() > LARGE_ENUM && length > LARGE_ENUM_CHARS) {
      throw refuse(context, "an enum of " + values.size() + " values has " + length + " characters; an enum of more"
          + " than " + LARGE_ENUM + " string values may have at most " + LARGE_ENUM_CHARS + ".");
    }
  }

  private static List<String> with(List<String> context, String... parts) {
    List<String> next = new ArrayList<>(context);
    next.addAll(List.of(parts));
    return next;
  }

  private JsonChecks.Rejected refuse(List<String> context, String problem) {
    return refuse("In context=" + pythonTuple(context) + ", " + problem);
  }

  private JsonChecks.Rejected refuse(String problem) {
    return JsonChecks.invalid("response_format", "Invalid schema for response_format '" + name + "': " + problem);
  }

  /** The context as OpenAI prints it: {@code ()}, {@code ('items',)}, {@code ('properties', 'a')}. */
  static String pythonTuple(List<String> parts) {
    if (parts.isEmpty()) {
      return "()";
    }
    List<String> quoted = parts.stream().map(p -> "'" + p + "'").toList();
    return "(" + String.join(", ", quoted) + (parts.size() == 1 ? ",)" : ")");
  }
}
