package io.datasynth.provider.batch;

import io.datasynth.provider.http.HttpTransport;
import io.datasynth.provider.http.RetryAfter;
import io.datasynth.secret.Redactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The HTTP of the batch APIs: JSON exchanges through the run's {@link HttpTransport} (so {@code -v} logs them), and
 * result files streamed line by line (they can be hundreds of megabytes), every outcome classified into a
 * {@link BatchReply} the same way completions are. Thread-safe.
 */
public final class BatchHttp implements AutoCloseable {
  /** How long one batch API exchange may take; uploads of hundreds of megabytes included. */
  public static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final HttpTransport transport;
  private final HttpClient streaming;
  private final Redactor redactor;
  private final Clock clock;
  private final Function<String, String> errorMessage;

  /**
   * @param baseUrl where the API lives, for the streaming client's HTTP version
   * @param errorMessage the provider's message in an error body
   */
  public BatchHttp(HttpTransport transport, String baseUrl, Duration connectTimeout, Redactor redactor,
      Function<String, String> errorMessage) {
    this.transport = transport;
    boolean plain = "http".equalsIgnoreCase(URI.create(baseUrl).getScheme());
    this.streaming = HttpClient.newBuilder()
        .version(plain ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
        .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.redactor = redactor;
    this.clock = Clock.systemUTC();
    this.errorMessage = errorMessage;
  }

  /** Sends a request and reads a 2xx body with {@code read}; a body {@code read} cannot take is worth a retry. */
  public <T> BatchReply<T> exchange(HttpRequest request, Function<String, T> read) {
    HttpResponse<String> response;
    try {
      response = transport.send(request).join();
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new BatchReply.Retry<>(null, false, "connection failed (" + request.uri().getPath() + "): "
          + redactor.scrub(String.valueOf(cause.getMessage())));
    }
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body();
    if (status >= 200 && status < 300) {
      try {
        return new BatchReply.Done<>(read.apply(body));
      } catch (RuntimeException e) {
        return new BatchReply.Retry<>(null, false, "unreadable response from " + request.uri().getPath() + " ("
            + redactor.scrub(String.valueOf(e.getMessage())) + ")");
      }
    }
    return classify(status, RetryAfter.parse(response.headers(), clock.instant()).orElse(null),
        redactor.scrub(errorMessage.apply(body)));
  }

  /** Streams a 2xx body line by line to {@code each}; returns the number of lines. */
  public BatchReply<Long> lines(HttpRequest request, Consumer<String> each) {
    HttpResponse<InputStream> response;
    try {
      response = streaming.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get();
    } catch (ExecutionException e) {
      return new BatchReply.Retry<>(null, false, "connection failed (" + request.uri().getPath() + "): "
          + redactor.scrub(String.valueOf(e.getCause() == null ? e : e.getCause().getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new BatchReply.Retry<>(null, false, "interrupted");
    }
    int status = response.statusCode();
    try (InputStream in = response.body();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      if (status < 200 || status >= 300) {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n = reader.read(buf); n > 0 && sb.length() < 65_536; n = reader.read(buf)) {
          sb.append(buf, 0, n);
        }
        return classify(status, RetryAfter.parse(response.headers(), clock.instant()).orElse(null),
            redactor.scrub(errorMessage.apply(sb.toString())));
      }
      long n = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          each.accept(line);
          n++;
        }
      }
      return new BatchReply.Done<>(n);
    } catch (IOException e) {
      return new BatchReply.Retry<>(null, false, "the results of " + request.uri().getPath()
          + " stopped arriving: " + redactor.scrub(String.valueOf(e.getMessage())));
    }
  }

  private static <T> BatchReply<T> classify(int status, Duration retryAfter, String message) {
    boolean retry = status == 429 || status == 408 || status == 409 || status == 425 || status >= 500;
    String text = "HTTP " + status + (message.isBlank() ? "" : ": " + message);
    return retry ? new BatchReply.Retry<>(retryAfter, status == 429, text) : new BatchReply.Refused<>(status, text);
  }

  /** A request builder with the batch API's timeout. */
  public static HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(TIMEOUT);
  }

  @Override
  public void close() {
    transport.close();
  }
}
