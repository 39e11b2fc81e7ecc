package io.datasynth.testkit;

import static io.datasynth.testkit.JsonChecks.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.util.ArrayList;
import java.util.List;
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
          "container", "context_management", "cache_control");
  private static final Set<String> UNSUPPORTED =
      Set.of("tools", "tool_choice", "mcp_servers", "container", "context_management");
  private static final Set<String> THINKING_TYPES = Set.of("enabled", "adaptive", "disabled", "between_tools");
  private static final Set<String> DISPLAYS = Set.of("summarized", "omitted");
  private static final Set<String> EFFORTS = Set.of("low", "medium", "high", "xhigh", "max");
  static final int MIN_THINKING_BUDGET = 1024;
  /** The most {@code cache_control} breakpoints a request may carry, the automatic one included. */
  static final int MAX_BREAKPOINTS = 4;

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
    ResponseFormat format = null;
    if (outputConfig != null && !outputConfig.isNull()) {
      if (!outputConfig.isObject()) {
        throw invalid("output_config", "output_config: Input should be a valid dictionary");
      }
      effort = JsonChecks.string(outputConfig, "effort", "output_config.effort");
      if (effort != null && !EFFORTS.contains(effort)) {
        throw invalid("output_config.effort",
            "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'");
      }
      format = jsonSchemaFormat(outputConfig.get("format"));
    }
    Layout layout = new Layout(model, format, request.get("thinking"));
    if (request.has("system")) {
      layout.add("system", request.get("system"), "system");
      layout.prompt.append('\n');
    }
    boolean endsWithAssistant = appendMessages(request.get("messages"), layout);
    CacheLayout cache = layout.finish(automaticBreakpoint(request.get("cache_control")));
    String text = layout.prompt.toString();
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
        format,
        cache);
  }

  /**
   * The prompt text and its cache layout as they are read: block texts joined by newlines (each message and the
   * system prompt end with one), and after every block the hash of everything so far.
   */
  private static final class Layout {
    final StringBuilder prompt = new StringBuilder();
    final List<CacheLayout.Boundary> boundaries = new ArrayList<>();
    final List<CacheLayout.Breakpoint> breakpoints = new ArrayList<>();
    final PrefixHash hash;
    final JsonNode thinking;
    boolean inMessages;

    Layout(String model, ResponseFormat format, JsonNode thinking) {
      hash = new PrefixHash("anthropic\u0000" + model).add(format == null ? "" : format.schema().toString());
      this.thinking = thinking;
    }

    /** Adds a system or message content (a string or text blocks) of {@code role}. */
    void add(String role, JsonNode content, String param) {
      if (!role.equals("system") && !inMessages) {
        inMessages = true;
        hash.add("thinking:" + (thinking == null ? "" : thinking.toString()));
      }
      if (content != null && content.isTextual()) {
        String text = JsonChecks.text(content, param);
        boundary(role, text, Jsons.MAPPER.createObjectNode().put("type", "text").put("text", text).toString());
        return;
      }
      JsonChecks.text(content, param);
      for (int i = 0; i < content.size(); i++) {
        JsonNode block = content.get(i);
        if (i > 0) {
          prompt.append('\n');
        }
        ObjectNode identity = ((ObjectNode) block).deepCopy();
        JsonNode mark = identity.remove("cache_control");
        boundary(role, block.get("text").textValue(), identity.toString());
        if (mark != null && !mark.isNull()) {
          breakpoints.add(new CacheLayout.Breakpoint(boundaries.size() - 1, ttl(mark, param + "." + i + ".cache_control")));
        }
      }
    }

    private void boundary(String role, String text, String identity) {
      prompt.append(text);
      hash.add(role).add(identity);
      boundaries.add(new CacheLayout.Boundary(hash.current(), prompt.length()));
    }

    CacheLayout finish(Integer automaticTtl) {
      if (automaticTtl != null) {
        breakpoints.add(new CacheLayout.Breakpoint(boundaries.size() - 1, automaticTtl));
      }
      if (breakpoints.size() > MAX_BREAKPOINTS) {
        throw invalid("cache_control", "A maximum of " + MAX_BREAKPOINTS + " blocks with cache_control may be"
            + " provided. Found " + breakpoints.size() + ".");
      }
      for (int i = 1; i < breakpoints.size(); i++) {
        if (breakpoints.get(i).ttlSeconds() > breakpoints.get(i - 1).ttlSeconds()) {
          throw invalid("cache_control", "cache_control: a breakpoint with ttl '1h' must not come after one with"
              + " ttl '5m'; when mixing TTLs, put the longer-lived breakpoints first");
        }
      }
      return new CacheLayout(List.copyOf(boundaries), List.copyOf(breakpoints), null, false);
    }
  }

  /** The TTL in seconds of a {@code cache_control} object. */
  static int ttl(JsonNode mark, String at) {
    if (!mark.isObject()) {
      throw invalid(at, at + ": Input should be a valid dictionary");
    }
    for (java.util.Iterator<String> names = mark.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("type") && !name.equals("ttl")) {
        throw invalid(at + "." + name, at + "." + name + ": Extra inputs are not permitted");
      }
    }
    if (!mark.path("type").asText("").equals("ephemeral")) {
      throw invalid(at + ".type", at + ".type: Input should be 'ephemeral'");
    }
    JsonNode ttl = mark.get("ttl");
    if (ttl == null || ttl.isNull()) {
      return 300;
    }
    return switch (ttl.asText("")) {
      case "5m" -> 300;
      case "1h" -> 3600;
      default -> throw invalid(at + ".ttl", at + ".ttl: Input should be '5m' or '1h'");
    };
  }

  /** The TTL of the top-level (automatic) {@code cache_control}; null when absent. */
  private static Integer automaticBreakpoint(JsonNode mark) {
    return mark == null || mark.isNull() ? null : ttl(mark, "cache_control");
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

  private static ResponseFormat jsonSchemaFormat(JsonNode format) {
    if (format == null || format.isNull()) {
      return null;
    }
    if (!format.isObject() || !format.path("type").asText("").equals("json_schema")
        || !format.path("schema").isObject()) {
      throw invalid("output_config.format",
          "output_config.format: Input should be an object with \"type\": \"json_schema\" and a \"schema\" object");
    }
    AnthropicSchemaCheck.check(format.get("schema"));
    return new ResponseFormat(ResponseFormat.Kind.JSON_SCHEMA, format.get("schema"), true, null);
  }

  /** Adds every message's text to the layout; true when the last message is the assistant's. */
  private static boolean appendMessages(JsonNode messages, Layout layout) {
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
      layout.add(role, message.get("content"), at + ".content");
      layout.prompt.append('\n');
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
