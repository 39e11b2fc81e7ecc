package io.datasynth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;

/**
 * Validation steps shared by the request parsers. Each throws {@link Rejected} with the 400 to send; the parsers
 * catch it at their boundary and return {@link Parsed.Invalid}.
 */
final class JsonChecks {
  private JsonChecks() {}

  /** A request that fails validation; carries no stack trace. */
  static final class Rejected extends RuntimeException {
    final ApiError error;

    Rejected(ApiError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  static Rejected invalid(String param, String message) {
    return new Rejected(ApiError.invalid(param, message));
  }

  static Rejected reject(ApiError error) {
    return new Rejected(error);
  }

  /** Requires the {@code application/json} content type (parameters such as {@code charset} allowed). */
  static void requireJsonContentType(Headers headers) {
    String type = headers.getFirst("content-type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw invalid(
          null, "content-type is " + (type == null ? "missing" : "'" + type + "'") + "; send application/json");
    }
  }

  /** The body as a JSON object. */
  static ObjectNode object(byte[] body) {
    JsonNode node;
    try {
      node = Jsons.MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw invalid(null, "the request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw invalid(null, "the request body must be a JSON object");
    }
    return object;
  }

  /** Rejects the first field not in {@code allowed}, with the message {@code describe} gives for its name. */
  static void rejectUnknown(ObjectNode body, Set<String> allowed, Function<String, String> describe) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw invalid(name, describe.apply(name));
      }
    }
  }

  static String requiredString(ObjectNode body, String field, String missingMessage) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw invalid(field, missingMessage);
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw invalid(field, field + ": must be a non-empty string");
    }
    return node.textValue();
  }

  /** An optional positive integer field; null when absent. */
  static Integer positiveInt(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToExactIntegral() || !node.canConvertToInt() || node.asInt() < 1) {
      throw invalid(field, field + ": must be an integer of at least 1, got " + node);
    }
    return node.asInt();
  }

  /** An optional number field within [min, max]; null when absent. */
  static Double number(ObjectNode body, String field, double min, double max) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
      throw invalid(field, field + ": must be a number between " + fmt(min) + " and " + fmt(max) + ", got " + node);
    }
    return node.asDouble();
  }

  /** An optional boolean field; null when absent. */
  static Boolean bool(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw invalid(field, field + ": must be a boolean, got " + node);
    }
    return node.booleanValue();
  }

  /** An optional string field; null when absent. */
  static String string(JsonNode body, String field, String at) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw invalid(at, at + ": must be a string, got " + node);
    }
    return node.textValue();
  }

  /** Refuses the first field the API knows but the fake does not serve, naming it. */
  static void rejectUnsupported(ObjectNode body, Set<String> unsupported) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (unsupported.contains(name)) {
        throw invalid(name, name + ": the fake provider does not support " + name + "; leave it out");
      }
    }
  }

  /**
   * The text of a message content: a non-empty string, or a non-empty array of {@code {"type": "text", "text":
   * ...}} blocks (joined by newlines).
   */
  static String text(JsonNode content, String param) {
    if (content == null || content.isNull()) {
      throw invalid(param, param + ": Field required");
    }
    if (content.isTextual()) {
      if (content.textValue().isEmpty()) {
        throw invalid(param, param + ": must not be empty");
      }
      return content.textValue();
    }
    if (!content.isArray() || content.isEmpty()) {
      throw invalid(param, param + ": must be a string or a non-empty array of text blocks");
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < content.size(); i++) {
      JsonNode block = content.get(i);
      String at = param + "." + i;
      String type = block.path("type").asText("");
      if (!type.equals("text")) {
        throw invalid(at, at + ".type: the fake supports only \"text\" blocks, got " + block.path("type"));
      }
      if (!block.path("text").isTextual()) {
        throw invalid(at, at + ".text: must be a string");
      }
      if (i > 0) {
        text.append('\n');
      }
      text.append(block.get("text").textValue());
    }
    return text.toString();
  }

  /** A number as the APIs print it: {@code 1}, {@code 0.8}. */
  static String fmt(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
