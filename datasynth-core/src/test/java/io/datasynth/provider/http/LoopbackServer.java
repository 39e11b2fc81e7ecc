package io.datasynth.provider.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server on loopback for bodies the shared fake provider does not send: one that trickles in forever,
 * one that never ends. It answers every request the same way and counts down {@link #bodyStarted} once it has
 * sent the headers and a first byte, and {@link #clientGone} once a write fails because the client hung up.
 */
final class LoopbackServer implements AutoCloseable {
  final CountDownLatch bodyStarted = new CountDownLatch(1);
  final CountDownLatch clientGone = new CountDownLatch(1);
  private final HttpServer server;
  private final ExecutorService executor;

  private LoopbackServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** What the server sends after the headers; returns when the body is over or the client went away. */
  interface Body {
    void write(OutputStream out) throws IOException, InterruptedException;
  }

  private static LoopbackServer start(long contentLength, Body body) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
      });
      LoopbackServer ls = new LoopbackServer(s, executor);
      s.createContext("/", ex -> ls.answer(ex, contentLength, body));
      s.setExecutor(executor);
      s.start();
      return ls;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void answer(HttpExchange ex, long contentLength, Body body) throws IOException {
    ex.getRequestBody().readAllBytes();
    ex.getResponseHeaders().add("content-type", "application/json");
    ex.sendResponseHeaders(200, contentLength);
    OutputStream out = ex.getResponseBody();
    try {
      out.write('{');
      out.flush();
      bodyStarted.countDown();
      body.write(out);
      out.close();
    } catch (IOException e) {
      clientGone.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ex.close();
    }
  }

  /** Announces a body of a million bytes, then sends one byte every {@code everyMillis} ms, forever. */
  static LoopbackServer trickling(long everyMillis) {
    return start(1_000_000, out -> {
      while (true) {
        Thread.sleep(everyMillis);
        out.write(' ');
        out.flush();
      }
    });
  }

  /** A chunked body that never ends, sent as fast as the client reads it. */
  static LoopbackServer endless() {
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, (byte) ' ');
    return start(0, out -> {
      while (true) {
        out.write(block);
      }
    });
  }

  /** The origin, e.g. {@code http://127.0.0.1:41234}. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
