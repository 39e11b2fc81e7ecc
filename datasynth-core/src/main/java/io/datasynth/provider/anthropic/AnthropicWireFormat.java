package io.datasynth.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.provider.ApiKey;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.RateLimits;
import io.datasynth.provider.RateLimits.Dimension;
import io.datasynth.provider.Usage;
import io.datasynth.provider.http.WireFormat;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;

/** The Anthropic Messages API ({@code POST /v1/messages}, {@code x-api-key}, {@code anthropic-version}). */
public final class AnthropicWireFormat implements WireFormat {
  public static final String API_VERSION = "2023-06-01";
  private static final Map<Dimension, String> HEADER_NAMES = Map.of(
      Dimension.REQUESTS, "requests",
      Dimension.INPUT_TOKENS, "input-tokens",
      Dimension.OUTPUT_TOKENS, "output-tokens",
      Dimension.TOKENS, "tokens");

  private final URI endpoint;
  private final String model;
  private final ApiKey key;
  private final Duration timeout;

  /** @param key null for servers that need none */
  public AnthropicWireFormat(URI endpoint, String model, ApiKey key, Duration timeout) {
    this.endpoint = endpoint;
    this.model = model;
    this.key = key;
    this.timeout = timeout;
  }

  /** The messages endpoint for a base URL given the SDK's way (the origin, e.g. https://api.anthropic.com). */
  public static URI endpoint(String baseUrl) {
    String b = baseUrl.strip().replaceAll("/+$", "");
    if (b.endsWith("/v1/messages")) {
      return URI.create(b);
    }
    return URI.create(b.endsWith("/v1") ? b + "/messages" : b + "/v1/messages");
  }

  @Override
  public HttpRequest.Builder request(LlmRequest r) {
    ObjectNode body = Json.object();
    body.put("model", model);
    body.put("max_tokens", r.maxTokens());
    if (!r.system().isEmpty()) {
      body.put("system", r.system());
    }
    body.putArray("messages").addObject().put("role", "user").put("content", r.user());
    body.put("temperature", r.temperature());
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("content-type", "application/json")
        .header("anthropic-version", API_VERSION)
        .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body)));
    if (key != null) {
      b.header("x-api-key", key.reveal());
    }
    return b;
  }

  @Override
  public Reply reply(String body) {
    JsonNode root = parse(body);
    if (!"message".equals(root.path("type").asText()) || !root.path("content").isArray()) {
      throw new IllegalArgumentException("not a message: no content array");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : root.get("content")) {
      if ("text".equals(block.path("type").asText())) {
        text.append(block.path("text").asText());
      }
    }
    JsonNode u = root.path("usage");
    Usage usage = u.isObject()
        ? new Usage(u.path("input_tokens").asLong(), u.path("output_tokens").asLong(),
            u.path("cache_read_input_tokens").asLong(), u.path("cache_creation_input_tokens").asLong(), 0)
        : null;
    return new Reply(text.toString(), usage, "max_tokens".equals(root.path("stop_reason").asText()));
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
    HEADER_NAMES.forEach((dim, name) -> {
      String prefix = "anthropic-ratelimit-" + name + "-";
      var limit = headers.firstValue(prefix + "limit");
      var remaining = headers.firstValue(prefix + "remaining");
      if (limit.isPresent() && remaining.isPresent()) {
        try {
          Duration reset = headers.firstValue(prefix + "reset").map(v -> until(v, now)).orElse(null);
          out.put(dim, new RateLimits.Limit(Long.parseLong(limit.get().strip()),
              Long.parseLong(remaining.get().strip()), reset));
        } catch (NumberFormatException ignored) {
          // a malformed header is ignored rather than trusted
        }
      }
    });
    return out.isEmpty() ? RateLimits.NONE : new RateLimits(out);
  }

  private static Duration until(String rfc3339, Instant now) {
    try {
      Duration d = Duration.between(now, OffsetDateTime.parse(rfc3339.strip()).toInstant());
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
