package io.datasynth.testkit;

import com.sun.net.httpserver.Headers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** One provider's wire format and rate-limit rules, as the request flow needs them. Thread-safe. */
interface WireFormat {

  ApiStyle style();

  /** The API key the request presents; null when it presents none. */
  String presentedKey(Headers headers);

  /** The 401 for a request that presents no key or a wrong one, worded as the API words it. */
  ApiError keyRefused(Headers headers);

  /** A 401 whose message quotes {@code shown}: a misconfigured gateway echoing the presented key. */
  ApiError keyEchoed(String shown);

  /** The response header that carries the request id. */
  String requestIdHeader();

  String newRequestId(RandomGenerator random);

  Parsed parse(Headers headers, byte[] body);

  /** The error the API answers {@code request} with on a model of {@code rule}; empty when it accepts it. */
  Optional<ApiError> checkRules(CompletionRequest request, ModelRule rule);

  ApiError modelNotFound(String model);

  int status(ApiError.Type type);

  byte[] errorBody(ApiError error, String requestId);

  /** The reply with its ids drawn from {@code random}, after the reply text's own draws. */
  Completion complete(
      CompletionRequest request, Reply reply, boolean summarized, CacheUsage cache, RandomGenerator random, Instant now);

  byte[] successBody(Completion completion);

  /**
   * The reply as this style's server-sent events, in order, ending with the style's last event.
   *
   * @param midStreamError an error to send after the first piece of text instead of the rest; null for none
   */
  List<SseEvent> streamEvents(Completion completion, ApiError midStreamError);

  byte[] modelsBody(List<String> models, Instant now);

  /** Reserves the request's cost in this style's buckets, or says why not. */
  RateLimiter.Admission admit(CompletionRequest request);

  /**
   * Settles a finished request's reservation: refunds the part of its output budget it did not use (and, where
   * cache reads do not count against the input limit, the tokens read from the cache).
   */
  void finish(CompletionRequest request, int outputTokens, CacheUsage cache);

  /** Writes this style's rate-limit headers, reporting 0 remaining for the buckets in {@code exhausted}. */
  void limitHeaders(Headers out, Set<RateLimiter.Kind> exhausted, Instant now);

  /**
   * Writes this style's retry-after headers for a wait of {@code nanos}.
   *
   * @return the shortest wait the written headers allow a client, in nanoseconds
   */
  long retryAfterHeaders(Headers out, long nanos);

  /** {@code retry-after} in whole seconds, rounded up, at least 1. */
  static long retryAfterSeconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999) / 1_000_000_000);
  }

  /** Random letters and digits, for ids. */
  static String randomId(RandomGenerator random, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }
}
