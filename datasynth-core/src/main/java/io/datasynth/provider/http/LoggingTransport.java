package io.datasynth.provider.http;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport that logs each exchange at debug level: method, URL, headers with secrets masked, status, latency and
 * the rate-limit headers. Bodies are not logged (they hold the user's data).
 */
public final class LoggingTransport implements HttpTransport {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingTransport.class);
  private static final Set<String> SECRET_HEADERS = Set.of("x-api-key", "authorization", "api-key",
      "proxy-authorization", "cookie");

  private final HttpTransport delegate;

  public LoggingTransport(HttpTransport delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
    long start = System.nanoTime();
    if (LOG.isDebugEnabled()) {
      LOG.debug("→ {} {} {}", request.method(), request.uri(), headers(request.headers()));
    }
    return delegate.send(request).whenComplete((response, error) -> {
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (error != null) {
        LOG.debug("✗ {} after {} ms: {}", request.uri(), ms, error.toString());
      } else if (LOG.isDebugEnabled()) {
        LOG.debug("← {} {} in {} ms, {} chars {}", response.statusCode(), request.uri(), ms,
            response.body() == null ? 0 : response.body().length(), headers(response.headers()));
      }
    });
  }

  /** Headers as text with secret values replaced; public for tests. */
  public static String headers(HttpHeaders headers) {
    return headers.map().entrySet().stream()
        .map(e -> e.getKey() + "=" + (SECRET_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT))
            ? "[redacted]" : String.join(",", e.getValue())))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  @Override
  public void close() {
    delegate.close();
  }
}
