package io.datasynth.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Low-level reading and writing of JDK HTTP server exchanges. */
final class Exchanges {
  /** The largest request body accepted, as the Messages API documents: 32 MB. */
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private static final byte[] ENDLESS_START =
      "{\"id\":\"msg_endless\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\""
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] ENDLESS_CHUNK = "record ".repeat(2048).getBytes(StandardCharsets.UTF_8);

  private Exchanges() {}

  /** The whole request body; null when it is larger than {@link #MAX_BODY_BYTES}. */
  static byte[] readBody(HttpExchange exchange) throws IOException {
    return readBody(exchange, MAX_BODY_BYTES);
  }

  /** The whole request body; null when it is larger than {@code limit} bytes (the rest is read and dropped). */
  static byte[] readBody(HttpExchange exchange, long limit) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (body.length > limit) {
        in.transferTo(OutputStream.nullOutputStream());
        return null;
      }
      return body;
    }
  }

  /** Sends a body with a fixed length (so the connection stays usable for keep-alive), paced by {@code pacer}. */
  static void send(HttpExchange exchange, int status, String contentType, byte[] body, Pacer pacer)
      throws IOException {
    exchange.getResponseHeaders().set("content-type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    OutputStream out = exchange.getResponseBody();
    if (!pacer.write(out, body)) {
      drop(exchange);
      return;
    }
    out.close();
  }

  /**
   * Sends server-sent events over a chunked body, each flushed as it is written. With {@code cut}, only the first
   * half of the stream's bytes go out: the body ends in the middle of an event, before the style's last event.
   */
  static void sendEvents(HttpExchange exchange, List<SseEvent> events, boolean cut, Pacer pacer) throws IOException {
    exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("cache-control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    long total = events.stream().mapToLong(e -> e.bytes().length).sum();
    long budget = cut ? total / 2 : total;
    for (SseEvent event : events) {
      byte[] bytes = event.bytes();
      if (bytes.length > budget) {
        pacer.write(out, java.util.Arrays.copyOf(bytes, (int) budget));
        drop(exchange);
        return;
      }
      budget -= bytes.length;
      if (!pacer.write(out, bytes)) {
        drop(exchange);
        return;
      }
    }
    out.close();
  }

  /** Sends a 200 JSON reply whose chunked body never ends, until the client hangs up or the fake closes. */
  static void sendEndless(HttpExchange exchange, Pacer pacer) throws IOException {
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    if (!pacer.write(out, ENDLESS_START)) {
      drop(exchange);
      return;
    }
    while (pacer.open()) {
      if (!pacer.write(out, ENDLESS_CHUNK)) {
        break;
      }
    }
    drop(exchange);
  }

  /** Closes the connection without sending (the rest of) a response. */
  static void drop(HttpExchange exchange) {
    exchange.close();
  }
}
