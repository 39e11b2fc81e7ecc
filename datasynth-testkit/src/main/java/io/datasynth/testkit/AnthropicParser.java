package io.datasynth.testkit;

import static io.datasynth.testkit.JsonChecks.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.util.Set;

/**
 * Checks an Anthropic Messages API request against the API's schema (fields, types, ranges, required headers),
 * with the API's messages. The rules that depend on the model are {@link AnthropicRuleCheck}'s.
 */
final class AnthropicParser {
  private static final Set<String> FIELDS =
      Set.of(
          "model", "max_tokens", "messages", "system", "temperature", "stop_sequences", "metadata", "top_p",
          "top_k", "stream", "thinking", "output_config", "service_tier", "tools", "tool_choice", "mcp_servers",
          "container", "context_management");
  private static final Set<String> UNSUPPORTED =
      Set.of("tools", "tool_choice", "mcp_servers", "container", "context_management");
  private static final Set<String> THINKING_TYPES = Set.of("enabled", "adaptive", "disabled", "between_tools");
  private static final Set<String> DISPLAYS = Set.of("summarized", "omitted");
  private static final Set<String> EFFORTS = Set.of("low", "medium", "high", "xhigh", "max");
  static final int MIN_THINKING_BUDGET = 1024;

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
      throw invalid(null, "anthropic-version: header is required");
    }
    JsonChecks.requireJsonContentType(headers);
    ObjectNode request = JsonChecks.object(body);
    JsonChecks.rejectUnknown(request, FIELDS, name -> name + ": Extra inputs are not permitted");
    JsonChecks.rejectUnsupported(request, UNSUPPORTED);
    String model = JsonChecks.requiredString(request, "model", "model: Field required");
    if (request.path("max_tokens").isMissingNode() || request.get("max_tokens").isNull()) {
      throw invalid("max_tokens", "max_tokens: Field required");
    }
    int maxTokens = JsonChecks.positiveInt(request, "max_tokens");
    Boolean stream = JsonChecks.bool(request, "stream");
    Double temperature = JsonChecks.number(request, "temperature", 0, 1);
    Double topP = JsonChecks.number(request, "top_p", 0, 1);
    Integer topK = topK(request);
    checkStopSequences(request);
    if (request.has("metadata") && !request.get("metadata").isObject()) {
      throw invalid("metadata", "metadata: Input should be a valid dictionary");
    }
    CompletionRequest.Thinking thinking = thinking(request.get("thinking"), maxTokens);
    JsonNode outputConfig = request.get("output_config");
    String effort = null;
    boolean jsonObject = false;
    if (outputConfig != null && !outputConfig.isNull()) {
      if (!outputConfig.isObject()) {
        throw invalid("output_config", "output_config: Input should be a valid dictionary");
      }
      effort = JsonChecks.string(outputConfig, "effort", "output_config.effort");
      if (effort != null && !EFFORTS.contains(effort)) {
        throw invalid("output_config.effort",
            "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'");
      }
      jsonObject = jsonSchemaFormat(outputConfig.get("format"));
    }
    StringBuilder prompt = new StringBuilder();
    if (request.has("system")) {
      prompt.append(JsonChecks.text(request.get("system"), "system")).append('\n');
    }
    boolean endsWithAssistant = appendMessages(request.get("messages"), prompt);
    String text = prompt.toString();
    return new CompletionRequest(
        model,
        new CompletionRequest.Limits(maxTokens, null),
        maxTokens,
        new CompletionRequest.Sampling(temperature, topP, topK, null, null),
        thinking,
        effort,
        null,
        Boolean.TRUE.equals(stream),
        false,
        endsWithAssistant,
        text,
        TokenCounter.count(text),
        jsonObject);
  }

  private static CompletionRequest.Thinking thinking(JsonNode thinking, int maxTokens) {
    if (thinking == null || thinking.isNull()) {
      return null;
    }
    if (!thinking.isObject()) {
      throw invalid("thinking", "thinking: Input should be a valid dictionary");
    }
    String type = JsonChecks.string(thinking, "type", "thinking.type");
    if (type == null || !THINKING_TYPES.contains(type)) {
      throw invalid("thinking.type",
          "thinking.type: Input should be 'enabled', 'adaptive', 'disabled' or 'between_tools'");
    }
    String display = JsonChecks.string(thinking, "display", "thinking." + type + ".display");
    if (display != null && !DISPLAYS.contains(display)) {
      throw invalid("thinking.display", "thinking." + type + ".display: Input should be 'summarized' or 'omitted'");
    }
    Integer budget = null;
    if (type.equals("enabled")) {
      JsonNode node = thinking.get("budget_tokens");
      if (node == null || node.isNull()) {
        throw invalid("thinking.budget_tokens", "thinking.enabled.budget_tokens: Field required");
      }
      if (!node.canConvertToExactIntegral() || !node.canConvertToInt()) {
        throw invalid("thinking.budget_tokens", "thinking.enabled.budget_tokens: Input should be a valid integer");
      }
      budget = node.asInt();
      if (budget < MIN_THINKING_BUDGET) {
        throw invalid("thinking.budget_tokens",
            "thinking.enabled.budget_tokens: Input should be greater than or equal to " + MIN_THINKING_BUDGET);
      }
      if (budget >= maxTokens) {
        throw invalid("max_tokens",
            "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at "
                + "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-"
                + "window-size");
      }
    } else if (thinking.has("budget_tokens")) {
      throw invalid("thinking.budget_tokens", "thinking." + type + ".budget_tokens: Extra inputs are not permitted");
    }
    return new CompletionRequest.Thinking(type, budget, display);
  }

  private static boolean jsonSchemaFormat(JsonNode format) {
    if (format == null || format.isNull()) {
      return false;
    }
    if (!format.isObject() || !format.path("type").asText("").equals("json_schema")
        || !format.path("schema").isObject()) {
      throw invalid("output_config.format",
          "output_config.format: Input should be an object with \"type\": \"json_schema\" and a \"schema\" object");
    }
    return true;
  }

  /** Appends every message's text; true when the last message is the assistant's. */
  private static boolean appendMessages(JsonNode messages, StringBuilder prompt) {
    if (messages == null || messages.isNull()) {
      throw invalid("messages", "messages: Field required");
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw invalid("messages", "messages: must be a non-empty array of {role, content}");
    }
    String role = "";
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String at = "messages." + i;
      role = message.path("role").asText("");
      if (!role.equals("user") && !role.equals("assistant")) {
        throw invalid(at + ".role", at + ".role: Input should be 'user' or 'assistant', got " + message.path("role"));
      }
      if (i == 0 && !role.equals("user")) {
        throw invalid("messages", "messages: the first message must use the \"user\" role");
      }
      prompt.append(JsonChecks.text(message.get("content"), at + ".content")).append('\n');
    }
    return role.equals("assistant");
  }

  private static Integer topK(ObjectNode request) {
    JsonNode topK = request.get("top_k");
    if (topK == null || topK.isNull()) {
      return null;
    }
    if (!topK.canConvertToExactIntegral() || !topK.canConvertToInt() || topK.asInt() < 0) {
      throw invalid("top_k", "top_k: must be an integer of at least 0, got " + topK);
    }
    return topK.asInt();
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
