package io.datasynth.testkit;

/**
 * What the fake provider does to one request instead of (or on top of) answering it normally.
 *
 * <p>A {@link FaultScript} picks one per request. The parameters of the faults that have any (retry-after, hang
 * time, slowness) live on the script.
 */
public enum Fault {
  /** A normal reply. */
  NONE,
  /** 429 with the script's retry-after, whatever the rate-limit buckets hold. */
  RATE_LIMITED,
  /** 500 ({@code api_error} / {@code server_error}). */
  SERVER_ERROR,
  /** 529 {@code overloaded_error} in Anthropic style, 503 in OpenAI style. */
  OVERLOADED,
  /** 200 with a body cut in half, so it is not JSON (a stream stops halfway, inside an event). */
  MALFORMED_BODY,
  /** 200 with the reply cut inside the array and {@code stop_reason: max_tokens} / {@code finish_reason: length}. */
  TRUNCATED,
  /** 200 whose reply repeats records the fake already sent (or its own first record when nothing was sent yet). */
  DUPLICATES,
  /** 200 where every other record misses its first field or has its first string value replaced by a number. */
  INVALID_RECORDS,
  /** 200 whose reply is prose without any JSON. */
  GARBAGE,
  /** A normal reply after the latency times the script's slow factor (and at least its minimum). */
  SLOW,
  /** No answer until the script's hang time has passed (or the fake closes); then the connection is closed. */
  HANG,
  /** The connection is closed without any response. */
  CONNECTION_RESET,
  /**
   * A streamed reply sends its first piece of text, then an {@code error} event ({@code overloaded_error}) and
   * ends; a request that does not stream gets 529 (503 in OpenAI style) as {@link #OVERLOADED}.
   */
  STREAM_ERROR
}
