package io.datasynth.provider.batch;

import io.datasynth.provider.http.WireFormat;

/**
 * One item's result in an ended batch.
 *
 * @param customId the id the item was submitted under
 * @param kind how it ended
 * @param reply the reply, read as the online endpoint's would be; null unless it succeeded
 * @param status for an errored item, the HTTP status the same error has online (400, 500, 529, …); else 0
 * @param message for an errored item, the provider's message; else empty
 */
public record ItemResult(String customId, Kind kind, WireFormat.Reply reply, int status, String message) {

  /** How an item ended. */
  public enum Kind {
    SUCCEEDED,
    ERRORED,
    CANCELED,
    EXPIRED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
