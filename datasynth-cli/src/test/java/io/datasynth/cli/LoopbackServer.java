package io.datasynth.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP server on loopback for the misbehaving servers the shared fake provider does not play: one that
 * echoes the key it was sent, or one that serves a web page. Counts the requests it answered.
 */
final class LoopbackServer implements AutoCloseable {
  /** What the server answers to one request. */
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  private LoopbackServer(HttpServer server) {
    this.server = server;
  }

  static LoopbackServer start(Handler handler) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      LoopbackServer ls = new LoopbackServer(s);
      s.createContext("/", ex -> {
        ls.requests.incrementAndGet();
        try (ex) {
          ex.getRequestBody().readAllBytes();
          handler.handle(ex);
        }
      });
      s.setExecutor(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
      }));
      s.start();
      return ls;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A server that refuses every request with 401, echoing the key it got (without its {@code sk-ant-} or
   * {@code sk-} prefix) in the error body and, whole, in a response header, as a careless proxy might.
   */
  static LoopbackServer echoingTheKey() {
    return start(ex -> {
      String key = ex.getRequestHeaders().getFirst("x-api-key");
      if (key == null) {
        key = String.valueOf(ex.getRequestHeaders().getFirst("authorization")).replaceFirst("^Bearer ", "");
      }
      String bare = key.replaceFirst("^sk-(ant-|proj-)?", "");
      ex.getResponseHeaders().add("x-echo-key", key);
      ex.getResponseHeaders().add("content-type", "application/json");
      send(ex, 401, "{\"type\": \"error\", \"error\": {\"type\": \"authentication_error\", \"message\": "
          + "\"invalid x-api-key " + bare + "\"}}");
    });
  }

  /** A web server: every request gets a web page, as when the base URL points at a site instead of the API. */
  static LoopbackServer servingAWebPage(int status) {
    return start(ex -> {
      ex.getResponseHeaders().add("content-type", "text/html; charset=utf-8");
      send(ex, status, "<!DOCTYPE html><html><head><title>Welcome</title></head><body>It works!</body></html>");
    });
  }

  static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The origin, e.g. {@code http://127.0.0.1:41234}: an Anthropic base URL. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
