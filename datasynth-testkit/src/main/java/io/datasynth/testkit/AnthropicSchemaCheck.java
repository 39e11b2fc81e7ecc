package io.datasynth.testkit;

import static io.datasynth.testkit.JsonChecks.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON Schema subset of Anthropic's structured outputs ({@code output_config.format}), as the structured
 * outputs page lists it: the basic types, {@code enum} of primitives, {@code const}, {@code anyOf}, {@code allOf}
 * (without {@code $ref} inside), local {@code $ref} / {@code $defs} / {@code definitions} that do not recurse,
 * {@code default}, {@code required}, {@code additionalProperties: false} on every object, the string formats
 * date-time, time, date, duration, email, hostname, uri, ipv4, ipv6 and uuid, {@code minItems} 0 or 1, and simple
 * {@code pattern}s (no backreferences, lookaround or word boundaries). Everything else (numeric and length
 * constraints, {@code maxItems}, {@code uniqueItems}, other {@code additionalProperties}, {@code oneOf},
 * {@code not}, conditionals, …) is refused with 400 naming the keyword and where it is.
 */
final class AnthropicSchemaCheck {
  private static final Set<String> KEYWORDS =
      Set.of(
          "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "allOf",
          "$ref", "$defs", "definitions", "description", "title", "default", "format", "pattern", "minItems",
          "$schema");
  private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean", "null");
  private static final Set<String> FORMATS =
      Set.of("date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid");
  private static final Pattern UNSUPPORTED_REGEX = Pattern.compile("\\\\[1-9]|\\(\\?<?[=!]|\\\\[bB]");
  private static final String PARAM = "output_config.format.schema";

  private final JsonNode root;

  private AnthropicSchemaCheck(JsonNode root) {
    this.root = root;
  }

  /** Refuses the first feature of {@code schema} that structured outputs do not support. */
  static void check(JsonNode schema) {
    new AnthropicSchemaCheck(schema).walk(schema, "", new HashSet<>(), false);
  }

  private void walk(JsonNode schema, String at, Set<String> refsOnPath, boolean inAllOf) {
    if (schema.isBoolean()) {
      return;
    }
    if (!schema.isObject()) {
      throw refuse(at, "must be a JSON Schema object, got " + schema);
    }
    for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
      String keyword = names.next();
      if (!KEYWORDS.contains(keyword)) {
        throw refuse(at, "'" + keyword + "' is not supported by structured outputs; leave it out of the schema (state"
            + " it in the prompt and validate it yourself)");
      }
    }
    checkType(schema, at);
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText("");
      if (inAllOf) {
        throw refuse(at, "'$ref' inside 'allOf' is not supported by structured outputs");
      }
      if (!ref.startsWith("#")) {
        throw refuse(at, "external '$ref' (" + ref + ") is not supported by structured outputs; use $defs");
      }
      if (!refsOnPath.add(ref)) {
        throw refuse(at, "recursive schemas are not supported by structured outputs ('$ref': " + ref + ")");
      }
      JsonNode target = resolve(root, ref);
      if (target == null) {
        throw refuse(at, "'$ref' " + ref + " points to nothing in the schema");
      }
      walk(target, at + "/$ref", refsOnPath, false);
      refsOnPath.remove(ref);
    }
    if (schema.has("enum")) {
      if (!schema.get("enum").isArray() || schema.get("enum").isEmpty()) {
        throw refuse(at, "'enum' must be a non-empty array");
      }
      for (JsonNode value : schema.get("enum")) {
        if (value.isContainerNode()) {
          throw refuse(at, "complex types in 'enum' are not supported by structured outputs (" + value + ")");
        }
      }
    }
    if (schema.has("format") && !FORMATS.contains(schema.get("format").asText(""))) {
      throw refuse(at, "string format " + schema.get("format") + " is not supported by structured outputs; use one of "
          + FORMATS);
    }
    if (schema.has("pattern") && UNSUPPORTED_REGEX.matcher(schema.get("pattern").asText("")).find()) {
      throw refuse(at, "pattern " + schema.get("pattern") + " uses backreferences, lookaround or word boundaries,"
          + " which structured outputs do not support");
    }
    if (schema.has("minItems")) {
      JsonNode min = schema.get("minItems");
      if (!min.canConvertToExactIntegral() || (min.asInt() != 0 && min.asInt() != 1)) {
        throw refuse(at, "'minItems' " + min + " is not supported by structured outputs; only 0 and 1 are");
      }
    }
    boolean object = schema.has("properties") || typeIs(schema, "object");
    if (object) {
      JsonNode additional = schema.get("additionalProperties");
      if (additional == null || !additional.isBoolean() || additional.booleanValue()) {
        throw refuse(at, "'additionalProperties' must be set to false for every object in structured outputs");
      }
    }
    if (schema.has("properties")) {
      for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
        walk(property.getValue(), at + "/properties/" + property.getKey(), refsOnPath, false);
      }
    }
    if (schema.has("required") && schema.has("properties")) {
      for (JsonNode name : schema.get("required")) {
        if (!schema.get("properties").has(name.asText())) {
          throw refuse(at, "'required' names '" + name.asText() + "', which is not among its properties");
        }
      }
    }
    if (schema.has("items")) {
      walk(schema.get("items"), at + "/items", refsOnPath, false);
    }
    for (String combinator : new String[] {"anyOf", "allOf"}) {
      JsonNode branches = schema.get(combinator);
      if (branches != null) {
        for (int i = 0; i < branches.size(); i++) {
          walk(branches.get(i), at + "/" + combinator + "/" + i, refsOnPath, combinator.equals("allOf"));
        }
      }
    }
    for (String definitions : new String[] {"$defs", "definitions"}) {
      if (schema.has(definitions)) {
        for (Map.Entry<String, JsonNode> definition : schema.get(definitions).properties()) {
          walk(definition.getValue(), at + "/" + definitions + "/" + definition.getKey(), refsOnPath, false);
        }
      }
    }
  }

  private static void checkType(JsonNode schema, String at) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return;
    }
    for (JsonNode one : type.isArray() ? type : java.util.List.of(type)) {
      if (!TYPES.contains(one.asText(""))) {
        throw refuse(at, "'type' " + one + " is not a JSON Schema type; use one of " + TYPES);
      }
    }
  }

  static boolean typeIs(JsonNode schema, String name) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return false;
    }
    if (type.isArray()) {
      for (JsonNode one : type) {
        if (one.asText("").equals(name)) {
          return true;
        }
      }
      return false;
    }
    return type.asText("").equals(name);
  }

  /** The subschema a local {@code $ref} (e.g. {@code #/$defs/record}, {@code #}) names; null when none. */
  static JsonNode resolve(JsonNode root, String ref) {
    if (ref.equals("#")) {
      return root;
    }
    if (!ref.startsWith("#/")) {
      return null;
    }
    JsonNode target = root.at(ref.substring(1));
    return target.isMissingNode() ? null : target;
  }

  private static JsonChecks.Rejected refuse(String at, String problem) {
    return invalid(PARAM, PARAM + (at.isEmpty() ? "" : " at " + at) + ": " + problem);
  }
}
