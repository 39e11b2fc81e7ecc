package io.datasynth.testkit;

/**
 * An error the fake answers with, before each style turns it into its status code and body.
 *
 * @param type what went wrong
 * @param message the human message, as the real API words it where known
 * @param param the offending request field (OpenAI's {@code param}); null when none
 * @param code OpenAI's {@code code} (e.g. {@code unsupported_parameter}); null for the style's default
 * @param limitedBy for rate-limit errors, the bucket that refused; null when scripted or not a rate limit
 */
record ApiError(Type type, String message, String param, String code, RateLimiter.Kind limitedBy) {

  /** The kinds of error both styles can express. */
  enum Type {
    INVALID_REQUEST,
    AUTHENTICATION,
    NOT_FOUND,
    MODEL_NOT_FOUND,
    METHOD_NOT_ALLOWED,
    TOO_LARGE,
    RATE_LIMITED,
    SERVER,
    TIMEOUT,
    OVERLOADED
  }

  static ApiError of(Type type, String message) {
    return new ApiError(type, message, null, null, null);
  }

  static ApiError invalid(String param, String message) {
    return new ApiError(Type.INVALID_REQUEST, message, param, null, null);
  }

  static ApiError invalid(String param, String code, String message) {
    return new ApiError(Type.INVALID_REQUEST, message, param, code, null);
  }
}
