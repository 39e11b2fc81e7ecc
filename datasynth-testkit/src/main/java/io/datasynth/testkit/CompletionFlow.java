package io.datasynth.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.datasynth.testkit.RateLimiter.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Answers one completion request of either style: authentication, schema checks, the model's rules, the scripted
 * fault, the rate limits, latency, the reply (whole or streamed) and the refund, in that order. Thread-safe.
 */
final class CompletionFlow {
  private final Settings settings;
  private final Ticker ticker;
  private final RequestLog log;
  private final Answerer answerer;
  private final Responder responder;
  private final CountDownLatch closed;
  private final AtomicLong completions = new AtomicLong();

  CompletionFlow(
      Settings settings, Ticker ticker, RequestLog log, Responder responder, Answerer answerer,
      CountDownLatch closed) {
    this.settings = settings;
    this.ticker = ticker;
    this.log = log;
    this.responder = responder;
    this.answerer = answerer;
    this.closed = closed;
  }

  void handle(HttpExchange exchange, WireFormat wire, Trace trace) throws IOException {
    String key = wire.presentedKey(exchange.getRequestHeaders());
    String fingerprint = RequestLog.fingerprint(key);
    trace.earlyRetry = log.arrivedEarly(fingerprint, trace.arrivalNanos);
    trace.apiKeyMatched = settings.accepts(key);
    byte[] body = Exchanges.readBody(exchange);
    KeyEcho echo = settings.hostility().keyEcho();
    if (echo != KeyEcho.NONE) {
      exchange.getResponseHeaders().set("x-echoed-api-key", echo.show(key));
      responder.error(exchange, wire, trace, wire.keyEchoed(echo.show(key)), Set.of());
      return;
    }
    if (!trace.apiKeyMatched) {
      responder.error(exchange, wire, trace, wire.keyRefused(exchange.getRequestHeaders()), Set.of());
      return;
    }
    if (body == null) {
      String message = "request body exceeds " + Exchanges.MAX_BODY_BYTES + " bytes; send a smaller prompt";
      responder.error(exchange, wire, trace, ApiError.of(ApiError.Type.TOO_LARGE, message), Set.of());
      return;
    }
    Parsed parsed = wire.parse(exchange.getRequestHeaders(), body);
    if (parsed instanceof Parsed.Invalid invalid) {
      responder.error(exchange, wire, trace, invalid.error(), Set.of());
      return;
    }
    CompletionRequest request = ((Parsed.Valid) parsed).request();
    trace.request(request);
    Optional<ModelRule> rule = settings.rules().resolve(wire.style(), request.model(), settings.models());
    if (rule.isEmpty()) {
      responder.error(exchange, wire, trace, wire.modelNotFound(request.model()), Set.of());
      return;
    }
    Optional<ApiError> refused = wire.checkRules(request, rule.get()).or(() -> tooLongWithoutStreaming(wire, request));
    if (refused.isPresent()) {
      responder.error(exchange, wire, trace, refused.get(), Set.of());
      return;
    }
    if (settings.hostility().endlessBody()) {
      responder.endless(exchange, wire, trace);
      return;
    }
    long index = completions.getAndIncrement();
    Fault fault = settings.faults().faultFor(index);
    if (fault == Fault.STREAM_ERROR && !request.stream()) {
      fault = Fault.OVERLOADED;
    }
    String injected = " (injected by the fault script at request #" + index + ")";
    switch (fault) {
      case CONNECTION_RESET -> drop(exchange, trace, fault, Duration.ZERO);
      case HANG -> drop(exchange, trace, fault, settings.faults().hangFor());
      case RATE_LIMITED -> {
        trace.fault = fault;
        ApiError error = ApiError.of(ApiError.Type.RATE_LIMITED, "Rate limited" + injected);
        rateLimited(exchange, wire, trace, fingerprint, settings.faults().retryAfter().toNanos(), error, Set.of());
      }
      case SERVER_ERROR -> {
        trace.fault = fault;
        responder.error(exchange, wire, trace, ApiError.of(ApiError.Type.SERVER, "Internal server error" + injected),
            Set.of());
      }
      case OVERLOADED -> {
        trace.fault = fault;
        responder.error(exchange, wire, trace, ApiError.of(ApiError.Type.OVERLOADED, "Overloaded" + injected),
            Set.of());
      }
      default -> answer(exchange, wire, trace, request, rule.get(), fault, fingerprint, index, injected);
    }
  }

  /** The documented 504 of a long request that does not stream, when the fake is set to give it. */
  private Optional<ApiError> tooLongWithoutStreaming(WireFormat wire, CompletionRequest request) {
    int limit = settings.hostility().nonStreamingMaxTokens();
    if (limit <= 0 || wire.style() != ApiStyle.ANTHROPIC || request.stream() || request.maxTokens() <= limit) {
      return Optional.empty();
    }
    return Optional.of(ApiError.of(ApiError.Type.TIMEOUT, "Request timed out: a non-streaming request with"
        + " max_tokens " + request.maxTokens() + " ran past the time limit. Use streaming for long requests."));
  }

  private void answer(
      HttpExchange exchange,
      WireFormat wire,
      Trace trace,
      CompletionRequest request,
      ModelRule rule,
      Fault fault,
      String fingerprint,
      long index,
      String injected)
      throws IOException {
    RateLimiter.Admission admission = wire.admit(request);
    if (!admission.admitted()) {
      Kind kind = admission.refusedBy().iterator().next();
      ApiError error = new ApiError(ApiError.Type.RATE_LIMITED, limitMessage(kind, admission), null, null, kind);
      rateLimited(exchange, wire, trace, fingerprint, admission.retryAfterNanos(), error, admission.refusedBy());
      return;
    }
    trace.fault = fault;
    RandomGenerator random = Seeds.random(settings.seed(), index, Seeds.REPLY);
    int outputTokens = 0;
    Answerer.Draft draft = null;
    Reply reply;
    try {
      draft = answerer.draft(wire.style(), request, rule, fault, random, ticker.nanos());
      reply = draft.reply();
      outputTokens = reply.outputTokens();
      if (!pause(settings.latency().nanos(random, outputTokens, fault == Fault.SLOW))) {
        Exchanges.drop(exchange);
        return;
      }
    } finally {
      wire.finish(request, outputTokens, draft == null ? CacheUsage.NONE : draft.cache());
    }
    Completion completion = answerer.complete(wire, request, rule, draft, random, ticker.now());
    trace.cacheReadTokens = draft.cache().read();
    trace.cacheCreationTokens = draft.cache().written();
    trace.scoresSent = reply.scoresSent();
    boolean malformed = fault == Fault.MALFORMED_BODY;
    boolean streamError = fault == Fault.STREAM_ERROR;
    trace.recordsSent = malformed || streamError ? 0 : reply.recordsSent();
    trace.outputTokens = outputTokens;
    trace.reasoningTokens = reply.reasoningTokens();
    trace.truncated = reply.truncated();
    if (request.stream()) {
      ApiError midStream = streamError ? ApiError.of(ApiError.Type.OVERLOADED, "Overloaded" + injected) : null;
      List<SseEvent> events = wire.streamEvents(completion, midStream);
      responder.stream(exchange, wire, trace, events, malformed);
      return;
    }
    byte[] body = wire.successBody(completion);
    if (malformed) {
      body = Arrays.copyOf(body, body.length / 2);
    }
    responder.json(exchange, wire, trace, 200, body, responder.requestId(wire, trace), Set.of());
  }

  private void rateLimited(
      HttpExchange exchange,
      WireFormat wire,
      Trace trace,
      String fingerprint,
      long retryAfterNanos,
      ApiError error,
      Set<Kind> exhausted)
      throws IOException {
    if (responder.sendsRateLimitHeaders()) {
      long wait = wire.retryAfterHeaders(exchange.getResponseHeaders(), retryAfterNanos);
      log.announce(fingerprint, ticker.nanos() + wait);
      trace.retryAfter = Duration.ofNanos(wait);
    }
    responder.error(exchange, wire, trace, error, exhausted);
  }

  private String limitMessage(Kind kind, RateLimiter.Admission admission) {
    String unit =
        switch (kind) {
          case REQUESTS -> "requests";
          case INPUT_TOKENS -> "input tokens";
          case OUTPUT_TOKENS -> "output tokens";
          case TOKENS -> "tokens";
        };
    return "This request would exceed the fake provider's rate limit of " + settings.limitOf(kind) + " " + unit
        + " per minute; retry after " + WireFormat.retryAfterSeconds(admission.retryAfterNanos()) + " s.";
  }

  /** Records the request now, then closes the connection without a response after {@code hang}. */
  private void drop(HttpExchange exchange, Trace trace, Fault fault, Duration hang) {
    trace.fault = fault;
    trace.status = 0;
    log.add(trace.toRecord());
    trace.logged = true;
    pause(hang.toNanos());
    Exchanges.drop(exchange);
  }

  /** Waits {@code nanos}; false when the fake closed (or the thread was interrupted) meanwhile. */
  private boolean pause(long nanos) {
    if (nanos <= 0) {
      return closed.getCount() > 0;
    }
    try {
      return !closed.await(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
