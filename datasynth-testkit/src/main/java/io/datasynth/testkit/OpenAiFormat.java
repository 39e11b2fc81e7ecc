package io.datasynth.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import io.datasynth.testkit.RateLimiter.BucketState;
import io.datasynth.testkit.RateLimiter.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The OpenAI Chat Completions API: {@code Authorization: Bearer}, {@code x-ratelimit-*} headers, prompt tokens
 * plus the output budget reserved against the tokens bucket until the request ends, and streaming as
 * {@code chat.completion.chunk} data lines ending with {@code data: [DONE]}.
 */
final class OpenAiFormat implements WireFormat {
  private static final int PIECE_CHARS = 24;
  private static final String KEYS_PAGE = "https://platform.openai.com/account/api-keys";

  private final RateLimiter limiter;
  private final int defaultMaxTokens;

  OpenAiFormat(RateLimiter limiter, int defaultMaxTokens) {
    this.limiter = limiter;
    this.defaultMaxTokens = defaultMaxTokens;
  }

  /** The key of an {@code Authorization: Bearer KEY} header; null when there is none. */
  static String bearer(Headers headers) {
    String authorization = headers.getFirst("authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).strip();
  }

  @Override
  public ApiStyle style() {
    return ApiStyle.OPENAI;
  }

  @Override
  public String presentedKey(Headers headers) {
    return bearer(headers);
  }

  @Override
  public ApiError keyRefused(Headers headers) {
    if (bearer(headers) == null) {
      return new ApiError(ApiError.Type.AUTHENTICATION, "You didn't provide an API key. You need to provide your API"
          + " key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain"
          + " an API key from " + KEYS_PAGE + ".", null, null, null);
    }
    return new ApiError(ApiError.Type.AUTHENTICATION, "Incorrect API key provided. You can find your API key at "
        + KEYS_PAGE + ".", null, "invalid_api_key", null);
  }

  @Override
  public ApiError keyEchoed(String shown) {
    return new ApiError(ApiError.Type.AUTHENTICATION, "Incorrect API key provided: " + shown
        + ". You can find your API key at " + KEYS_PAGE + ".", null, "invalid_api_key", null);
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
  public Optional<ApiError> checkRules(CompletionRequest request, ModelRule rule) {
    return OpenAiRuleCheck.check(request, rule);
  }

  @Override
  public ApiError modelNotFound(String model) {
    return new ApiError(ApiError.Type.MODEL_NOT_FOUND,
        "The model `" + model + "` does not exist or you do not have access to it.", null, "model_not_found", null);
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
      case OVERLOADED -> 503;
    };
  }

  @Override
  public byte[] errorBody(ApiError error, String requestId) {
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    body.set("error", errorDetail(error));
    return AnthropicFormat.bytes(body);
  }

  private static ObjectNode errorDetail(ApiError error) {
    ObjectNode detail = Jsons.MAPPER.createObjectNode();
    detail.put("message", error.message());
    detail.put("type", errorType(error));
    detail.put("param", error.param());
    detail.put("code", error.code() != null ? error.code() : errorCode(error));
    return detail;
  }

  private static String errorType(ApiError error) {
    return switch (error.type()) {
      case INVALID_REQUEST, AUTHENTICATION, NOT_FOUND, MODEL_NOT_FOUND, METHOD_NOT_ALLOWED, TOO_LARGE ->
          "invalid_request_error";
      case RATE_LIMITED -> error.limitedBy() == null || error.limitedBy() == Kind.REQUESTS ? "requests" : "tokens";
      case SERVER, TIMEOUT, OVERLOADED -> "server_error";
    };
  }

  private static String errorCode(ApiError error) {
    return switch (error.type()) {
      case RATE_LIMITED -> "rate_limit_exceeded";
      default -> null;
    };
  }

  @Override
  public Completion complete(
      CompletionRequest request, Reply reply, boolean summarized, CacheUsage cache, RandomGenerator random,
      Instant now) {
    return new Completion(request, reply, "chatcmpl-" + WireFormat.randomId(random, 29), "", now, summarized, cache);
  }

  @Override
  public byte[] successBody(Completion completion) {
    Reply reply = completion.reply();
    ObjectNode body = envelope(completion, "chat.completion");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", reply.text());
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(reply));
    body.set("usage", usage(completion));
    return AnthropicFormat.bytes(body);
  }

  @Override
  public List<SseEvent> streamEvents(Completion completion, ApiError midStreamError) {
    Reply reply = completion.reply();
    boolean includeUsage = completion.request().includeUsage();
    List<SseEvent> events = new ArrayList<>();
    ObjectNode first = Jsons.MAPPER.createObjectNode().put("role", "assistant").put("content", "");
    first.putNull("refusal");
    events.add(chunk(completion, first, null, includeUsage));
    for (String piece : Completion.pieces(reply.text(), PIECE_CHARS)) {
      events.add(chunk(completion, Jsons.MAPPER.createObjectNode().put("content", piece), null, includeUsage));
      if (midStreamError != null) {
        break;
      }
    }
    if (midStreamError != null) {
      ObjectNode error = Jsons.MAPPER.createObjectNode();
      error.set("error", errorDetail(midStreamError));
      events.add(data(error));
      return events;
    }
    events.add(chunk(completion, Jsons.MAPPER.createObjectNode(), finishReason(reply), includeUsage));
    if (includeUsage) {
      ObjectNode last = envelope(completion, "chat.completion.chunk");
      last.putArray("choices");
      last.set("usage", usage(completion));
      events.add(data(last));
    }
    events.add(new SseEvent(null, "[DONE]"));
    return events;
  }

  private static SseEvent chunk(Completion completion, ObjectNode delta, String finishReason, boolean includeUsage) {
    ObjectNode chunk = envelope(completion, "chat.completion.chunk");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return data(chunk);
  }

  private static SseEvent data(ObjectNode node) {
    return new SseEvent(null, new String(AnthropicFormat.bytes(node), StandardCharsets.UTF_8));
  }

  private static ObjectNode envelope(Completion completion, String object) {
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    body.put("id", completion.id());
    body.put("object", object);
    body.put("created", completion.created().getEpochSecond());
    body.put("model", completion.request().model());
    return body;
  }

  private static String finishReason(Reply reply) {
    return reply.truncated() ? "length" : "stop";
  }

  static ObjectNode usage(Completion completion) {
    int input = completion.request().inputTokens();
    Reply reply = completion.reply();
    ObjectNode usage = Jsons.MAPPER.createObjectNode();
    usage.put("prompt_tokens", input);
    usage.put("completion_tokens", reply.outputTokens());
    usage.put("total_tokens", input + reply.outputTokens());
    usage.putObject("prompt_tokens_details").put("cached_tokens", completion.cache().read());
    usage.putObject("completion_tokens_details").put("reasoning_tokens", reply.reasoningTokens());
    return usage;
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
  public void finish(CompletionRequest request, int outputTokens, CacheUsage cache) {
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
