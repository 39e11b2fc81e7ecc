package io.datasynth.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake's single HTTP handler: sends completions to the {@link CompletionFlow} in the style their path names,
 * serves {@code GET /v1/models}, and answers anything else with 404 (or 405) in the style the headers suggest. As
 * a proxy's login page, it answers everything with HTML instead.
 */
final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final byte[] LOGIN_PAGE =
      ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Sign in - Corporate Web Gateway</title></head>\n"
          + "<body><h1>Sign in to continue</h1><p>Your session has expired. Sign in with your company account to"
          + " reach external sites.</p><form method=\"post\" action=\"/login\"><input name=\"user\">"
          + "<input name=\"password\" type=\"password\"><button>Sign in</button></form></body></html>\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final Settings settings;
  private final Ticker ticker;
  private final RequestLog log;
  private final Responder responder;
  private final CompletionFlow completions;
  private final WireFormat anthropic;
  private final WireFormat openAi;
  private final AtomicInteger inFlight = new AtomicInteger();

  Router(
      Settings settings,
      Ticker ticker,
      RequestLog log,
      Responder responder,
      CompletionFlow completions,
      WireFormat anthropic,
      WireFormat openAi) {
    this.settings = settings;
    this.ticker = ticker;
    this.log = log;
    this.responder = responder;
    this.completions = completions;
    this.anthropic = anthropic;
    this.openAi = openAi;
  }

  @Override
  public void handle(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    WireFormat wire =
        switch (path) {
          case "/v1/messages" -> anthropic;
          case "/v1/chat/completions" -> openAi;
          default -> looksAnthropic(exchange.getRequestHeaders()) ? anthropic : openAi;
        };
    Trace trace = new Trace(log.nextSequence(), ticker.nanos(), ticker.now(), wire.style(), method, path);
    inFlight.incrementAndGet();
    try {
      route(exchange, wire, trace, path, method);
    } catch (IOException e) {
      LOG.debug("request #{} {} {} failed while answering: {}", trace.sequence, method, path, e.toString());
      Exchanges.drop(exchange);
    } catch (RuntimeException e) {
      LOG.error("fake provider bug while answering request #{} {} {}", trace.sequence, method, path, e);
      sendBug(exchange, wire, trace, e);
    } finally {
      inFlight.decrementAndGet();
      if (!trace.logged) {
        log.add(trace.toRecord());
      }
      LOG.debug("request #{} {} {} -> {} ({})", trace.sequence, method, path, trace.status, trace.fault);
    }
  }

  /** Requests being handled now, including hanging ones. */
  int inFlight() {
    return inFlight.get();
  }

  private void route(HttpExchange exchange, WireFormat wire, Trace trace, String path, String method)
      throws IOException {
    if (settings.hostility().htmlLoginPage()) {
      Exchanges.readBody(exchange);
      responder.html(exchange, trace, LOGIN_PAGE);
      return;
    }
    boolean completion = path.equals("/v1/messages") || path.equals("/v1/chat/completions");
    if (completion && method.equals("POST")) {
      completions.handle(exchange, wire, trace);
      return;
    }
    Exchanges.readBody(exchange);
    if (completion || (path.equals("/v1/models") && !method.equals("GET"))) {
      String message = "method " + method + " is not allowed on " + path + "; use "
          + (completion ? "POST" : "GET");
      responder.error(exchange, wire, trace, ApiError.of(ApiError.Type.METHOD_NOT_ALLOWED, message), null);
      return;
    }
    if (path.equals("/v1/models")) {
      String key = wire.presentedKey(exchange.getRequestHeaders());
      trace.apiKeyMatched = settings.accepts(key);
      if (!trace.apiKeyMatched) {
        responder.error(exchange, wire, trace, wire.keyRefused(exchange.getRequestHeaders()), null);
        return;
      }
      byte[] body = wire.modelsBody(settings.listedModels(wire.style()), ticker.now());
      responder.json(exchange, wire, trace, 200, body, responder.requestId(wire, trace), null);
      return;
    }
    String message = "Invalid URL (" + method + " " + path + "); the fake serves POST /v1/messages,"
        + " POST /v1/chat/completions and GET /v1/models";
    responder.error(exchange, wire, trace, ApiError.of(ApiError.Type.NOT_FOUND, message), null);
  }

  private void sendBug(HttpExchange exchange, WireFormat wire, Trace trace, RuntimeException e) {
    try {
      ApiError error = ApiError.of(ApiError.Type.SERVER, "fake provider bug: " + e);
      responder.error(exchange, wire, trace, error, null);
    } catch (IOException | RuntimeException ignored) {
      Exchanges.drop(exchange);
    }
  }

  /** Paths both styles share are answered in Anthropic style when Anthropic's headers are present. */
  private static boolean looksAnthropic(Headers headers) {
    return headers.containsKey("anthropic-version") || headers.containsKey("x-api-key");
  }
}
