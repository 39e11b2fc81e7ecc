package io.datasynth.provider.http;

import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.RateLimits;
import io.datasynth.provider.Usage;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Instant;

/** One provider's wire format: how a request is written and how a response, its errors and headers are read. */
public interface WireFormat {

  /** The HTTP request for one call, headers (including the key) and JSON body included. */
  HttpRequest.Builder request(LlmRequest request);

  /**
   * Reads a 200 response body.
   *
   * @throws IllegalArgumentException when the body is not the documented shape
   */
  Reply reply(String body);

  /** The provider's error message in an error body, or the start of the body when it has none. */
  String errorMessage(String body);

  /** The rate-limit headers of a response; {@code now} turns absolute reset times into durations. */
  RateLimits limits(HttpHeaders headers, Instant now);

  /** The start of an error body on one line, for messages when the body is not the provider's error JSON. */
  static String abbreviate(String body) {
    String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return b.length() > 200 ? b.substring(0, 200) + "…" : b;
  }

  /**
   * A successful reply.
   *
   * @param usage null when the server reported none
   */
  record Reply(String text, Usage usage, boolean truncated) {}
}
