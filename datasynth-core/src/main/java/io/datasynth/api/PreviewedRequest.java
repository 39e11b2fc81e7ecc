package io.datasynth.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request a run would send, as it would go on the wire, with every key masked.
 *
 * @param number its 1-based place among the requests of the preview
 * @param method the HTTP method, {@code POST}
 * @param url where it goes
 * @param headers its headers in the order sent, keys replaced by {@value #MASK}; never null
 * @param body the request body exactly as sent (JSON)
 */
public record PreviewedRequest(int number, String method, URI url, Map<String, List<String>> headers, String body) {
  /** What a key is replaced with. */
  public static final String MASK = "***";

  public PreviewedRequest {
    headers = Map.copyOf(headers);
  }
}
