package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Anthropic's Message Batches API: create ({@code POST /v1/messages/batches}), retrieve, list, cancel, delete and
 * the JSONL results. Each item's {@code params} is read like a Messages request, asynchronously as the API does:
 * one it refuses ends as an {@code errored} result, not as a 400 of the whole batch. Thread-safe.
 */
final class AnthropicBatches {
  static final String PATH = "/v1/messages/batches";
  static final Duration RESULTS_KEPT = Duration.ofDays(29);
  private static final Pattern CUSTOM_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  private static final Pattern ONE = Pattern.compile("/v1/messages/batches/([^/]+)(/results|/cancel)?");

  private final BatchSupport support;
  private final WireFormat wire;
  private volatile String baseUrl;
  private final Map<String, BatchRun> runs = new LinkedHashMap<>();

  AnthropicBatches(BatchSupport support, WireFormat wire, String baseUrl) {
    this.support = support;
    this.wire = wire;
    this.baseUrl = baseUrl;
  }

  void handle(HttpExchange exchange, Trace trace, String path, String method) throws IOException {
    if (path.equals(PATH) && method.equals("POST")) {
      create(exchange, trace);
      return;
    }
    byte[] ignored = Exchanges.readBody(exchange);
    if (path.equals(PATH) && method.equals("GET")) {
      list(exchange, trace);
      return;
    }
    Matcher m = ONE.matcher(path);
    if (!m.matches()) {
      notFound(exchange, trace, path);
      return;
    }
    BatchRun run = find(m.group(1));
    String action = m.group(2) == null ? "" : m.group(2);
    if (run == null) {
      support.sendError(exchange, wire, trace,
          ApiError.of(ApiError.Type.NOT_FOUND, "Message batch " + m.group(1) + " not found"));
      return;
    }
    switch (action + " " + method) {
      case " GET" -> {
        if (support.admitPoll(exchange, wire, trace)) {
          support.sendJson(exchange, wire, trace, 200, render(run, support.ticker.nanos()));
        }
      }
      case " DELETE" -> delete(exchange, trace, run);
      case "/results GET" -> results(exchange, trace, run);
      case "/cancel POST" -> cancel(exchange, trace, run);
      default -> support.sendError(exchange, wire, trace, ApiError.of(ApiError.Type.METHOD_NOT_ALLOWED,
          "method " + method + " is not allowed on " + path));
    }
  }

  private void create(HttpExchange exchange, Trace trace) throws IOException {
    byte[] body = Exchanges.readBody(exchange, support.limits.anthropicBytes());
    if (body == null) {
      support.sendError(exchange, wire, trace, ApiError.of(ApiError.Type.TOO_LARGE, "Request exceeds the maximum"
          + " size of " + support.limits.anthropicBytes() + " bytes for a Message Batch; split it into smaller"
          + " batches"));
      return;
    }
    if (exchange.getRequestHeaders().getFirst("anthropic-version") == null) {
      support.sendError(exchange, wire, trace, ApiError.invalid(null, "anthropic-version: header is required"));
      return;
    }
    List<BatchRun.Item> items;
    try {
      items = items(JsonChecks.object(body));
    } catch (JsonChecks.Rejected e) {
      support.sendError(exchange, wire, trace, e.error);
      return;
    }
    long now = support.ticker.nanos();
    Instant created = support.ticker.now();
    BatchRun run;
    synchronized (runs) {
      long sequence = support.batches.getAndIncrement();
      String id = "msgbatch_" + WireFormat.randomId(support.random(sequence, -1), 24);
      run = new BatchRun(id, sequence, items, created, now, support.settings.batches(), support.random(sequence, -2));
      runs.put(id, run);
    }
    support.itemsSubmitted.addAndGet(items.size());
    support.sendJson(exchange, wire, trace, 200, render(run, run.createdNanos - 1));
  }

  private List<BatchRun.Item> items(ObjectNode body) {
    JsonChecks.rejectUnknown(body, Set.of("requests"), name -> name + ": Extra inputs are not permitted");
    JsonNode requests = body.get("requests");
    if (requests == null || requests.isNull()) {
      throw JsonChecks.invalid("requests", "requests: Field required");
    }
    if (!requests.isArray() || requests.isEmpty()) {
      throw JsonChecks.invalid("requests", "requests: List should have at least 1 item after validation, not 0");
    }
    int max = support.limits.anthropicRequests();
    if (requests.size() > max) {
      throw JsonChecks.invalid("requests", "requests: List should have at most " + max
          + " items after validation, not " + requests.size() + "; split the work into several batches");
    }
    Set<String> seen = new HashSet<>();
    List<BatchRun.Item> items = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      JsonNode request = requests.get(i);
      String at = "requests." + i;
      if (!request.isObject()) {
        throw JsonChecks.invalid(at, at + ": Input should be a valid dictionary");
      }
      JsonChecks.rejectUnknown((ObjectNode) request, Set.of("custom_id", "params"),
          name -> at + "." + name + ": Extra inputs are not permitted");
      JsonNode customId = request.get("custom_id");
      if (customId == null || !customId.isTextual()) {
        throw JsonChecks.invalid(at + ".custom_id", at + ".custom_id: Field required (a string)");
      }
      if (!CUSTOM_ID.matcher(customId.textValue()).matches()) {
        throw JsonChecks.invalid(at + ".custom_id", at + ".custom_id: String should match pattern"
            + " '^[a-zA-Z0-9_-]{1,64}$'");
      }
      if (!seen.add(customId.textValue())) {
        throw JsonChecks.invalid(at + ".custom_id", "Duplicate custom_id '" + customId.textValue() + "' in "
            + at + ": each request in a Message Batch needs its own custom_id");
      }
      JsonNode params = request.get("params");
      if (params == null || !params.isObject()) {
        throw JsonChecks.invalid(at + ".params", at + ".params: Field required (a Messages API request object)");
      }
      items.add(support.item(wire, customId.textValue(), params.toString().getBytes(StandardCharsets.UTF_8)));
    }
    return items;
  }

  private void list(HttpExchange exchange, Trace trace) throws IOException {
    Map<String, String> query = OpenAiBatches.query(exchange);
    int limit = OpenAiBatches.limit(query.get("limit"), 20, 1000);
    if (limit < 0) {
      support.sendError(exchange, wire, trace, ApiError.invalid("limit", "limit: must be an integer from 1 to 1000"));
      return;
    }
    List<BatchRun> all;
    synchronized (runs) {
      all = new ArrayList<>(runs.values());
    }
    java.util.Collections.reverse(all);
    int start = 0;
    if (query.containsKey("after_id")) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).id.equals(query.get("after_id"))) {
          start = i + 1;
        }
      }
    }
    List<BatchRun> page = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit));
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    ArrayNode data = body.putArray("data");
    long now = support.ticker.nanos();
    page.forEach(run -> data.add(render(run, now)));
    body.put("has_more", start + limit < all.size());
    if (page.isEmpty()) {
      body.putNull("first_id");
      body.putNull("last_id");
    } else {
      body.put("first_id", page.get(0).id);
      body.put("last_id", page.get(page.size() - 1).id);
    }
    support.sendJson(exchange, wire, trace, 200, body);
  }

  private void cancel(HttpExchange exchange, Trace trace, BatchRun run) throws IOException {
    long now = support.ticker.nanos();
    if (!run.cancel(now)) {
      support.sendError(exchange, wire, trace, ApiError.invalid(null, "Message batch " + run.id + " has already"
          + " ended and cannot be canceled"));
      return;
    }
    support.sendJson(exchange, wire, trace, 200, render(run, Math.min(now, run.endNanos() - 1)));
  }

  private void delete(HttpExchange exchange, Trace trace, BatchRun run) throws IOException {
    if (!run.ended(support.ticker.nanos())) {
      support.sendError(exchange, wire, trace, ApiError.invalid(null, "Message batch " + run.id + " is still being"
          + " processed; cancel it and wait until it has ended before deleting it"));
      return;
    }
    synchronized (runs) {
      runs.remove(run.id);
    }
    support.sendJson(exchange, wire, trace, 200,
        Jsons.MAPPER.createObjectNode().put("id", run.id).put("type", "message_batch_deleted"));
  }

  private void results(HttpExchange exchange, Trace trace, BatchRun run) throws IOException {
    long now = support.ticker.nanos();
    if (!run.ended(now)) {
      support.sendError(exchange, wire, trace, ApiError.invalid(null, "Message batch " + run.id + " has not ended"
          + " yet; its results are available once processing_status is ended"));
      return;
    }
    if (!support.ticker.now().isBefore(run.createdAt.plus(RESULTS_KEPT))) {
      support.sendError(exchange, wire, trace, ApiError.of(ApiError.Type.NOT_FOUND, "The results of message batch "
          + run.id + " are no longer available: results are kept for 29 days after creation"));
      return;
    }
    support.responder.raw(exchange, wire, trace, "application/x-jsonl", resultLines(run, now));
  }

  private byte[] resultLines(BatchRun run, long now) {
    synchronized (run) {
      if (run.results() != null) {
        return run.results();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i : run.resultOrder()) {
        BatchRun.Item item = run.items.get(i);
        ObjectNode line = Jsons.MAPPER.createObjectNode().put("custom_id", item.customId());
        ObjectNode result = line.putObject("result");
        switch (run.state(i, now)) {
          case SUCCEEDED -> {
            result.put("type", "succeeded");
            result.set("message", PromptJson.read(new String(support.answer(wire, run, i), StandardCharsets.UTF_8)));
          }
          case ERRORED -> {
            result.put("type", "errored");
            ApiError error = item.refused() != null ? item.refused()
                : ApiError.of(ApiError.Type.SERVER, "Internal server error (injected: batch error rate)");
            String requestId = wire.newRequestId(support.random(run.sequence, 1_000_000L + i));
            result.set("error", PromptJson.read(new String(wire.errorBody(error, requestId), StandardCharsets.UTF_8)));
          }
          case CANCELED -> result.put("type", "canceled");
          case EXPIRED, PROCESSING -> result.put("type", "expired");
        }
        out.writeBytes(AnthropicFormat.bytes(line));
        out.write('\n');
      }
      run.results(out.toByteArray());
      return run.results();
    }
  }

  /** The batch object as of {@code now}. */
  private ObjectNode render(BatchRun run, long now) {
    boolean ended = run.ended(now);
    int[] counts = run.counts(now);
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    body.put("id", run.id);
    body.put("type", "message_batch");
    body.put("processing_status", ended ? "ended" : run.canceled() ? "canceling" : "in_progress");
    ObjectNode c = body.putObject("request_counts");
    c.put("processing", counts[BatchRun.ItemState.PROCESSING.ordinal()]);
    c.put("succeeded", counts[BatchRun.ItemState.SUCCEEDED.ordinal()]);
    c.put("errored", counts[BatchRun.ItemState.ERRORED.ordinal()]);
    c.put("canceled", counts[BatchRun.ItemState.CANCELED.ordinal()]);
    c.put("expired", counts[BatchRun.ItemState.EXPIRED.ordinal()]);
    if (ended) {
      body.put("ended_at", BatchSupport.rfc3339(BatchSupport.at(run, run.endNanos())));
    } else {
      body.putNull("ended_at");
    }
    body.put("created_at", BatchSupport.rfc3339(run.createdAt));
    body.put("expires_at", BatchSupport.rfc3339(run.createdAt.plus(BatchRun.WINDOW)));
    body.putNull("archived_at");
    Long cancel = run.cancelNanos();
    if (cancel != null) {
      body.put("cancel_initiated_at", BatchSupport.rfc3339(BatchSupport.at(run, cancel)));
    } else {
      body.putNull("cancel_initiated_at");
    }
    if (ended) {
      body.put("results_url", baseUrl + PATH + "/" + run.id + "/results");
    } else {
      body.putNull("results_url");
    }
    return body;
  }

  /** Sets the origin {@code results_url} starts with, once the port is known. */
  void baseUrl(String origin) {
    this.baseUrl = origin;
  }

  void finishAll(long now) {
    synchronized (runs) {
      runs.values().forEach(run -> run.finishNow(now));
    }
  }

  private BatchRun find(String id) {
    synchronized (runs) {
      return runs.get(id);
    }
  }

  private void notFound(HttpExchange exchange, Trace trace, String path) throws IOException {
    support.sendError(exchange, wire, trace, ApiError.of(ApiError.Type.NOT_FOUND, "Invalid URL (" + path + ")"));
  }
}
