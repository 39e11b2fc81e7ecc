package io.datasynth.provider.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP client, with three guarantees the JDK alone does not give: a request's timeout covers the whole
 * exchange, body included (the JDK's stops once the headers are in, so a body trickling in forever would hang); every
 * body is read up to a limit ({@link #MAX_BODY_BYTES}); and cancelling the returned future aborts the exchange at
 * once.
 *
 * <p>Plain {@code http://} servers (vLLM, Ollama, the fake provider) get HTTP/1.1, because the JDK otherwise sends an
 * {@code Upgrade: h2c} header some of them reject; {@code https://} uses HTTP/2. Thread-safe.
 */
public final class JdkHttpTransport implements HttpTransport {
  /** The largest response body read: far above any real reply (a 128k-token reply is well under 1 MiB). */
  public static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
  /** The time limit of a request that sets none. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final HttpClient client;
  private final ExecutorService executor;
  private final ScheduledThreadPoolExecutor timers;
  private final long maxBodyBytes;

  private JdkHttpTransport(HttpClient client, ExecutorService executor, ScheduledThreadPoolExecutor timers,
      long maxBodyBytes) {
    this.client = client;
    this.executor = executor;
    this.timers = timers;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** A transport for requests to {@code baseUrl}, with the given connect timeout. */
  public static JdkHttpTransport forBaseUrl(String baseUrl, Duration connectTimeout) {
    return forBaseUrl(baseUrl, connectTimeout, MAX_BODY_BYTES);
  }

  /** The same with another body limit, in bytes; for tests. */
  static JdkHttpTransport forBaseUrl(String baseUrl, Duration connectTimeout, long maxBodyBytes) {
    boolean plain = "http".equalsIgnoreCase(URI.create(baseUrl).getScheme());
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "datasynth-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "datasynth-http-timeouts");
      t.setDaemon(true);
      return t;
    });
    timers.setRemoveOnCancelPolicy(true);
    HttpClient client = HttpClient.newBuilder()
        .version(plain ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor)
        .build();
    return new JdkHttpTransport(client, executor, timers, maxBodyBytes);
  }

  /**
   * Sends a request. The future fails with an {@link HttpTimeoutException} when the whole response, body included,
   * has not arrived within the request's timeout, and with a {@link ResponseTooLargeException} when the body passes
   * the limit; both abort the exchange.
   */
  @Override
  public CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
    Duration timeout = request.timeout().orElse(DEFAULT_TIMEOUT);
    BoundedBody body = new BoundedBody(maxBodyBytes);
    CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, body::subscriber);
    CompletableFuture<HttpResponse<String>> result = new CompletableFuture<>();
    Runnable abort = () -> {
      body.cancel();
      exchange.cancel(true);
    };
    ScheduledFuture<?> timer = timers.schedule(() -> {
      if (result.completeExceptionally(new HttpTimeoutException("no complete response within "
          + seconds(timeout)))) {
        abort.run();
      }
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    exchange.whenComplete((response, error) -> {
      if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(response);
      }
    });
    result.whenComplete((response, error) -> {
      timer.cancel(false);
      if (result.isCancelled()) {
        abort.run();
      }
    });
    return result;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
  }

  @Override
  public void close() {
    timers.shutdownNow();
    executor.shutdownNow();
  }
}
