package io.datasynth.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Low-level reading and writing of JDK HTTP server exchanges. */
final class Exchanges {
  /** The largest request body accepted, as the Messages API documents: 32 MB. */
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private Exchanges() {}

  /** The whole request body; null when it is larger than {@link #MAX_BODY_BYTES}. */
  static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  /** Sends a JSON response with a fixed length, so the connection stays usable for keep-alive. */
  static void sendJson(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Closes the connection without sending a response. */
  static void drop(HttpExchange exchange) {
    exchange.close();
  }
}
