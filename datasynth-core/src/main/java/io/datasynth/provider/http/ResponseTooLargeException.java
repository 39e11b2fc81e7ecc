package io.datasynth.provider.http;

import java.io.IOException;

/** A response body that passed the transport's limit; the exchange was aborted there. */
public final class ResponseTooLargeException extends IOException {
  private final long limitBytes;

  public ResponseTooLargeException(long limitBytes) {
    super("the response body passed the limit of " + mib(limitBytes) + "; no model reply is that large, so the "
        + "server is not answering as an LLM API does");
    this.limitBytes = limitBytes;
  }

  /** The limit, in bytes. */
  public long limitBytes() {
    return limitBytes;
  }

  static String mib(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
  }
}
