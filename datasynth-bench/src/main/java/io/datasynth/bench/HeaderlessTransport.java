package io.datasynth.bench;

import io.datasynth.provider.http.HttpTransport;
import io.datasynth.provider.http.TextResponse;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * A transport that removes the rate-limit headers ({@code anthropic-ratelimit-*}, {@code x-ratelimit-*}) from every
 * response, so the client sees a server that enforces a limit without announcing it, as vLLM, Ollama or a proxy in
 * front of a provider do. {@code retry-after} is kept. Needed because the fake provider always sends its headers
 * when it enforces a limit. Thread-safe when the delegate is.
 */
final class HeaderlessTransport implements HttpTransport {
  private final HttpTransport delegate;

  HeaderlessTransport(HttpTransport delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
    CompletableFuture<HttpResponse<String>> sent = delegate.send(request);
    CompletableFuture<HttpResponse<String>> stripped = sent.thenApply(HeaderlessTransport::stripped);
    // Cancelling the derived future must reach the exchange, or a stopped run would leave it open.
    stripped.whenComplete((r, e) -> {
      if (stripped.isCancelled()) {
        sent.cancel(true);
      }
    });
    return stripped;
  }

  @Override
  public void close() {
    delegate.close();
  }

  static boolean isRateLimitHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("anthropic-ratelimit-") || n.startsWith("x-ratelimit-");
  }

  /** The response without its rate-limit headers. */
  private static HttpResponse<String> stripped(HttpResponse<String> r) {
    return new TextResponse(r.statusCode(), r.request(), HttpHeaders.of(r.headers().map(),
        (name, value) -> !isRateLimitHeader(name)), r.body());
  }
}
