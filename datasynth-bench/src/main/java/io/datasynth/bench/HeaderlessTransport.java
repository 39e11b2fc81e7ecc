package io.datasynth.bench;

import io.datasynth.provider.http.HttpTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSession;

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
    CompletableFuture<HttpResponse<String>> stripped = sent.thenApply(Stripped::new);
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

  /** A response whose headers lack the rate-limit ones. */
  private record Stripped(HttpResponse<String> response) implements HttpResponse<String> {
    @Override
    public int statusCode() {
      return response.statusCode();
    }

    @Override
    public HttpRequest request() {
      return response.request();
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
      return response.previousResponse();
    }

    @Override
    public HttpHeaders headers() {
      return HttpHeaders.of(response.headers().map(), (name, value) -> !isRateLimitHeader(name));
    }

    @Override
    public String body() {
      return response.body();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return response.sslSession();
    }

    @Override
    public URI uri() {
      return response.uri();
    }

    @Override
    public HttpClient.Version version() {
      return response.version();
    }
  }
}
