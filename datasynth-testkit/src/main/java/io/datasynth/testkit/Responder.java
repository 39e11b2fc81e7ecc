package io.datasynth.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Sends responses in a request's style with its request id, rate-limit headers for completions (unless the fake
 * sends none) and the body paced as configured.
 */
final class Responder {
  private final long seed;
  private final Ticker ticker;
  private final RequestLog log;
  private final Pacer pacer;
  private final boolean rateLimitHeaders;

  Responder(long seed, Ticker ticker, RequestLog log, Pacer pacer, boolean rateLimitHeaders) {
    this.seed = seed;
    this.ticker = ticker;
    this.log = log;
    this.pacer = pacer;
    this.rateLimitHeaders = rateLimitHeaders;
  }

  /**
   * Sends {@code error} in the style's status and body.
   *
   * @param exhausted buckets to report with 0 remaining; null to send no rate-limit headers
   */
  void error(HttpExchange exchange, WireFormat wire, Trace trace, ApiError error, Set<RateLimiter.Kind> exhausted)
      throws IOException {
    String requestId = requestId(wire, trace);
    json(exchange, wire, trace, wire.status(error.type()), wire.errorBody(error, requestId), requestId, exhausted);
  }

  /**
   * Logs the request, then sends {@code body} with {@code status}; rate-limit headers unless {@code exhausted} is
   * null. Logging first means a client that has the response always finds its request in the log.
   */
  void json(
      HttpExchange exchange,
      WireFormat wire,
      Trace trace,
      int status,
      byte[] body,
      String requestId,
      Set<RateLimiter.Kind> exhausted)
      throws IOException {
    headers(exchange, wire, trace, status, requestId, exhausted);
    Exchanges.send(exchange, status, "application/json", body, pacer);
  }

  /** Logs the request, then sends {@code body} with status 200 and {@code contentType}, without rate-limit headers. */
  void raw(HttpExchange exchange, WireFormat wire, Trace trace, String contentType, byte[] body) throws IOException {
    headers(exchange, wire, trace, 200, requestId(wire, trace), null);
    Exchanges.send(exchange, 200, contentType, body, pacer);
  }

  /** Logs the request, then sends {@code events} as a 200 event stream with rate-limit headers. */
  void stream(HttpExchange exchange, WireFormat wire, Trace trace, List<SseEvent> events, boolean cut)
      throws IOException {
    headers(exchange, wire, trace, 200, requestId(wire, trace), Set.of());
    Exchanges.sendEvents(exchange, events, cut, pacer);
  }

  /** Logs the request, then sends a 200 body that never ends. */
  void endless(HttpExchange exchange, WireFormat wire, Trace trace) throws IOException {
    headers(exchange, wire, trace, 200, requestId(wire, trace), Set.of());
    Exchanges.sendEndless(exchange, pacer);
  }

  /** Logs the request, then sends {@code html} with status 200, as a proxy's login page. */
  void html(HttpExchange exchange, Trace trace, byte[] html) throws IOException {
    trace.status = 200;
    log.add(trace.toRecord());
    trace.logged = true;
    Exchanges.send(exchange, 200, "text/html; charset=utf-8", html, pacer);
  }

  /** Whether 429s carry retry-after headers. */
  boolean sendsRateLimitHeaders() {
    return rateLimitHeaders;
  }

  String requestId(WireFormat wire, Trace trace) {
    return wire.newRequestId(Seeds.random(seed, trace.sequence, Seeds.IDS));
  }

  private void headers(
      HttpExchange exchange,
      WireFormat wire,
      Trace trace,
      int status,
      String requestId,
      Set<RateLimiter.Kind> exhausted) {
    exchange.getResponseHeaders().set(wire.requestIdHeader(), requestId);
    if (exhausted != null && rateLimitHeaders) {
      wire.limitHeaders(exchange.getResponseHeaders(), exhausted, ticker.now());
    }
    trace.status = status;
    log.add(trace.toRecord());
    trace.logged = true;
  }
}
