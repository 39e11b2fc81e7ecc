package io.datasynth.provider.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP/1.1 through the JDK's {@link HttpURLConnection}: each exchange blocks one pooled thread, and connections are
 * kept alive between requests. Against a fast server it costs about a third of the CPU per request of the JDK's
 * asynchronous {@code HttpClient} (20,000 requests: 3.6 s against 11.3 s of process CPU, measured side by side), and
 * HTTP/1.1 is what the providers' own SDKs speak by default.
 *
 * <p>Three guarantees the JDK alone does not give: a request's timeout covers the whole exchange, body included (a
 * body trickling in forever would otherwise hang); every body is read up to a limit ({@link #MAX_BODY_BYTES}); and
 * cancelling the returned future hangs up at once. A POST is never sent twice: the JDK would send it again on a
 * kept-alive connection that broke before the reply (it may have been paid for) unless {@code sun.net.http.retryPost}
 * is false, which {@link #create} sets unless the user did. Bodies up to {@link #STREAMED_OVER} are not streamed,
 * as in streaming mode the JDK drops the body of a 401, where the provider says what is wrong with the key; larger
 * ones (batch uploads) are, so they are not held in memory twice more. Thread-safe.
 */
public final class UrlConnectionTransport implements HttpTransport {
  /** The largest response body read: far above any real reply (a 128k-token reply is well under 1 MiB). */
  public static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
  /** The time limit of a request that sets none. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  /** Idle connections the JDK keeps per server unless {@code http.maxConnections} says otherwise; its default is 5. */
  static final String KEEP_ALIVE_PROPERTY = "http.maxConnections";
  static final int KEEP_ALIVE = 1024;
  static final String RETRY_POST_PROPERTY = "sun.net.http.retryPost";
  /** Bodies above this many bytes (batch uploads) are streamed instead of held twice in memory. */
  static final long STREAMED_OVER = 1 << 20;

  private final Duration connectTimeout;
  private final long maxBodyBytes;
  private final ExecutorService exchanges;
  private final ScheduledThreadPoolExecutor timers;
  /** Where the last request went: a run sends nearly every request to the same URL. */
  private volatile Address last;

  /** A URL and the proxy the JDK's selector picks for it, found once instead of for every request. */
  private record Address(URI uri, URL url, Proxy proxy) {}

  private UrlConnectionTransport(Duration connectTimeout, long maxBodyBytes) {
    if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("body limit " + maxBodyBytes + " is not 1 to 2 GiB");
    }
    this.connectTimeout = connectTimeout;
    this.maxBodyBytes = maxBodyBytes;
    AtomicInteger n = new AtomicInteger();
    this.exchanges = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "datasynth-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "datasynth-http-timeouts");
      t.setDaemon(true);
      return t;
    });
    timers.setRemoveOnCancelPolicy(true);
  }

  /** A transport with the given connect timeout. */
  public static UrlConnectionTransport create(Duration connectTimeout) {
    return create(connectTimeout, MAX_BODY_BYTES);
  }

  /** The same with another body limit, in bytes; for tests. */
  static UrlConnectionTransport create(Duration connectTimeout, long maxBodyBytes) {
    // A run keeps as many exchanges in flight as its window allows; with the JDK's 5 idle connections per server,
    // the rest would be closed after every reply and opened again (a TLS handshake each, against a real API).
    if (System.getProperty(KEEP_ALIVE_PROPERTY) == null) {
      System.setProperty(KEEP_ALIVE_PROPERTY, Integer.toString(KEEP_ALIVE));
    }
    if (System.getProperty(RETRY_POST_PROPERTY) == null) {
      System.setProperty(RETRY_POST_PROPERTY, "false");
    }
    return new UrlConnectionTransport(connectTimeout, maxBodyBytes);
  }

  /**
   * Sends a request. The future fails with an {@link HttpTimeoutException} when the whole response, body included,
   * has not arrived within the request's timeout, and with a {@link ResponseTooLargeException} when the body passes
   * the limit; both hang up.
   */
  @Override
  public CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
    Duration timeout = request.timeout().orElse(DEFAULT_TIMEOUT);
    Exchange exchange = new Exchange(request, timeout);
    CompletableFuture<HttpResponse<String>> result = new CompletableFuture<>();
    ScheduledFuture<?> timer = timers.schedule(() -> {
      if (result.completeExceptionally(new HttpTimeoutException("no complete response within "
          + seconds(timeout)))) {
        exchange.hangUp();
      }
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    result.whenComplete((response, error) -> {
      timer.cancel(false);
      if (error != null) {
        exchange.hangUp();
      }
    });
    try {
      exchanges.execute(() -> {
        try {
          result.complete(exchange.run());
        } catch (IOException | RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IOException("the HTTP transport is closed", e));
    }
    return result;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
  }

  @Override
  public void close() {
    timers.shutdownNow();
    exchanges.shutdownNow();
  }

  /** One request on one connection; {@link #hangUp} may come from any thread, before, during or after it. */
  private final class Exchange {
    private final HttpRequest request;
    private final Duration timeout;
    private HttpURLConnection connection;
    private boolean hungUp;

    Exchange(HttpRequest request, Duration timeout) {
      this.request = request;
      this.timeout = timeout;
    }

    HttpResponse<String> run() throws IOException {
      HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
      boolean streamed = publisher != null && publisher.contentLength() > STREAMED_OVER;
      byte[] body = publisher != null && !streamed ? RequestBodies.bytes(publisher) : null;
      // With a body to send the JDK would turn a GET into a POST.
      boolean sends = streamed || body != null
          && !(body.length == 0 && List.of("GET", "HEAD", "DELETE").contains(request.method()));
      HttpURLConnection c = open();
      boolean connected = false;
      try {
        if (sends) {
          c.setDoOutput(true);
        }
        if (streamed) {
          c.setFixedLengthStreamingMode(publisher.contentLength());
        }
        c.connect();
        connected = true;
        if (sends) {
          try (OutputStream out = c.getOutputStream()) {
            if (streamed) {
              RequestBodies.writeTo(publisher, out);
            } else {
              out.write(body);
            }
          }
        }
        int status;
        try {
          status = c.getResponseCode();
        } catch (HttpRetryException e) {
          // A streamed body answered by 401: the JDK keeps only the status.
          return new TextResponse(e.responseCode(), request, headers(Map.of()), "");
        }
        HttpHeaders headers = headers(c.getHeaderFields());
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = in == null ? "" : read(in, c.getContentLengthLong());
        return new TextResponse(status, request, headers, text);
      } catch (SocketTimeoutException e) {
        c.disconnect();
        throw connected ? new HttpTimeoutException("no complete response within " + seconds(timeout))
            : new HttpConnectTimeoutException("connection timed out after " + seconds(connectTimeout));
      } catch (IOException | RuntimeException e) {
        c.disconnect();
        throw e;
      }
    }

    private HttpURLConnection open() throws IOException {
      Address a = address(request.uri());
      HttpURLConnection c = (HttpURLConnection) a.url().openConnection(a.proxy());
      c.setConnectTimeout(millis(connectTimeout));
      // No read timeout: the timer ends a late exchange by hanging up, which ends a blocked read at once. With one,
      // the JDK reads without blocking and polls when nothing has come yet, two more system calls for most replies.
      c.setReadTimeout(0);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setRequestMethod(request.method());
      request.headers().map().forEach((name, values) -> values.forEach(v -> c.addRequestProperty(name, v)));
      if (request.headers().firstValue("accept").isEmpty()) {
        c.setRequestProperty("Accept", "application/json"); // the JDK's default lists image types
      }
      synchronized (this) {
        if (hungUp) {
          throw new IOException("cancelled");
        }
        connection = c;
      }
      return c;
    }

    /** Closes the connection, which ends a blocked read or write at once. */
    void hangUp() {
      HttpURLConnection c;
      synchronized (this) {
        hungUp = true;
        c = connection;
      }
      if (c != null) {
        c.disconnect();
      }
    }

    /** The body up to the limit; past it the connection is closed instead of read on. */
    private String read(InputStream in, long declared) throws IOException {
      try (in) {
        if (declared > maxBodyBytes) {
          hangUp();
          throw new ResponseTooLargeException(maxBodyBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        byte[] buf = new byte[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          if (out.size() + (long) n > maxBodyBytes) {
            hangUp();
            throw new ResponseTooLargeException(maxBodyBytes);
          }
          out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
      }
    }
  }

  private Address address(URI uri) throws IOException {
    Address a = last;
    if (a == null || !a.uri().equals(uri)) {
      ProxySelector selector = ProxySelector.getDefault();
      List<Proxy> proxies = selector == null ? List.of() : selector.select(uri);
      a = new Address(uri, uri.toURL(), proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0));
      last = a;
    }
    return a;
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  /**
   * The response's headers, named in lower case as HTTP/2 sends them (the verbose log shows them so); the JDK keys
   * its status line under null, and names may differ in case only.
   */
  private static HttpHeaders headers(Map<String, List<String>> fields) {
    Map<String, List<String>> merged = new TreeMap<>();
    fields.forEach((name, values) -> {
      if (name != null) {
        merged.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
      }
    });
    return HttpHeaders.of(merged, (name, value) -> true);
  }
}
