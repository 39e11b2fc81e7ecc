package io.datasynth.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import io.datasynth.testkit.RateLimiter.BucketState;
import io.datasynth.testkit.RateLimiter.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The OpenAI Chat Completions API: {@code Authorization: Bearer}, {@code x-ratelimit-*} headers, and prompt
 * tokens plus the output budget reserved against the tokens bucket until the request ends.
 */
final class OpenAiFormat implements WireFormat {
  private final RateLimiter limiter;
  private final int defaultMaxTokens;

  OpenAiFormat(RateLimiter limiter, int defaultMaxTokens) {
    this.limiter = limiter;
    this.defaultMaxTokens = defaultMaxTokens;
  }

  @Override
  public ApiStyle style() {
    return ApiStyle.OPENAI;
  }

  @Override
  public String presentedKey(Headers headers) {
    String authorization = headers.getFirst("authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).strip();
  }

  @Override
  public String requestIdHeader() {
    return "x-request-id";
  }

  @Override
  public String newRequestId(RandomGenerator random) {
    return "req_" + WireFormat.randomId(random, 32);
  }

  @Override
  public Parsed parse(Headers headers, byte[] body) {
    return OpenAiParser.parse(headers, body, defaultMaxTokens);
  }

  @Override
  public ApiError invalidKey() {
    return new ApiError(
        ApiError.Type.AUTHENTICATION,
        "Incorrect API key provided. Send the fake's key as 'Authorization: Bearer KEY'.",
        null,
        null);
  }

  @Override
  public ApiError modelNotFound(String model) {
    return ApiError.of(
        ApiError.Type.MODEL_NOT_FOUND, "The model `" + model + "` does not exist or you do not have access to it.");
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
      case OVERLOADED -> 503;
    };
  }

  @Override
  public byte[] errorBody(ApiError error, String requestId) {
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    ObjectNode detail = body.putObject("error");
    detail.put("message", error.message());
    detail.put("type", errorType(error));
    detail.put("param", error.param());
    detail.put("code", errorCode(error));
    return AnthropicFormat.bytes(body);
  }

  private static String errorType(ApiError error) {
    return switch (error.type()) {
      case INVALID_REQUEST, AUTHENTICATION, NOT_FOUND, MODEL_NOT_FOUND, METHOD_NOT_ALLOWED, TOO_LARGE ->
          "invalid_request_error";
      case RATE_LIMITED -> error.limitedBy() == null || error.limitedBy() == Kind.REQUESTS ? "requests" : "tokens";
      case SERVER, OVERLOADED -> "server_error";
    };
  }

  private static String errorCode(ApiError error) {
    return switch (error.type()) {
      case AUTHENTICATION -> "invalid_api_key";
      case MODEL_NOT_FOUND -> "model_not_found";
      case RATE_LIMITED -> "rate_limit_exceeded";
      default -> null;
    };
  }

  @Override
  public byte[] successBody(CompletionRequest request, Reply reply, RandomGenerator random, Instant now) {
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    body.put("id", "chatcmpl-" + WireFormat.randomId(random, 29));
    body.put("object", "chat.completion");
    body.put("created", now.getEpochSecond());
    body.put("model", request.model());
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", reply.text());
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", reply.truncated() ? "length" : "stop");
    ObjectNode usage = body.putObject("usage");
    usage.put("prompt_tokens", request.inputTokens());
    usage.put("completion_tokens", reply.outputTokens());
    usage.put("total_tokens", request.inputTokens() + reply.outputTokens());
    usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    return AnthropicFormat.bytes(body);
  }

  @Override
  public byte[] modelsBody(List<String> models, Instant now) {
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    body.put("object", "list");
    ArrayNode data = body.putArray("data");
    for (String model : models) {
      ObjectNode entry = data.addObject();
      entry.put("id", model);
      entry.put("object", "model");
      entry.put("created", 1_735_689_600L);
      entry.put("owned_by", "datasynth-fake");
    }
    return AnthropicFormat.bytes(body);
  }

  @Override
  public RateLimiter.Admission admit(CompletionRequest request) {
    long tokens = (long) request.inputTokens() + request.maxTokens();
    return limiter.admit(new RateLimiter.Cost(0, 0, tokens));
  }

  @Override
  public void finish(CompletionRequest request, int outputTokens) {
    limiter.refund(Kind.TOKENS, request.maxTokens() - outputTokens);
  }

  @Override
  public void limitHeaders(Headers out, Set<Kind> exhausted, Instant now) {
    List<BucketState> states =
        limiter.state().stream().map(s -> exhausted.contains(s.kind()) ? s.exhausted() : s).toList();
    RateLimitHeaders.openAi(out, states);
  }

  @Override
  public long retryAfterHeaders(Headers out, long nanos) {
    long millis = Math.max(1, (nanos + 999_999) / 1_000_000);
    out.set("retry-after", Long.toString(WireFormat.retryAfterSeconds(nanos)));
    out.set("retry-after-ms", Long.toString(millis));
    return millis * 1_000_000L;
  }
}
