package io.datasynth.testkit;

import static io.datasynth.testkit.JsonChecks.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Set;

/**
 * Checks an OpenAI Chat Completions request against the API's schema (fields, types, ranges), with the API's
 * messages. The rules that depend on the model are {@link OpenAiRuleCheck}'s.
 */
final class OpenAiParser {
  private static final Set<String> FIELDS =
      Set.of(
          "model", "messages", "temperature", "top_p", "max_tokens", "max_completion_tokens", "n", "stream",
          "stream_options", "response_format", "seed", "stop", "user", "presence_penalty", "frequency_penalty",
          "reasoning_effort", "verbosity", "store", "metadata", "service_tier", "prompt_cache_key",
          "safety_identifier", "prompt_cache_retention", "logprobs", "top_logprobs", "tools", "tool_choice", "parallel_tool_calls",
          "functions", "function_call", "audio", "modalities", "prediction", "web_search_options", "logit_bias");
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "tools", "tool_choice", "parallel_tool_calls", "functions", "function_call", "audio", "modalities",
          "prediction", "web_search_options", "logprobs", "top_logprobs", "logit_bias");
  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");
  private static final Set<String> FORMATS = Set.of("text", "json_object", "json_schema");
  private static final java.util.regex.Pattern SCHEMA_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9_-]+");

  private OpenAiParser() {}

  /** @param defaultMaxTokens the output budget when neither max_tokens nor max_completion_tokens is sent */
  static Parsed parse(Headers headers, byte[] body, int defaultMaxTokens) {
    try {
      return new Parsed.Valid(validate(headers, body, defaultMaxTokens));
    } catch (JsonChecks.Rejected e) {
      return new Parsed.Invalid(e.error);
    }
  }

  private static CompletionRequest validate(Headers headers, byte[] body, int defaultMaxTokens) {
    JsonChecks.requireJsonContentType(headers);
    ObjectNode request = JsonChecks.object(body);
    JsonChecks.rejectUnknown(request, FIELDS, name -> "Unrecognized request argument supplied: " + name);
    JsonChecks.rejectUnsupported(request, UNSUPPORTED);
    String model = JsonChecks.requiredString(request, "model", "you must provide a model parameter");
    CompletionRequest.Limits limits =
        new CompletionRequest.Limits(
            JsonChecks.positiveInt(request, "max_tokens"), JsonChecks.positiveInt(request, "max_completion_tokens"));
    JsonNode n = request.get("n");
    if (n != null && !n.isNull() && !(n.canConvertToExactIntegral() && n.asInt() == 1)) {
      throw invalid("n", "n is " + n + "; the fake returns one choice, so set n to 1 or leave it out");
    }
    boolean stream = Boolean.TRUE.equals(JsonChecks.bool(request, "stream"));
    boolean includeUsage = streamOptions(request.get("stream_options"), stream);
    CompletionRequest.Sampling sampling =
        new CompletionRequest.Sampling(
            JsonChecks.number(request, "temperature", 0, 2),
            JsonChecks.number(request, "top_p", 0, 1),
            null,
            JsonChecks.number(request, "presence_penalty", -2, 2),
            JsonChecks.number(request, "frequency_penalty", -2, 2));
    JsonNode seed = request.get("seed");
    if (seed != null && !seed.isNull() && !seed.canConvertToExactIntegral()) {
      throw invalid("seed", "seed: must be an integer, got " + seed);
    }
    String effort = JsonChecks.string(request, "reasoning_effort", "reasoning_effort");
    String verbosity = JsonChecks.string(request, "verbosity", "verbosity");
    if (verbosity != null && !Set.of("low", "medium", "high").contains(verbosity)) {
      throw OpenAiRuleCheck.unsupportedValue("verbosity", "'" + verbosity + "'", "'low', 'medium', and 'high'");
    }
    ResponseFormat format = responseFormat(request.get("response_format"));
    StringBuilder prompt = new StringBuilder();
    boolean endsWithAssistant = messages(request.get("messages"), prompt);
    if (format != null && format.kind() == ResponseFormat.Kind.JSON_OBJECT
        && !prompt.toString().toLowerCase(java.util.Locale.ROOT).contains("json")) {
      throw invalid("messages", "'messages' must contain the word 'json' in some form, to use 'response_format' of"
          + " type 'json_object'.");
    }
    String cacheKey = JsonChecks.string(request, "prompt_cache_key", "prompt_cache_key");
    String retention = JsonChecks.string(request, "prompt_cache_retention", "prompt_cache_retention");
    if (retention != null && !retention.equals("in_memory") && !retention.equals("24h")) {
      throw OpenAiRuleCheck.unsupportedValue("prompt_cache_retention", "'" + retention + "'", "'in_memory' and '24h'");
    }
    String scope = new PrefixHash("openai\u0000" + model).add(cacheKey == null ? "" : cacheKey)
        .add(request.has("response_format") ? request.get("response_format").toString() : "").current();
    CacheLayout cache = new CacheLayout(List.of(), List.of(), scope, "24h".equals(retention));
    Integer given = limits.given();
    return new CompletionRequest(
        model,
        limits,
        given != null ? given : defaultMaxTokens,
        sampling,
        null,
        effort,
        verbosity,
        stream,
        includeUsage,
        endsWithAssistant,
        prompt.toString(),
        TokenCounter.count(prompt),
        format,
        cache);
  }

  /** Whether the stream ends with a usage chunk; stream_options is only allowed on a streamed request. */
  private static boolean streamOptions(JsonNode options, boolean stream) {
    if (options == null || options.isNull()) {
      return false;
    }
    if (!stream) {
      throw invalid("stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
    }
    if (!options.isObject()) {
      throw invalid("stream_options", "stream_options: must be an object, got " + options);
    }
    JsonNode include = options.get("include_usage");
    if (include != null && !include.isNull() && !include.isBoolean()) {
      throw invalid("stream_options.include_usage", "stream_options.include_usage: must be a boolean");
    }
    return include != null && include.asBoolean(false);
  }

  private static ResponseFormat responseFormat(JsonNode format) {
    if (format == null || format.isNull()) {
      return null;
    }
    String type = format.path("type").asText("");
    if (!format.isObject() || !FORMATS.contains(type)) {
      throw invalid(
          "response_format", "response_format: must be an object with type one of " + FORMATS + ", got " + format);
    }
    return switch (type) {
      case "json_object" -> ResponseFormat.jsonObject();
      case "json_schema" -> jsonSchema(format.get("json_schema"));
      default -> null;
    };
  }

  private static ResponseFormat jsonSchema(JsonNode spec) {
    if (spec == null || spec.isNull()) {
      throw invalid("response_format.json_schema", "Missing required parameter: 'response_format.json_schema'.");
    }
    if (!spec.isObject()) {
      throw invalid("response_format.json_schema", "Invalid type for 'response_format.json_schema': expected an"
          + " object, but got " + spec.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " instead.");
    }
    JsonNode name = spec.get("name");
    if (name == null || name.isNull()) {
      throw invalid("response_format.json_schema.name",
          "Missing required parameter: 'response_format.json_schema.name'.");
    }
    String text = name.asText("");
    if (!name.isTextual() || !SCHEMA_NAME.matcher(text).matches()) {
      throw invalid("response_format.json_schema.name", "Invalid 'response_format.json_schema.name': string does not"
          + " match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.");
    }
    if (text.length() > 64) {
      throw invalid("response_format.json_schema.name", "Invalid 'response_format.json_schema.name': string too long."
          + " Expected a string with maximum length 64, but got a string with length " + text.length() + " instead.");
    }
    Boolean strict = JsonChecks.bool((ObjectNode) spec, "strict");
    JsonNode schema = spec.get("schema");
    if (schema != null && !schema.isNull() && !schema.isObject()) {
      throw invalid("response_format.json_schema.schema", "Invalid type for 'response_format.json_schema.schema':"
          + " expected an object.");
    }
    boolean hasSchema = schema != null && schema.isObject();
    if (Boolean.TRUE.equals(strict)) {
      OpenAiSchemaCheck.check(hasSchema ? schema : Jsons.MAPPER.createObjectNode(), text);
    }
    return new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, hasSchema ? schema : null, Boolean.TRUE.equals(strict),
        text);
  }

  /** Appends every message's text; true when the last message is the assistant's. */
  private static boolean messages(JsonNode messages, StringBuilder prompt) {
    if (messages == null || messages.isNull()) {
      throw invalid("messages", "Missing required parameter: 'messages'.");
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw invalid("messages", "messages: must be a non-empty array of {role, content}");
    }
    String role = "";
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String at = "messages[" + i + "]";
      role = message.path("role").asText("");
      if (!ROLES.contains(role)) {
        throw invalid(at + ".role", at + ".role: must be one of " + ROLES + ", got " + message.path("role"));
      }
      prompt.append(JsonChecks.text(message.get("content"), at + ".content")).append('\n');
    }
    return role.equals("assistant");
  }
}
