package io.datasynth.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI Chat Completions ({@code POST …/chat/completions}, bearer key), also spoken by vLLM, Ollama, llama.cpp,
 * LM Studio, DeepSeek and Qwen's compatible mode. The request is shaped by the model's profile, whatever the host:
 * the output limit under the name the model takes, a temperature and a reasoning effort only where it accepts them,
 * and {@code stream: true} (with usage) above the profile's non-streaming limit.
 */
public final class OpenAiWireFormat implements WireFormat {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
  private static final List<RateLimits.Headers> LIMIT_HEADERS = List.of(
      limitHeaders(Dimension.REQUESTS, "requests"), limitHeaders(Dimension.TOKENS, "tokens"));
  private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?");

  private final URI endpoint;
  private final String model;
  private final ApiKey key;
  private final Duration timeout;
  private final ModelProfile profile;

  /** @param key null for servers that need none */
  public OpenAiWireFormat(URI endpoint, String model, ApiKey key, Duration timeout, ModelProfile profile) {
    this.endpoint = endpoint;
    this.model = model;
    this.key = key;
    this.timeout = timeout;
    this.profile = profile;
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

  /** The name structured requests give their schema ({@code response_format.json_schema.name}). */
  public static final String SCHEMA_NAME = "records";

  /**
   * The JSON body of a Chat Completions request, also an OpenAI batch line's {@code body}: the messages with the
   * stable text first, {@code prompt_cache_key} when the request asks for caching and the model caches prompts,
   * and the model's {@code response_format} when the request carries a response schema.
   *
   * @param stream whether to ask for server-sent events (never for a batch line)
   */
  public ObjectNode body(LlmRequest r, boolean stream) {
    ObjectNode body = Json.object();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (!r.system().isEmpty()) {
      messages.addObject().put("role", "system").put("content", r.system());
    }
    messages.addObject().put("role", "user").put("content", r.user());
    if (r.temperature() != null && profile.acceptsTemperature()) {
      body.put("temperature", r.temperature());
    }
    body.put(profile.outputLimit().id(), r.maxTokens());
    if (r.reasoningEffort() != null && profile.reasoning().efforts().contains(r.reasoningEffort())) {
      body.put("reasoning_effort", r.reasoningEffort());
    }
    if (r.cache() != null && r.cache().key() != null && profile.cacheMinTokens() > 0) {
      body.put("prompt_cache_key", r.cache().key());
    }
    if (r.responseSchema() != null) {
      switch (profile.structuredOutput()) {
        case OPENAI_JSON_SCHEMA_STRICT -> body.putObject("response_format").put("type", "json_schema")
            .putObject("json_schema").put("name", SCHEMA_NAME).put("strict", true).set("schema", r.responseSchema());
        case OPENAI_JSON_SCHEMA -> body.putObject("response_format").put("type", "json_schema")
            .putObject("json_schema").put("name", SCHEMA_NAME).set("schema", r.responseSchema());
        case OPENAI_JSON_OBJECT -> body.putObject("response_format").put("type", "json_object");
        default -> {
          // no mechanism: the schema stays in the prompt
        }
      }
    }
    if (stream) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    return body;
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
        .POST(RequestBodies.of(Json.compactBytes(body)));
    if (stream) {
      b.header("accept", "text/event-stream");
    }
    if (key != null) {
      b.header("authorization", "Bearer " + key.reveal());
    }
    return new Outgoing(b.build(), stream);
  }

  @Override
  public Reply reply(String body, boolean streamed) {
    return streamed ? streamedReply(body) : plainReply(body);
  }

  private Reply plainReply(String body) {
    JsonNode root = parse(body);
    JsonNode choice = root.path("choices").path(0);
    if (!choice.isObject()) {
      throw new IllegalArgumentException("no choices in the response");
    }
    JsonNode message = choice.path("message");
    JsonNode content = message.path("content");
    String text;
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      content.forEach(part -> sb.append(part.path("text").asText("")));
      text = sb.toString();
    } else {
      text = content.isNull() || content.isMissingNode() ? "" : content.asText();
    }
    Usage usage = usage(root.path("usage"));
    boolean reasoned = hasReasoningText(message) || usage != null && usage.reasoningTokens() > 0;
    return visible(text, usage, "length".equals(choice.path("finish_reason").asText()), reasoned);
  }

  /** Reads {@code chat.completion.chunk}s up to {@code [DONE]}: content deltas, the finish reason, the usage. */
  private Reply streamedReply(String body) {
    StringBuilder text = new StringBuilder();
    String finish = null;
    Usage usage = null;
    boolean reasoned = false;
    boolean done = false;
    for (ServerSentEvents.Event e : ServerSentEvents.parse(body)) {
      if (e.data().strip().equals("[DONE]")) {
        done = true;
        break;
      }
      JsonNode chunk = parse(e.data());
      if (chunk.path("error").isObject()) {
        JsonNode err = chunk.path("error");
        throw new StreamError(err.path("code").isInt() ? err.path("code").asInt() : 500,
            err.path("message").asText("error in the event stream"));
      }
      JsonNode choice = chunk.path("choices").path(0);
      if (choice.isObject()) {
        JsonNode delta = choice.path("delta");
        if (delta.path("content").isTextual()) {
          text.append(delta.path("content").asText());
        }
        reasoned |= hasReasoningText(delta);
        if (choice.hasNonNull("finish_reason")) {
          finish = choice.path("finish_reason").asText();
        }
      }
      Usage u = usage(chunk.path("usage"));
      if (u != null) {
        usage = u;
      }
    }
    if (!done) {
      throw new IllegalArgumentException("the event stream ended before [DONE]");
    }
    reasoned |= usage != null && usage.reasoningTokens() > 0;
    return visible(text.toString(), usage, "length".equals(finish), reasoned);
  }

  /** The reply with reasoning that a model wrote into its text ({@code <think>…</think>}) taken out. */
  private Reply visible(String text, Usage usage, boolean truncated, boolean reasoned) {
    if (!profile.thinkTags()) {
      return new Reply(text, usage, truncated, reasoned);
    }
    String t = text.stripLeading();
    if (!t.startsWith("<think>")) {
      return new Reply(text, usage, truncated, reasoned);
    }
    int close = t.indexOf("</think>");
    return new Reply(close < 0 ? "" : t.substring(close + "</think>".length()), usage, truncated, true);
  }

  private static boolean hasReasoningText(JsonNode messageOrDelta) {
    return messageOrDelta.path("reasoning_content").isTextual() && !messageOrDelta.path("reasoning_content")
        .asText().isEmpty() || messageOrDelta.path("reasoning").isTextual() && !messageOrDelta.path("reasoning")
        .asText().isEmpty();
  }

  private static Usage usage(JsonNode u) {
    if (!u.isObject() || !(u.has("prompt_tokens") || u.has("completion_tokens"))) {
      return null;
    }
    long prompt = u.path("prompt_tokens").asLong();
    long cached = Math.min(prompt, u.path("prompt_tokens_details").path("cached_tokens").asLong());
    long completion = u.path("completion_tokens").asLong();
    long reasoning = Math.min(completion, u.path("completion_tokens_details").path("reasoning_tokens").asLong());
    return new Usage(prompt - cached, completion, cached, 0, reasoning);
  }

  private static JsonNode parse(String body) {
    try {
      return Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
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
    for (RateLimits.Headers h : LIMIT_HEADERS) {
      var limit = headers.firstValue(h.limit());
      var remaining = headers.firstValue(h.remaining());
      if (limit.isPresent() && remaining.isPresent()) {
        try {
          long l = Long.parseLong(limit.get().strip());
          long r = Long.parseLong(remaining.get().strip());
          if (l > 0 && r >= 0) {
            Duration reset = headers.firstValue(h.reset()).map(OpenAiWireFormat::duration).orElse(null);
            out.put(h.dimension(), new RateLimits.Limit(l, r, reset));
          }
        } catch (NumberFormatException ignored) {
          // a malformed header is ignored rather than trusted
        }
      }
    }
    return out.isEmpty() ? RateLimits.NONE : new RateLimits(out);
  }

  private static RateLimits.Headers limitHeaders(Dimension dimension, String name) {
    return new RateLimits.Headers(dimension, "x-ratelimit-limit-" + name, "x-ratelimit-remaining-" + name,
        "x-ratelimit-reset-" + name);
  }

  /** Parses durations like {@code 20ms}, {@code 1.5s}, {@code 6m0s}, {@code 1h2m3s}; null when unreadable. */
  static Duration duration(String text) {
    String t = text.strip();
    if (SECONDS.matcher(t).matches()) {
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
