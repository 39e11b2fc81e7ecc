package io.datasynth.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.InstantText;
import io.datasynth.json.Json;
import io.datasynth.model.ModelProfile;
import io.datasynth.provider.ApiKey;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.RateLimits;
import io.datasynth.provider.RateLimits.Dimension;
import io.datasynth.provider.Usage;
import io.datasynth.provider.http.RequestBodies;
import io.datasynth.provider.http.ServerSentEvents;
import io.datasynth.provider.http.WireFormat;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}, {@code x-api-key}, {@code anthropic-version}), with the
 * request shaped by the model's profile: a temperature only where the model takes one, an effort only where it has
 * that parameter, and {@code stream: true} above the profile's non-streaming limit.
 */
public final class AnthropicWireFormat implements WireFormat {
  public static final String API_VERSION = "2023-06-01";
  private static final List<RateLimits.Headers> LIMIT_HEADERS = List.of(
      limitHeaders(Dimension.REQUESTS, "requests"),
      limitHeaders(Dimension.INPUT_TOKENS, "input-tokens"),
      limitHeaders(Dimension.OUTPUT_TOKENS, "output-tokens"),
      limitHeaders(Dimension.TOKENS, "tokens"));

  private final URI endpoint;
  private final String model;
  private final ApiKey key;
  private final Duration timeout;
  private final ModelProfile profile;

  /** @param key null for servers that need none */
  public AnthropicWireFormat(URI endpoint, String model, ApiKey key, Duration timeout, ModelProfile profile) {
    this.endpoint = endpoint;
    this.model = model;
    this.key = key;
    this.timeout = timeout;
    this.profile = profile;
  }

  /** The messages endpoint for a base URL given the SDK's way (the origin, e.g. https://api.anthropic.com). */
  public static URI endpoint(String baseUrl) {
    String b = baseUrl.strip().replaceAll("/+$", "");
    if (b.endsWith("/v1/messages")) {
      return URI.create(b);
    }
    return URI.create(b.endsWith("/v1") ? b + "/messages" : b + "/v1/messages");
  }

  /**
   * The JSON body of a Messages request, also a Message Batch item's {@code params}: the text blocks, with a
   * {@code cache_control} breakpoint on the last stable block when the request asks for caching ({@code ttl: 1h}
   * for long-lived entries), and {@code output_config.format} when it carries a response schema and the model has
   * structured outputs.
   *
   * @param stream whether to ask for server-sent events (never for a batch item)
   */
  public ObjectNode body(LlmRequest r, boolean stream) {
    ObjectNode body = Json.object();
    body.put("model", model);
    body.put("max_tokens", r.maxTokens());
    if (!r.system().isEmpty()) {
      body.put("system", r.system());
    }
    ObjectNode message = body.putArray("messages").addObject().put("role", "user");
    int breakpoint = r.cache() == null ? -1 : lastStable(r);
    if (r.content().size() == 1 && breakpoint < 0) {
      message.put("content", r.user());
    } else {
      ArrayNode blocks = message.putArray("content");
      for (int i = 0; i < r.content().size(); i++) {
        ObjectNode block = blocks.addObject().put("type", "text").put("text", r.content().get(i).text());
        if (i == breakpoint) {
          ObjectNode mark = block.putObject("cache_control").put("type", "ephemeral");
          if (r.cache().longLived()) {
            mark.put("ttl", "1h");
          }
        }
      }
    }
    if (r.temperature() != null && profile.acceptsTemperature()) {
      body.put("temperature", r.temperature());
    }
    ObjectNode outputConfig = null;
    if (r.reasoningEffort() != null && profile.reasoning().efforts().contains(r.reasoningEffort())) {
      outputConfig = body.putObject("output_config");
      outputConfig.put("effort", r.reasoningEffort());
    }
    if (r.responseSchema() != null && profile.structuredOutput() == ModelProfile.StructuredOutput.ANTHROPIC_JSON_SCHEMA) {
      if (outputConfig == null) {
        outputConfig = body.putObject("output_config");
      }
      outputConfig.putObject("format").put("type", "json_schema").set("schema", r.responseSchema());
    }
    if (stream) {
      body.put("stream", true);
    }
    return body;
  }

  /** The index of the last stable block, or -1 when there is none. */
  private static int lastStable(LlmRequest r) {
    int last = -1;
    for (int i = 0; i < r.content().size(); i++) {
      if (r.content().get(i).stable()) {
        last = i;
      }
    }
    return last;
  }

  /** The model id requests carry. */
  public String model() {
    return model;
  }

  @Override
  public Outgoing request(LlmRequest r) {
    boolean stream = profile.streams(r.maxTokens());
    ObjectNode body = body(r, stream);
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
        .timeout(WireFormat.timeout(timeout, r.maxTokens(), stream))
        .header("content-type", "application/json")
        .header("anthropic-version", API_VERSION)
        .POST(RequestBodies.of(Json.compactBytes(body)));
    if (stream) {
      b.header("accept", "text/event-stream");
    }
    if (key != null) {
      b.header("x-api-key", key.reveal());
    }
    return new Outgoing(b.build(), stream);
  }

  @Override
  public Reply reply(String body, boolean streamed) {
    return streamed ? streamedReply(body) : plainReply(body);
  }

  private static Reply plainReply(String body) {
    JsonNode root = parse(body);
    if (!"message".equals(root.path("type").asText()) || !root.path("content").isArray()) {
      throw new IllegalArgumentException("not a message: no content array");
    }
    StringBuilder text = new StringBuilder();
    boolean reasoned = false;
    for (JsonNode block : root.get("content")) {
      String type = block.path("type").asText();
      if ("text".equals(type)) {
        text.append(block.path("text").asText());
      } else if ("thinking".equals(type) || "redacted_thinking".equals(type)) {
        reasoned = true;
      }
    }
    JsonNode u = root.path("usage");
    return new Reply(text.toString(), u.isObject() ? usage(u) : null,
        "max_tokens".equals(root.path("stop_reason").asText()), reasoned);
  }

  /** Reads the events of a streamed message: text deltas of text blocks, the usage and the stop reason. */
  private static Reply streamedReply(String body) {
    StringBuilder text = new StringBuilder();
    Map<Integer, String> blockTypes = new HashMap<>();
    ObjectNode usage = Json.object();
    String stopReason = null;
    boolean reasoned = false;
    boolean stopped = false;
    for (ServerSentEvents.Event e : ServerSentEvents.parse(body)) {
      if (e.name().equals("ping")) {
        continue;
      }
      JsonNode data = parse(e.data());
      switch (e.name()) {
        case "message_start" -> merge(usage, data.path("message").path("usage"));
        case "content_block_start" -> {
          JsonNode block = data.path("content_block");
          String type = block.path("type").asText();
          blockTypes.put(data.path("index").asInt(), type);
          if ("text".equals(type)) {
            text.append(block.path("text").asText(""));
          } else if ("thinking".equals(type) || "redacted_thinking".equals(type)) {
            reasoned = true;
          }
        }
        case "content_block_delta" -> {
          JsonNode delta = data.path("delta");
          if ("text_delta".equals(delta.path("type").asText())
              && "text".equals(blockTypes.get(data.path("index").asInt()))) {
            text.append(delta.path("text").asText());
          } else if ("thinking_delta".equals(delta.path("type").asText())) {
            reasoned = true;
          }
        }
        case "message_delta" -> {
          if (data.path("delta").hasNonNull("stop_reason")) {
            stopReason = data.path("delta").path("stop_reason").asText();
          }
          merge(usage, data.path("usage"));
        }
        case "message_stop" -> stopped = true;
        case "error" -> throw streamError(data.path("error"));
        default -> {
          // content_block_stop and event types added later carry nothing we read
        }
      }
    }
    if (!stopped) {
      throw new IllegalArgumentException("the event stream ended before message_stop");
    }
    return new Reply(text.toString(), usage.isEmpty() ? null : usage(usage), "max_tokens".equals(stopReason),
        reasoned);
  }

  /** Later usage counts are cumulative: they replace earlier ones. */
  private static void merge(ObjectNode into, JsonNode usage) {
    if (usage.isObject()) {
      usage.fields().forEachRemaining(f -> {
        if (f.getValue().isNumber() || f.getValue().isObject()) {
          into.set(f.getKey(), f.getValue());
        }
      });
    }
  }

  private static Usage usage(JsonNode u) {
    long written = u.path("cache_creation_input_tokens").asLong();
    long hour = Math.min(written, u.path("cache_creation").path("ephemeral_1h_input_tokens").asLong());
    return new Usage(u.path("input_tokens").asLong(), u.path("output_tokens").asLong(),
        u.path("cache_read_input_tokens").asLong(), written, 0, hour);
  }

  private static StreamError streamError(JsonNode err) {
    String type = err.path("type").asText("");
    int status = switch (type) {
      case "overloaded_error" -> 529;
      case "rate_limit_error" -> 429;
      case "invalid_request_error" -> 400;
      case "authentication_error" -> 401;
      case "permission_error" -> 403;
      case "not_found_error" -> 404;
      case "request_too_large" -> 413;
      default -> 500;
    };
    String msg = err.path("message").asText("");
    return new StreamError(status, type.isEmpty() ? msg : type + ": " + msg);
  }

  @Override
  public String errorMessage(String body) {
    try {
      JsonNode root = Json.mapper().readTree(body);
      JsonNode err = root.path("error");
      if (err.isObject()) {
        String type = err.path("type").asText("");
        String msg = err.path("message").asText("");
        return type.isEmpty() ? msg : type + ": " + msg;
      }
    } catch (JsonProcessingException | IllegalArgumentException notJson) {
      // fall through: show the start of the body
    }
    return WireFormat.abbreviate(body);
  }

  @Override
  public RateLimits limits(HttpHeaders headers, Instant now) {
    Map<Dimension, RateLimits.Limit> out = new EnumMap<>(Dimension.class);
    for (RateLimits.Headers h : LIMIT_HEADERS) {
      var limit = headers.firstValue(h.limit());
      var remaining = headers.firstValue(h.remaining());
      if (limit.isPresent() && remaining.isPresent()) {
        try {
          Duration reset = headers.firstValue(h.reset()).map(v -> until(v, now)).orElse(null);
          out.put(h.dimension(), new RateLimits.Limit(Long.parseLong(limit.get().strip()),
              Long.parseLong(remaining.get().strip()), reset));
        } catch (NumberFormatException ignored) {
          // a malformed header is ignored rather than trusted
        }
      }
    }
    return out.isEmpty() ? RateLimits.NONE : new RateLimits(out);
  }

  private static RateLimits.Headers limitHeaders(Dimension dimension, String name) {
    String prefix = "anthropic-ratelimit-" + name + "-";
    return new RateLimits.Headers(dimension, prefix + "limit", prefix + "remaining", prefix + "reset");
  }

  private static Duration until(String rfc3339, Instant now) {
    try {
      // Several of these come with every reply; InstantText reads the usual ...Z form without DateTimeFormatter.
      Duration d = Duration.between(now, InstantText.parse(rfc3339.strip()));
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static JsonNode parse(String body) {
    try {
      return Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
