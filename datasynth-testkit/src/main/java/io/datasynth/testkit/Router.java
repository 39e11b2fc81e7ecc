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
  private final AnthropicBatches anthropicBatches;
  private final OpenAiBatches openAiBatches;
  private final OutageClock outage;
  private final AtomicInteger inFlight = new AtomicInteger();

  Router(
      Settings settings,
      Ticker ticker,
      RequestLog log,
      Responder responder,
      CompletionFlow completions,
      WireFormat anthropic,
      WireFormat openAi,
      AnthropicBatches anthropicBatches,
      OpenAiBatches openAiBatches,
      OutageClock outage) {
    this.settings = settings;
    this.ticker = ticker;
    this.log = log;
    this.responder = responder;
    this.completions = completions;
    this.anthropic = anthropic;
    this.openAi = openAi;
    this.anthropicBatches = anthropicBatches;
    this.openAiBatches = openAiBatches;
    this.outage = outage;
  }

  @Override
  public void handle(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    WireFormat wire =
        path.equals("/v1/messages") || path.startsWith(AnthropicBatches.PATH) ? anthropic
            : path.equals("/v1/chat/completions") || path.startsWith("/v1/files") || path.startsWith("/v1/batches")
                ? openAi
                : looksAnthropic(exchange.getRequestHeaders()) ? anthropic : openAi;
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
    Outage.Kind failing = outage.failing(trace.sequence, ticker.nanos());
    if (failing != null) {
      fail(exchange, wire, trace, failing);
      return;
    }
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
    boolean anthropicBatch = path.startsWith(AnthropicBatches.PATH);
    if (anthropicBatch || path.startsWith("/v1/files") || path.startsWith("/v1/batches")) {
      String key = wire.presentedKey(exchange.getRequestHeaders());
      trace.apiKeyMatched = settings.accepts(key);
      if (!trace.apiKeyMatched) {
        Exchanges.readBody(exchange);
        responder.error(exchange, wire, trace, wire.keyRefused(exchange.getRequestHeaders()), null);
      } else if (anthropicBatch) {
        anthropicBatches.handle(exchange, trace, path, method);
      } else {
        openAiBatches.handle(exchange, trace, path, method);
      }
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

  /** Answers a request during an outage: a 500 or 529/503, or a closed connection (also while refusing). */
  private void fail(HttpExchange exchange, WireFormat wire, Trace trace, Outage.Kind kind) throws IOException {
    Exchanges.readBody(exchange);
    switch (kind) {
      case SERVER_ERROR -> responder.error(exchange, wire, trace,
          ApiError.of(ApiError.Type.SERVER, "Internal server error (the fake's outage)"), null);
      case OVERLOADED -> responder.error(exchange, wire, trace,
          ApiError.of(ApiError.Type.OVERLOADED, "Overloaded (the fake's outage)"), null);
      case CONNECTION_RESET, CONNECTION_REFUSED -> {
        trace.status = 0;
        log.add(trace.toRecord());
        trace.logged = true;
        Exchanges.drop(exchange);
      }
    }
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
