package io.datasynth.provider.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback server that answers every request with one status and body and remembers what each carried. */
public final class RecordingServer implements AutoCloseable {
  /** One request as it arrived. */
  public record Seen(String method, String path, String contentType, String accept, String contentLength,
      int bodyBytes, int clientPort) {}

  /** The requests so far, in order. */
  public final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  /** Answers with {@code status} and {@code body} (JSON), and {@code Retry-After: 7}. */
  public RecordingServer(int status, String body) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> {
      byte[] in = ex.getRequestBody().readAllBytes();
      seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(),
          ex.getRequestHeaders().getFirst("content-type"), ex.getRequestHeaders().getFirst("accept"),
          ex.getRequestHeaders().getFirst("content-length"), in.length, ex.getRemoteAddress().getPort()));
      byte[] out = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("content-type", "application/json");
      ex.getResponseHeaders().add("Retry-After", "7");
      ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
  }

  /** The server's origin, e.g. {@code http://127.0.0.1:41234}. */
  public String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A URI on the server. */
  public URI uri() {
    return URI.create(origin() + "/v1/x");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
