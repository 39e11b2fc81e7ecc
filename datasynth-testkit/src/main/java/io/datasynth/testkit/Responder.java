package io.datasynth.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Set;

/** Sends responses in a request's style with its request id (and rate-limit headers for completions). */
final class Responder {
  private final long seed;
  private final Ticker ticker;
  private final RequestLog log;

  Responder(long seed, Ticker ticker, RequestLog log) {
    this.seed = seed;
    this.ticker = ticker;
    this.log = log;
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
    exchange.getResponseHeaders().set(wire.requestIdHeader(), requestId);
    if (exhausted != null) {
      wire.limitHeaders(exchange.getResponseHeaders(), exhausted, ticker.now());
    }
    trace.status = status;
    log.add(trace.toRecord());
    trace.logged = true;
    Exchanges.sendJson(exchange, status, body);
  }

  String requestId(WireFormat wire, Trace trace) {
    return wire.newRequestId(Seeds.random(seed, trace.sequence, Seeds.IDS));
  }
}
