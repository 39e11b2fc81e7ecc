package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The structured output a request asked for.
 *
 * @param kind JSON mode or a JSON schema
 * @param schema the JSON schema; null for JSON mode or an OpenAI {@code json_schema} without one
 * @param strict OpenAI's {@code strict}; true for Anthropic (its schemas are always enforced)
 * @param name OpenAI's {@code json_schema.name}; null for Anthropic
 */
record ResponseFormat(Kind kind, JsonNode schema, boolean strict, String name) {

  /** The two kinds of structured output. */
  enum Kind {
    /** Any JSON object (OpenAI {@code json_object}). */
    JSON_OBJECT,
    /** JSON that conforms to {@link #schema()}. */
    JSON_SCHEMA
  }

  static ResponseFormat jsonObject() {
    return new ResponseFormat(Kind.JSON_OBJECT, null, false, null);
  }
}
