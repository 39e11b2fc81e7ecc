package io.datasynth.testkit;

import static io.datasynth.testkit.JsonChecks.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.util.Set;

/** Validates an Anthropic Messages API request as the documented API does, with messages in its style. */
final class AnthropicParser {
  private static final Set<String> FIELDS =
      Set.of(
          "model", "max_tokens", "messages", "system", "temperature", "stop_sequences", "metadata", "top_p",
          "top_k", "stream");

  private AnthropicParser() {}

  static Parsed parse(Headers headers, byte[] body) {
    try {
      return new Parsed.Valid(validate(headers, body));
    } catch (JsonChecks.Rejected e) {
      return new Parsed.Invalid(e.error);
    }
  }

  private static CompletionRequest validate(Headers headers, byte[] body) {
    if (headers.getFirst("anthropic-version") == null) {
      throw invalid(null, "anthropic-version: header is required (e.g. anthropic-version: 2023-06-01)");
    }
    JsonChecks.requireJsonContentType(headers);
    ObjectNode request = JsonChecks.object(body);
    JsonChecks.rejectUnknown(
        request, FIELDS, name -> name + ": Extra inputs are not permitted (the fake accepts " + FIELDS + ")");
    String model = JsonChecks.requiredString(request, "model", "model: Field required");
    if (request.path("max_tokens").isMissingNode() || request.get("max_tokens").isNull()) {
      throw invalid("max_tokens", "max_tokens: Field required");
    }
    int maxTokens = JsonChecks.positiveInt(request, "max_tokens");
    JsonChecks.rejectStreaming(request);
    Double temperature = JsonChecks.number(request, "temperature", 0, 1);
    JsonChecks.number(request, "top_p", 0, 1);
    checkTopK(request);
    checkStopSequences(request);
    if (request.has("metadata") && !request.get("metadata").isObject()) {
      throw invalid("metadata", "metadata: must be an object");
    }
    StringBuilder prompt = new StringBuilder();
    if (request.has("system")) {
      prompt.append(JsonChecks.text(request.get("system"), "system")).append('\n');
    }
    appendMessages(request.get("messages"), prompt);
    String text = prompt.toString();
    return new CompletionRequest(
        model, maxTokens, maxTokens, temperature, text, TokenCounter.count(text), false);
  }

  private static void appendMessages(JsonNode messages, StringBuilder prompt) {
    if (messages == null || messages.isNull()) {
      throw invalid("messages", "messages: Field required");
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw invalid("messages", "messages: must be a non-empty array of {role, content}");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String at = "messages." + i;
      String role = message.path("role").asText("");
      if (!role.equals("user") && !role.equals("assistant")) {
        throw invalid(at + ".role", at + ".role: must be \"user\" or \"assistant\", got " + message.path("role"));
      }
      if (i == 0 && !role.equals("user")) {
        throw invalid("messages", "messages: the first message must use the \"user\" role");
      }
      prompt.append(JsonChecks.text(message.get("content"), at + ".content")).append('\n');
    }
  }

  private static void checkTopK(ObjectNode request) {
    JsonNode topK = request.get("top_k");
    if (topK != null && !topK.isNull() && (!topK.canConvertToExactIntegral() || topK.asInt() < 0)) {
      throw invalid("top_k", "top_k: must be an integer of at least 0, got " + topK);
    }
  }

  private static void checkStopSequences(ObjectNode request) {
    JsonNode stops = request.get("stop_sequences");
    if (stops == null || stops.isNull()) {
      return;
    }
    if (!stops.isArray()) {
      throw invalid("stop_sequences", "stop_sequences: must be an array of strings");
    }
    for (JsonNode stop : stops) {
      if (!stop.isTextual()) {
        throw invalid("stop_sequences", "stop_sequences: must be an array of strings, got " + stop);
      }
    }
  }
}
