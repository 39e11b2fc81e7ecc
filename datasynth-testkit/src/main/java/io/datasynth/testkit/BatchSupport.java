package io.datasynth.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/** What both batch APIs share: parsing items as online requests, answering them, ids, time and poll limits. */
final class BatchSupport {
  final Settings settings;
  final Ticker ticker;
  final Responder responder;
  final Answerer answerer;
  final BatchLimits limits;
  final AtomicLong batches = new AtomicLong();
  final AtomicLong itemsSubmitted = new AtomicLong();
  private final Map<ApiStyle, RateLimiter> polls;

  BatchSupport(Settings settings, Ticker ticker, Responder responder, Answerer answerer, BatchLimits limits) {
    this.settings = settings;
    this.ticker = ticker;
    this.responder = responder;
    this.answerer = answerer;
    this.limits = limits;
    long perMinute = settings.batches().pollsPerMinute();
    this.polls = Map.of(
        ApiStyle.ANTHROPIC, new RateLimiter(Map.of(RateLimiter.Kind.REQUESTS, perMinute), 60, ticker),
        ApiStyle.OPENAI, new RateLimiter(Map.of(RateLimiter.Kind.REQUESTS, perMinute), 60, ticker));
  }

  /** A generator for batch {@code sequence} and {@code purpose}. */
  RandomGenerator random(long sequence, long index) {
    return Seeds.random(settings.seed() ^ Seeds.mix(sequence + 1), index, Seeds.BATCH);
  }

  /** Reads one batch item's body as the style's online endpoint would, with the model's rules. */
  BatchRun.Item item(WireFormat wire, String customId, byte[] body) {
    Headers headers = new Headers();
    headers.set("content-type", "application/json");
    headers.set("anthropic-version", "2023-06-01");
    Parsed parsed = wire.parse(headers, body);
    if (parsed instanceof Parsed.Invalid invalid) {
      return new BatchRun.Item(customId, null, null, invalid.error());
    }
    CompletionRequest request = ((Parsed.Valid) parsed).request();
    if (request.stream()) {
      return new BatchRun.Item(customId, null, null,
          ApiError.invalid("stream", "stream: streaming is not supported in batch requests; leave stream out"));
    }
    Optional<ModelRule> rule = settings.rules().resolve(wire.style(), request.model(), settings.models());
    if (rule.isEmpty()) {
      return new BatchRun.Item(customId, null, null, wire.modelNotFound(request.model()));
    }
    Optional<ApiError> refused = wire.checkRules(request, rule.get());
    return new BatchRun.Item(customId, refused.isEmpty() ? request : null, rule.get(), refused.orElse(null));
  }

  /** The success body of item {@code i} of {@code run}, answered at the item's own time. */
  byte[] answer(WireFormat wire, BatchRun run, int i) {
    BatchRun.Item item = run.items.get(i);
    RandomGenerator random = random(run.sequence, i);
    long at = run.itemNanos(i);
    Answerer.Draft draft = answerer.draft(wire.style(), item.request(), item.rule(), Fault.NONE, random, at);
    Instant when = run.createdAt.plusNanos(at - run.createdNanos);
    return wire.successBody(answerer.complete(wire, item.request(), item.rule(), draft, random, when));
  }

  /** Whether a retrieval may pass the poll limit; else sends the 429 and returns false. */
  boolean admitPoll(HttpExchange exchange, WireFormat wire, Trace trace) throws IOException {
    RateLimiter.Admission admission = polls.get(wire.style()).admit(new RateLimiter.Cost(0, 0, 0));
    if (admission.admitted()) {
      return true;
    }
    if (responder.sendsRateLimitHeaders()) {
      long wait = wire.retryAfterHeaders(exchange.getResponseHeaders(), admission.retryAfterNanos());
      trace.retryAfter = java.time.Duration.ofNanos(wait);
    }
    responder.error(exchange, wire, trace, new ApiError(ApiError.Type.RATE_LIMITED, "Batch polling is limited to "
        + settings.batches().pollsPerMinute() + " retrievals per minute; retry after "
        + WireFormat.retryAfterSeconds(admission.retryAfterNanos()) + " s.", null, null, RateLimiter.Kind.REQUESTS),
        null);
    return false;
  }

  void sendJson(HttpExchange exchange, WireFormat wire, Trace trace, int status, ObjectNode body) throws IOException {
    responder.json(exchange, wire, trace, status, AnthropicFormat.bytes(body), responder.requestId(wire, trace), null);
  }

  void sendError(HttpExchange exchange, WireFormat wire, Trace trace, ApiError error) throws IOException {
    responder.error(exchange, wire, trace, error, null);
  }

  /** {@code nanos} on the fake's clock as wall time, given the batch's creation. */
  static Instant at(BatchRun run, long nanos) {
    return run.createdAt.plusNanos(nanos - run.createdNanos);
  }

  static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
