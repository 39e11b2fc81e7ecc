package io.datasynth.provider.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one call to a batch API, classified once, as {@link io.datasynth.provider.CallResult} is for
 * completions: the dispatcher decides what to do about it.
 *
 * @param <T> what the call returns
 */
public sealed interface BatchReply<T> {

  /** This failure as the failure of a call that would have returned something else; a {@link Done} is a bug. */
  default <B> BatchReply<B> failure() {
    if (this instanceof Retry<T> r) {
      return new Retry<>(r.retryAfter(), r.rateLimited(), r.message());
    }
    if (this instanceof Refused<T> r) {
      return new Refused<>(r.status(), r.message());
    }
    throw new IllegalStateException("not a failure: " + this);
  }

  /** The call worked. */
  record Done<T>(T value) implements BatchReply<T> {}

  /**
   * Worth trying again: 429, 5xx, 529, timeouts, connection failures, an unreadable body.
   *
   * @param retryAfter how long the provider asked to wait; null when it did not say
   * @param rateLimited whether the provider answered 429
   */
  record Retry<T>(Duration retryAfter, boolean rateLimited, String message) implements BatchReply<T> {
    public Retry {
      Objects.requireNonNull(message, "message");
    }
  }

  /** Refused for good (400, 401, 403, 404, 413, …): trying again cannot help. */
  record Refused<T>(int status, String message) implements BatchReply<T> {
    public Refused {
      Objects.requireNonNull(message, "message");
    }
  }
}
