package io.datasynth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import io.datasynth.testkit.RateLimiter.BucketState;
import io.datasynth.testkit.RateLimiter.Kind;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The Anthropic Messages API: {@code x-api-key}, {@code anthropic-version}, {@code anthropic-ratelimit-*}
 * headers, and {@code max_tokens} reserved against the output-tokens bucket until the request ends.
 */
final class AnthropicFormat implements WireFormat {
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
    return headers.getFirst("x-api-key");
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
  public ApiError invalidKey() {
    return ApiError.of(ApiError.Type.AUTHENTICATION, "invalid x-api-key");
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
      case OVERLOADED -> 529;
    };
  }

  @Override
  public byte[] errorBody(ApiError error, String requestId) {
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    body.put("type", "error");
    ObjectNode detail = body.putObject("error");
    detail.put("type", errorType(error.type()));
    detail.put("message", error.message());
    body.put("request_id", requestId);
    return bytes(body);
  }

  private static String errorType(ApiError.Type type) {
    return switch (type) {
      case INVALID_REQUEST, METHOD_NOT_ALLOWED -> "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case NOT_FOUND, MODEL_NOT_FOUND -> "not_found_error";
      case TOO_LARGE -> "request_too_large";
      case RATE_LIMITED -> "rate_limit_error";
      case SERVER -> "api_error";
      case OVERLOADED -> "overloaded_error";
    };
  }

  @Override
  public byte[] successBody(CompletionRequest request, Reply reply, RandomGenerator random, Instant now) {
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    body.put("id", "msg_" + WireFormat.randomId(random, 24));
    body.put("type", "message");
    body.put("role", "assistant");
    body.put("model", request.model());
    ObjectNode text = body.putArray("content").addObject();
    text.put("type", "text");
    text.put("text", reply.text());
    body.put("stop_reason", reply.truncated() ? "max_tokens" : "end_turn");
    body.putNull("stop_sequence");
    ObjectNode usage = body.putObject("usage");
    usage.put("input_tokens", request.inputTokens());
    usage.put("output_tokens", reply.outputTokens());
    usage.put("cache_creation_input_tokens", 0);
    usage.put("cache_read_input_tokens", 0);
    return bytes(body);
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
  public void finish(CompletionRequest request, int outputTokens) {
    limiter.refund(Kind.OUTPUT_TOKENS, request.maxTokens() - outputTokens);
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
