package io.datasynth.testkit;

import static io.datasynth.testkit.JsonChecks.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.util.Set;

/** Validates an OpenAI Chat Completions request as the documented API does, with messages in its style. */
final class OpenAiParser {
  private static final Set<String> FIELDS =
      Set.of(
          "model", "messages", "temperature", "top_p", "max_tokens", "max_completion_tokens", "n", "stream",
          "response_format", "seed", "stop", "user", "presence_penalty", "frequency_penalty");
  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");
  private static final Set<String> FORMATS = Set.of("text", "json_object", "json_schema");

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
    JsonChecks.rejectUnknown(
        request, FIELDS, name -> "Unrecognized request argument supplied: " + name + " (the fake accepts " + FIELDS
            + ")");
    String model = JsonChecks.requiredString(request, "model", "you must provide a model parameter");
    Integer maxTokens = JsonChecks.positiveInt(request, "max_tokens");
    Integer maxCompletionTokens = JsonChecks.positiveInt(request, "max_completion_tokens");
    if (maxTokens != null && maxCompletionTokens != null) {
      throw invalid(
          "max_tokens",
          "max_tokens and max_completion_tokens are both set; send only max_completion_tokens");
    }
    Integer given = maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    JsonNode n = request.get("n");
    if (n != null && !n.isNull() && !(n.canConvertToExactIntegral() && n.asInt() == 1)) {
      throw invalid("n", "n is " + n + "; the fake returns one choice, so set n to 1 or leave it out");
    }
    JsonChecks.rejectStreaming(request);
    Double temperature = JsonChecks.number(request, "temperature", 0, 2);
    JsonChecks.number(request, "top_p", 0, 1);
    JsonNode seed = request.get("seed");
    if (seed != null && !seed.isNull() && !seed.canConvertToExactIntegral()) {
      throw invalid("seed", "seed: must be an integer, got " + seed);
    }
    boolean jsonObject = jsonResponseFormat(request.get("response_format"));
    String prompt = messages(request.get("messages"));
    return new CompletionRequest(
        model,
        given,
        given != null ? given : defaultMaxTokens,
        temperature,
        prompt,
        TokenCounter.count(prompt),
        jsonObject);
  }

  private static boolean jsonResponseFormat(JsonNode format) {
    if (format == null || format.isNull()) {
      return false;
    }
    String type = format.path("type").asText("");
    if (!format.isObject() || !FORMATS.contains(type)) {
      throw invalid(
          "response_format", "response_format: must be an object with type one of " + FORMATS + ", got " + format);
    }
    return !type.equals("text");
  }

  private static String messages(JsonNode messages) {
    if (messages == null || messages.isNull()) {
      throw invalid("messages", "Missing required parameter: 'messages'");
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw invalid("messages", "messages: must be a non-empty array of {role, content}");
    }
    StringBuilder prompt = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String at = "messages[" + i + "]";
      String role = message.path("role").asText("");
      if (!ROLES.contains(role)) {
        throw invalid(at + ".role", at + ".role: must be one of " + ROLES + ", got " + message.path("role"));
      }
      prompt.append(JsonChecks.text(message.get("content"), at + ".content")).append('\n');
    }
    return prompt.toString();
  }
}
