package io.datasynth.provider.http;

import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.RateLimits;
import io.datasynth.provider.Usage;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

/** One provider's wire format: how a request is written and how a response, its errors and headers are read. */
public interface WireFormat {

  /** The HTTP request for one call, headers (including the key) and JSON body included. */
  Outgoing request(LlmRequest request);

  /**
   * Reads a 200 response body.
   *
   * @param streamed whether the request asked for server-sent events
   * @throws IllegalArgumentException when the body is not the documented shape
   * @throws StreamError when a stream carried an error event
   */
  Reply reply(String body, boolean streamed);

  /** The provider's error message in an error body, or the start of the body when it has none. */
  String errorMessage(String body);

  /** The rate-limit headers of a response; {@code now} turns absolute reset times into durations. */
  RateLimits limits(HttpHeaders headers, Instant now);

  /** The start of an error body on one line, for messages when the body is not the provider's error JSON. */
  static String abbreviate(String body) {
    String b = body == null ? "" : io.datasynth.text.Spaces.collapse(body.strip());
    return b.length() > 200 ? b.substring(0, 200) + "…" : b;
  }

  /**
   * The time limit of one request: the configured one, or for a streamed request at least twice what the official
   * SDKs expect a reply of that size to take (an hour per 128,000 output tokens), so a long stream is not cut off.
   */
  static Duration timeout(Duration configured, int maxTokens, boolean streamed) {
    if (!streamed) {
      return configured;
    }
    Duration expected = Duration.ofMillis(2 * 3_600_000L * maxTokens / 128_000);
    return expected.compareTo(configured) > 0 ? expected : configured;
  }

  /**
   * A request ready to send.
   *
   * @param streamed whether it asks for server-sent events
   */
  record Outgoing(HttpRequest request, boolean streamed) {}

  /**
   * A successful reply.
   *
   * @param text the visible text, reasoning left out
   * @param usage null when the server reported none
   * @param truncated whether the reply stopped at the output limit
   * @param reasoned whether the model reasoned before or instead of answering (thinking blocks, reasoning tokens)
   */
  record Reply(String text, Usage usage, boolean truncated, boolean reasoned) {}

  /** An error the server reported inside a stream that had started with 200. */
  final class StreamError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** @param status the HTTP status the same error has outside a stream (429, 500, 529, …) */
    public StreamError(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
