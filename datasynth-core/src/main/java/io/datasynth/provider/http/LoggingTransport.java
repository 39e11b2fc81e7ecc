package io.datasynth.provider.http;

import io.datasynth.secret.Redactor;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport that logs each exchange at debug level: method, URL, headers, status, latency and the rate-limit
 * headers. Bodies are not logged (they hold the user's data). Secrets are masked by header name and by value: the
 * values of the request's credential headers, and any piece of them, are masked wherever they reappear, so a
 * server that echoes the key in a response header does not put it in the log.
 */
public final class LoggingTransport implements HttpTransport {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingTransport.class);
  private static final Set<String> SECRET_HEADERS = Set.of("x-api-key", "authorization", "api-key",
      "proxy-authorization", "cookie", "set-cookie", "x-goog-api-key");

  private final HttpTransport delegate;
  private final Redactor redactor;

  /** Logs exchanges over {@code delegate}, masking the credentials each request carries. */
  public LoggingTransport(HttpTransport delegate) {
    this(delegate, Redactor.none());
  }

  /** Logs exchanges over {@code delegate}, masking also the secrets {@code redactor} knows. */
  public LoggingTransport(HttpTransport delegate, Redactor redactor) {
    this.delegate = delegate;
    this.redactor = redactor;
  }

  @Override
  public CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
    if (!LOG.isDebugEnabled()) {
      return delegate.send(request);
    }
    long start = System.nanoTime();
    Redactor r = redactorFor(request.headers());
    LOG.debug("{}", requestLine(request, r));
    CompletableFuture<HttpResponse<String>> sent = delegate.send(request);
    return Cancellation.propagate(sent.whenComplete((response, error) -> {
      long ms = (System.nanoTime() - start) / 1_000_000;
      LOG.debug("{}", error != null ? failureLine(request, ms, error, r) : responseLine(request, response, ms, r));
    }), sent);
  }

  /** The redactor for one exchange: the known secrets plus the request's own credentials. */
  Redactor redactorFor(HttpHeaders requestHeaders) {
    List<String> values = new ArrayList<>();
    requestHeaders.map().forEach((name, v) -> {
      if (SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        for (String value : v) {
          values.add(value);
          int space = value.indexOf(' ');
          if (space > 0) {
            values.add(value.substring(space + 1)); // "Bearer sk-…": the token alone
          }
        }
      }
    });
    return redactor.with(values);
  }

  static String requestLine(HttpRequest request, Redactor r) {
    return "→ " + request.method() + " " + r.scrub(request.uri().toString()) + " " + headers(request.headers(), r);
  }

  static String responseLine(HttpRequest request, HttpResponse<String> response, long ms, Redactor r) {
    return "← " + response.statusCode() + " " + r.scrub(request.uri().toString()) + " in " + ms + " ms, "
        + (response.body() == null ? 0 : response.body().length()) + " chars " + headers(response.headers(), r);
  }

  static String failureLine(HttpRequest request, long ms, Throwable error, Redactor r) {
    return "✗ " + r.scrub(request.uri().toString()) + " after " + ms + " ms: " + r.scrub(error.toString());
  }

  /** Headers as text, credential headers replaced and every other value scrubbed. */
  static String headers(HttpHeaders headers, Redactor r) {
    return headers.map().entrySet().stream()
        .map(e -> e.getKey() + "=" + (SECRET_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT))
            ? Redactor.MASK : r.scrub(String.join(",", e.getValue()))))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  @Override
  public void close() {
    delegate.close();
  }
}
