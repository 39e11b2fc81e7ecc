package io.datasynth.provider;

import io.datasynth.text.Message;
import java.time.Duration;

/**
 * The outcome of one provider call, classified once: the engine switches over it and alone decides about retries.
 */
public sealed interface CallResult {

  /** Rate-limit headers that came with the response; {@link RateLimits#NONE} when there were none. */
  RateLimits limits();

  /**
   * The provider answered.
   *
   * @param text the reply text (may be empty)
   * @param usage the tokens the provider billed
   * @param truncated whether the reply stopped at max_tokens
   * @param reasoned whether the model reasoned (thinking blocks, reasoning tokens) before or instead of answering
   * @param latency from sending the request to receiving the whole response
   */
  record Completed(String text, Usage usage, boolean truncated, boolean reasoned, RateLimits limits,
      Duration latency) implements CallResult {

    /** Whether the output limit ran out before the model wrote anything visible. */
    public boolean cutOffBeforeText() {
      return truncated && text.isBlank();
    }
  }

  /**
   * The provider refused for rate limiting (HTTP 429).
   *
   * @param retryAfter how long the provider asked us to wait; null when it did not say
   */
  record RateLimited(Duration retryAfter, String message, RateLimits limits) implements CallResult {}

  /**
   * A failure worth retrying: 5xx, 529 overloaded, timeouts, connection resets, an unreadable body.
   *
   * @param status the HTTP status, or 0 when there was no response
   * @param retryAfter how long the provider asked us to wait; null when it did not say
   */
  record Transient(Failure kind, int status, String message, Duration retryAfter, RateLimits limits)
      implements CallResult {}

  /**
   * A failure that retrying cannot fix: 400, 401, 403, 404 and the like, or an endpoint that is not an LLM API.
   *
   * @param status the HTTP status
   * @param cause why retrying cannot help; {@link Cause#NOT_AN_API} is the user's configuration at fault
   */
  record Fatal(int status, Message message, Cause cause) implements CallResult {
    /** A refusal by the provider ({@link Cause#REFUSED}). */
    public Fatal(int status, Message message) {
      this(status, message, Cause.REFUSED);
    }

    @Override
    public RateLimits limits() {
      return RateLimits.NONE;
    }

    /** Whether the base URL or another setting is wrong, rather than the request: a usage error (exit code 2). */
    public boolean isConfiguration() {
      return cause == Cause.NOT_AN_API;
    }

    /** Why a call failed for good. */
    public enum Cause {
      /** The provider refused the request (400, 401, 403, 404, 413, …). */
      REFUSED,
      /** The endpoint answered with something that is not this API at all, e.g. a web page: the base URL is wrong. */
      NOT_AN_API
    }
  }

  /** Kinds of transient failure, counted separately in the summary. */
  enum Failure {
    SERVER_ERROR("server error"),
    OVERLOADED("overloaded"),
    TIMEOUT("timeout"),
    CONNECTION("connection failed"),
    BAD_RESPONSE("unreadable response"),
    /** A batch item the provider did not get to before its batch expired. */
    BATCH_EXPIRED("batch item expired"),
    /** A batch item not run because its batch was cancelled. */
    BATCH_CANCELED("batch item canceled");

    private final String label;

    Failure(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The label in the reader's language. */
    public Message message() {
      return Message.of(messageKey(label));
    }

    /** The key of a label's words ({@code failure.server_error}), also for labels read back from run statistics. */
    public static String messageKey(String label) {
      return "failure." + label.replace(' ', '_');
    }
  }
}
