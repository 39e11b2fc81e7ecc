package io.datasynth.provider.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP client. Plain {@code http://} servers (vLLM, Ollama, the fake provider) get HTTP/1.1, because the
 * JDK otherwise sends an {@code Upgrade: h2c} header some of them reject; {@code https://} uses HTTP/2.
 */
public final class JdkHttpTransport implements HttpTransport {
  private final HttpClient client;
  private final ExecutorService executor;

  private JdkHttpTransport(HttpClient client, ExecutorService executor) {
    this.client = client;
    this.executor = executor;
  }

  /** A transport for requests to {@code baseUrl}, with the given connect timeout. */
  public static JdkHttpTransport forBaseUrl(String baseUrl, Duration connectTimeout) {
    boolean plain = "http".equalsIgnoreCase(URI.create(baseUrl).getScheme());
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "datasynth-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    HttpClient client = HttpClient.newBuilder()
        .version(plain ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .build();
    return new JdkHttpTransport(client, executor);
  }

  @Override
  public CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
