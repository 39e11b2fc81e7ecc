package io.datasynth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import io.datasynth.testkit.RateLimiter.BucketState;
import io.datasynth.testkit.RateLimiter.Kind;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The Anthropic Messages API: the key as {@code x-api-key} or {@code Authorization: Bearer},
 * {@code anthropic-version}, {@code anthropic-ratelimit-*} headers, {@code max_tokens} reserved against the
 * output-tokens bucket until the request ends, and streaming as {@code message_start} … {@code message_stop}.
 */
final class AnthropicFormat implements WireFormat {
  private static final int PIECE_CHARS = 24;

  private final RateLimiter limiter;

  AnthropicFormat(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public ApiStyle style() {
    return ApiStyle.ANTHROPIC;
  }

  @Override
  public String presentedKey(Headers headers) {
    String key = headers.getFirst("x-api-key");
    return key != null ? key : OpenAiFormat.bearer(headers);
  }

  @Override
  public ApiError keyRefused(Headers headers) {
    if (headers.getFirst("x-api-key") != null) {
      return ApiError.of(ApiError.Type.AUTHENTICATION, "invalid x-api-key");
    }
    if (OpenAiFormat.bearer(headers) != null) {
      return ApiError.of(ApiError.Type.AUTHENTICATION, "Invalid bearer token");
    }
    return ApiError.of(ApiError.Type.AUTHENTICATION, "x-api-key header is required");
  }

  @Override
  public ApiError keyEchoed(String shown) {
    return ApiError.of(ApiError.Type.AUTHENTICATION, "invalid x-api-key: " + shown);
  }

  @Override
  public String requestIdHeader() {
    return "request-id";
  }

  @Override
  public String newRequestId(RandomGenerator random) {
    return "req_" + WireFormat.randomId(random, 24);
  }

  @Override
  public Parsed parse(Headers headers, byte[] body) {
    return AnthropicParser.parse(headers, body);
  }

  @Override
  public Optional<ApiError> checkRules(CompletionRequest request, ModelRule rule) {
    return AnthropicRuleCheck.check(request, rule);
  }

  @Override
  public ApiError modelNotFound(String model) {
    return ApiError.of(ApiError.Type.MODEL_NOT_FOUND, "model: " + model);
  }

  @Override
  public int status(ApiError.Type type) {
    return switch (type) {
      case INVALID_REQUEST -> 400;
      case AUTHENTICATION -> 401;
      case NOT_FOUND, MODEL_NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case TOO_LARGE -> 413;
      case RATE_LIMITED -> 429;
      case SERVER -> 500;
      case TIMEOUT -> 504;
      case OVERLOADED -> 529;
    };
  }

  @Override
  public byte[] errorBody(ApiError error, String requestId) {
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    body.put("type", "error");
    body.set("error", errorDetail(error));
    body.put("request_id", requestId);
    return bytes(body);
  }

  private static ObjectNode errorDetail(ApiError error) {
    ObjectNode detail = Jsons.MAPPER.createObjectNode();
    detail.put("type", errorType(error.type()));
    detail.put("message", error.message());
    return detail;
  }

  private static String errorType(ApiError.Type type) {
    return switch (type) {
      case INVALID_REQUEST, METHOD_NOT_ALLOWED -> "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case NOT_FOUND, MODEL_NOT_FOUND -> "not_found_error";
      case TOO_LARGE -> "request_too_large";
      case RATE_LIMITED -> "rate_limit_error";
      case SERVER -> "api_error";
      case TIMEOUT -> "timeout_error";
      case OVERLOADED -> "overloaded_error";
    };
  }

  @Override
  public Completion complete(
      CompletionRequest request, Reply reply, boolean summarized, CacheUsage cache, RandomGenerator random,
      Instant now) {
    String id = "msg_" + WireFormat.randomId(random, 24);
    byte[] signature = new byte[96];
    random.nextBytes(signature);
    return new Completion(request, reply, id, Base64.getEncoder().encodeToString(signature), now, summarized, cache);
  }

  @Override
  public byte[] successBody(Completion completion) {
    Reply reply = completion.reply();
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    body.put("id", completion.id());
    body.put("type", "message");
    body.put("role", "assistant");
    body.put("model", completion.request().model());
    ArrayNode content = body.putArray("content");
    if (completion.thinks()) {
      ObjectNode thinking = content.addObject();
      thinking.put("type", "thinking");
      thinking.put("thinking", completion.summarized() ? Completion.THINKING_SUMMARY : "");
      thinking.put("signature", completion.signature());
    }
    if (!reply.text().isEmpty()) {
      ObjectNode text = content.addObject();
      text.put("type", "text");
      text.put("text", reply.text());
    }
    body.put("stop_reason", stopReason(reply));
    body.putNull("stop_sequence");
    body.set("usage", usage(completion, reply.outputTokens()));
    return bytes(body);
  }

  @Override
  public List<SseEvent> streamEvents(Completion completion, ApiError midStreamError) {
    Reply reply = completion.reply();
    List<SseEvent> events = new ArrayList<>();
    ObjectNode message = Jsons.MAPPER.createObjectNode();
    message.put("id", completion.id());
    message.put("type", "message");
    message.put("role", "assistant");
    message.putArray("content");
    message.put("model", completion.request().model());
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.set("usage", usage(completion, 1));
    ObjectNode start = event("message_start");
    start.set("message", message);
    events.add(sse(start));
    int index = 0;
    if (completion.thinks()) {
      ObjectNode block =
          Jsons.MAPPER.createObjectNode().put("type", "thinking").put("thinking", "").put("signature", "");
      events.add(sse(blockStart(index, block)));
      events.add(sse(event("ping")));
      if (completion.summarized()) {
        for (String piece : Completion.pieces(Completion.THINKING_SUMMARY, PIECE_CHARS * 2)) {
          events.add(sse(delta(index, "thinking_delta", "thinking", piece)));
        }
      }
      events.add(sse(delta(index, "signature_delta", "signature", completion.signature())));
      events.add(sse(event("content_block_stop").put("index", index)));
      index++;
    }
    if (!reply.text().isEmpty()) {
      events.add(sse(blockStart(index, Jsons.MAPPER.createObjectNode().put("type", "text").put("text", ""))));
      if (index == 0) {
        events.add(sse(event("ping")));
      }
      for (String piece : Completion.pieces(reply.text(), PIECE_CHARS)) {
        events.add(sse(delta(index, "text_delta", "text", piece)));
        if (midStreamError != null) {
          events.add(streamError(midStreamError));
          return events;
        }
      }
      events.add(sse(event("content_block_stop").put("index", index)));
    }
    if (midStreamError != null) {
      events.add(streamError(midStreamError));
      return events;
    }
    ObjectNode messageDelta = event("message_delta");
    messageDelta.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", reply.outputTokens());
    events.add(sse(messageDelta));
    events.add(sse(event("message_stop")));
    return events;
  }

  private static SseEvent streamError(ApiError error) {
    ObjectNode event = event("error");
    event.set("error", errorDetail(error));
    return sse(event);
  }

  private static ObjectNode event(String type) {
    return Jsons.MAPPER.createObjectNode().put("type", type);
  }

  private static ObjectNode blockStart(int index, ObjectNode block) {
    ObjectNode start = event("content_block_start").put("index", index);
    start.set("content_block", block);
    return start;
  }

  private static ObjectNode delta(int index, String type, String field, String value) {
    ObjectNode delta = event("content_block_delta").put("index", index);
    delta.putObject("delta").put("type", type).put(field, value);
    return delta;
  }

  private static SseEvent sse(ObjectNode event) {
    return new SseEvent(event.path("type").asText(), new String(bytes(event), StandardCharsets.UTF_8));
  }

  private static String stopReason(Reply reply) {
    return reply.truncated() ? "max_tokens" : "end_turn";
  }

  /** The usage of a reply: input tokens are those neither read from nor written to the cache. */
  static ObjectNode usage(Completion completion, int outputTokens) {
    CacheUsage cache = completion.cache();
    ObjectNode usage = Jsons.MAPPER.createObjectNode();
    usage.put("input_tokens", completion.request().inputTokens() - cache.read() - cache.written());
    usage.put("output_tokens", outputTokens);
    usage.put("cache_creation_input_tokens", cache.written());
    usage.put("cache_read_input_tokens", cache.read());
    usage.putObject("cache_creation")
        .put("ephemeral_5m_input_tokens", cache.written5m())
        .put("ephemeral_1h_input_tokens", cache.written1h());
    return usage;
  }

  @Override
  public byte[] modelsBody(List<String> models, Instant now) {
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    ArrayNode data = body.putArray("data");
    for (String model : models) {
      ObjectNode entry = data.addObject();
      entry.put("type", "model");
      entry.put("id", model);
      entry.put("display_name", model);
      entry.put("created_at", "2025-01-01T00:00:00Z");
    }
    body.put("has_more", false);
    body.put("first_id", models.get(0));
    body.put("last_id", models.get(models.size() - 1));
    return bytes(body);
  }

  @Override
  public RateLimiter.Admission admit(CompletionRequest request) {
    return limiter.admit(new RateLimiter.Cost(request.inputTokens(), request.maxTokens(), 0));
  }

  @Override
  public void finish(CompletionRequest request, int outputTokens, CacheUsage cache) {
    limiter.refund(Kind.OUTPUT_TOKENS, request.maxTokens() - outputTokens);
    limiter.refund(Kind.INPUT_TOKENS, cache.read());
  }

  @Override
  public void limitHeaders(Headers out, Set<Kind> exhausted, Instant now) {
    List<BucketState> states =
        limiter.state().stream().map(s -> exhausted.contains(s.kind()) ? s.exhausted() : s).toList();
    RateLimitHeaders.anthropic(out, states, now);
  }

  @Override
  public long retryAfterHeaders(Headers out, long nanos) {
    long seconds = WireFormat.retryAfterSeconds(nanos);
    out.set("retry-after", Long.toString(seconds));
    return seconds * 1_000_000_000L;
  }

  static byte[] bytes(ObjectNode body) {
    try {
      return Jsons.COMPACT.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
