package io.datasynth.provider.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Sends HTTP requests; a thin seam so tests and the verbose log can sit between a client and the network. */
public interface HttpTransport extends AutoCloseable {

  /** Sends a request; the future fails with an {@link java.io.IOException} on network errors and timeouts. */
  CompletableFuture<HttpResponse<String>> send(HttpRequest request);

  @Override
  default void close() {}
}
