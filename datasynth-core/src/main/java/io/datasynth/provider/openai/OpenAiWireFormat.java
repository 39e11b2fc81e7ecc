package io.datasynth.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI Chat Completions ({@code POST …/chat/completions}, bearer key), also spoken by vLLM, Ollama, llama.cpp,
 * LM Studio, DeepSeek and Qwen's compatible mode.
 */
public final class OpenAiWireFormat implements WireFormat {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
  private static final Map<Dimension, String> HEADER_NAMES = Map.of(
      Dimension.REQUESTS, "requests", Dimension.TOKENS, "tokens");

  private final URI endpoint;
  private final String model;
  private final ApiKey key;
  private final Duration timeout;
  private final boolean officialApi;

  /** @param key null for servers that need none */
  public OpenAiWireFormat(URI endpoint, String model, ApiKey key, Duration timeout) {
    this.endpoint = endpoint;
    this.model = model;
    this.key = key;
    this.timeout = timeout;
    this.officialApi = "api.openai.com".equalsIgnoreCase(endpoint.getHost());
  }

  /**
   * The chat completions endpoint for a base URL given the SDK's way (ending in {@code /v1}); a bare origin such
   * as {@code http://localhost:11434} gets {@code /v1} added.
   */
  public static URI endpoint(String baseUrl) {
    String b = baseUrl.strip().replaceAll("/+$", "");
    if (b.endsWith("/chat/completions")) {
      return URI.create(b);
    }
    String path = URI.create(b).getPath();
    return URI.create((path == null || path.isEmpty() ? b + "/v1" : b) + "/chat/completions");
  }

  /** Reasoning models (o-series, gpt-5) accept only the default temperature. */
  static boolean fixedTemperature(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    return m.matches("^o\\d.*") || m.startsWith("gpt-5");
  }

  @Override
  public HttpRequest.Builder request(LlmRequest r) {
    ObjectNode body = Json.object();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (!r.system().isEmpty()) {
      messages.addObject().put("role", "system").put("content", r.system());
    }
    messages.addObject().put("role", "user").put("content", r.user());
    if (!fixedTemperature(model)) {
      body.put("temperature", r.temperature());
    }
    // api.openai.com deprecated max_tokens (reasoning models reject it); compatible servers expect max_tokens.
    body.put(officialApi ? "max_completion_tokens" : "max_tokens", r.maxTokens());
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body)));
    if (key != null) {
      b.header("authorization", "Bearer " + key.reveal());
    }
    return b;
  }

  @Override
  public Reply reply(String body) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode choice = root.path("choices").path(0);
    if (!choice.isObject()) {
      throw new IllegalArgumentException("no choices in the response");
    }
    JsonNode content = choice.path("message").path("content");
    String text;
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      content.forEach(part -> sb.append(part.path("text").asText("")));
      text = sb.toString();
    } else {
      text = content.isNull() || content.isMissingNode() ? "" : content.asText();
    }
    JsonNode u = root.path("usage");
    Usage usage = null;
    if (u.isObject() && (u.has("prompt_tokens") || u.has("completion_tokens"))) {
      long prompt = u.path("prompt_tokens").asLong();
      long cached = Math.min(prompt, u.path("prompt_tokens_details").path("cached_tokens").asLong());
      usage = new Usage(prompt - cached, u.path("completion_tokens").asLong(), cached, 0,
          u.path("completion_tokens_details").path("reasoning_tokens").asLong());
    }
    return new Reply(text, usage, "length".equals(choice.path("finish_reason").asText()));
  }

  @Override
  public String errorMessage(String body) {
    try {
      JsonNode err = Json.mapper().readTree(body).path("error");
      if (err.isObject()) {
        return err.path("message").asText("");
      }
      if (err.isTextual()) {
        return err.asText();
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
      var limit = headers.firstValue("x-ratelimit-limit-" + name);
      var remaining = headers.firstValue("x-ratelimit-remaining-" + name);
      if (limit.isPresent() && remaining.isPresent()) {
        try {
          long l = Long.parseLong(limit.get().strip());
          long r = Long.parseLong(remaining.get().strip());
          if (l > 0 && r >= 0) {
            Duration reset = headers.firstValue("x-ratelimit-reset-" + name).map(OpenAiWireFormat::duration)
                .orElse(null);
            out.put(dim, new RateLimits.Limit(l, r, reset));
          }
        } catch (NumberFormatException ignored) {
          // a malformed header is ignored rather than trusted
        }
      }
    });
    return out.isEmpty() ? RateLimits.NONE : new RateLimits(out);
  }

  /** Parses durations like {@code 20ms}, {@code 1.5s}, {@code 6m0s}, {@code 1h2m3s}; null when unreadable. */
  static Duration duration(String text) {
    String t = text.strip();
    if (t.matches("\\d+(\\.\\d+)?")) {
      return Duration.ofNanos((long) (Double.parseDouble(t) * 1e9));
    }
    Matcher m = DURATION_PART.matcher(t);
    double seconds = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return null;
      }
      double v = Double.parseDouble(m.group(1));
      seconds += switch (m.group(2)) {
        case "ms" -> v / 1000;
        case "h" -> v * 3600;
        case "m" -> v * 60;
        default -> v;
      };
      end = m.end();
    }
    return end == t.length() && end > 0 ? Duration.ofNanos((long) (seconds * 1e9)) : null;
  }
}
