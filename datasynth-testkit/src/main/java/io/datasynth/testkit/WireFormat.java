package io.datasynth.testkit;

import com.sun.net.httpserver.Headers;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** One provider's wire format and rate-limit rules, as the request flow needs them. Thread-safe. */
interface WireFormat {

  ApiStyle style();

  /** The API key the request presents; null when it presents none. */
  String presentedKey(Headers headers);

  /** The response header that carries the request id. */
  String requestIdHeader();

  String newRequestId(RandomGenerator random);

  Parsed parse(Headers headers, byte[] body);

  ApiError invalidKey();

  ApiError modelNotFound(String model);

  int status(ApiError.Type type);

  byte[] errorBody(ApiError error, String requestId);

  byte[] successBody(CompletionRequest request, Reply reply, RandomGenerator random, Instant now);

  byte[] modelsBody(List<String> models, Instant now);

  /** Reserves the request's cost in this style's buckets, or says why not. */
  RateLimiter.Admission admit(CompletionRequest request);

  /** Settles a finished request's reservation: refunds the part of its output budget it did not use. */
  void finish(CompletionRequest request, int outputTokens);

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
