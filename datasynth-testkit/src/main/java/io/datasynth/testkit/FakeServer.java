package io.datasynth.testkit;

import com.sun.net.httpserver.HttpServer;
import io.datasynth.testkit.RateLimiter.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running parts of a {@link FakeProvider}: the JDK HTTP server on 127.0.0.1, its thread pool, and the
 * handlers wired to one set of buckets per style. Thread-safe.
 */
final class FakeServer {
  private static final int BACKLOG = 1024;
  private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private HttpServer server;
  private final int port;
  private final ThreadPoolExecutor executor;
  private final Router router;
  private final Ticker ticker;
  private final OutageClock outage;
  private final AnthropicBatches anthropicBatches;
  private final OpenAiBatches openAiBatches;
  private final BatchSupport batches;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();

  /** Binds and starts serving; throws {@link UncheckedIOException} naming the port when it cannot bind. */
  FakeServer(Settings settings, RequestLog log, BatchLimits limits) {
    Ticker ticker = settings.clock() == null ? Ticker.system() : Ticker.of(settings.clock());
    Map<Kind, Long> anthropicLimits =
        Map.of(Kind.REQUESTS, settings.rpm(), Kind.INPUT_TOKENS, settings.itpm(), Kind.OUTPUT_TOKENS, settings.otpm());
    Map<Kind, Long> openAiLimits = Map.of(Kind.REQUESTS, settings.rpm(), Kind.TOKENS, settings.tpm());
    WireFormat anthropic = new AnthropicFormat(new RateLimiter(anthropicLimits, settings.burstSeconds(), ticker));
    WireFormat openAi =
        new OpenAiFormat(
            new RateLimiter(openAiLimits, settings.burstSeconds(), ticker), settings.defaultMaxTokens());
    Pacer pacer = new Pacer(settings.hostility().trickleBytesPerSecond(), closed);
    Responder responder =
        new Responder(settings.seed(), ticker, log, pacer, settings.hostility().rateLimitHeaders());
    this.ticker = ticker;
    Answerer answerer = new Answerer(settings);
    CompletionFlow flow = new CompletionFlow(settings, ticker, log, responder, answerer, closed);
    batches = new BatchSupport(settings, ticker, responder, answerer, limits);
    outage = new OutageClock(settings.outage(), ticker.nanos());
    anthropicBatches = new AnthropicBatches(batches, anthropic, "http://127.0.0.1:" + settings.port());
    openAiBatches = new OpenAiBatches(batches, openAi);
    router = new Router(settings, ticker, log, responder, flow, anthropic, openAi, anthropicBatches, openAiBatches,
        outage);
    executor =
        new ThreadPoolExecutor(
            settings.maxThreads(), settings.maxThreads(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            threads());
    executor.allowCoreThreadTimeOut(true);
    enableNoDelay();
    try {
      server = listen(settings.port());
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException(
          "cannot listen on 127.0.0.1:" + settings.port() + " (" + e.getMessage() + "); choose another port, or 0"
              + " for any free one (--port)",
          e);
    }
    port = server.getAddress().getPort();
    anthropicBatches.baseUrl("http://127.0.0.1:" + port);
    if (outage.refuses()) {
      Thread watcher = new Thread(this::watchOutage, "fake-provider-outage");
      watcher.setDaemon(true);
      watcher.start();
    }
  }

  private HttpServer listen(int onPort) throws IOException {
    HttpServer listening = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), onPort), BACKLOG);
    listening.createContext("/", router);
    listening.setExecutor(executor);
    listening.start();
    return listening;
  }

  /** Stops listening while a connection-refused outage is on and listens on the same port again after it. */
  private void watchOutage() {
    try {
      while (!closed.await(10, TimeUnit.MILLISECONDS)) {
        boolean on = outage.on(ticker.nanos());
        synchronized (this) {
          if (on && server != null) {
            server.stop(0);
            server = null;
          } else if (!on && server == null && !closing.get()) {
            try {
              server = listen(port);
            } catch (IOException e) {
              // the port is still being released; try again on the next tick
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  int port() {
    return port;
  }

  /** Whether the fake accepts connections now (false during a connection-refused outage). */
  synchronized boolean listening() {
    return server != null;
  }

  /** Ends every batch of both APIs now. */
  void finishBatches() {
    long now = ticker.nanos();
    anthropicBatches.finishAll(now);
    openAiBatches.finishAll(now);
  }

  long batchesCreated() {
    return batches.batches.get();
  }

  long batchItemsSubmitted() {
    return batches.itemsSubmitted.get();
  }

  int inFlight() {
    return router.inFlight();
  }

  /** Ends hanging and sleeping requests, stops listening and closes all connections. Idempotent. */
  void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed.countDown();
    synchronized (this) {
      if (server != null) {
        server.stop(0);
      }
    }
    executor.shutdownNow();
  }

  /**
   * Turns on TCP_NODELAY for the JDK HTTP server unless the JVM was told otherwise. The server writes headers and
   * body separately; with Nagle's algorithm the body waits for the client's delayed ACK, about 40 ms per response.
   * The JDK reads this property once, when the first server of the JVM starts.
   */
  private static void enableNoDelay() {
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "fake-provider-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
