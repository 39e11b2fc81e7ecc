package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI's Files and Batch APIs: {@code POST /v1/files} (multipart, {@code purpose=batch}), file retrieval, content
 * and deletion, {@code POST /v1/batches} on {@code /v1/chat/completions} with {@code completion_window: 24h},
 * retrieval, listing and cancellation. The input file is checked while the batch is {@code validating} (a bad one
 * ends {@code failed} with {@code errors} naming the line); each line's body is then answered like a Chat
 * Completions request, refusals included (they go to the error file with their status). Thread-safe.
 */
final class OpenAiBatches {
  static final String ENDPOINT = "/v1/chat/completions";
  private static final Set<String> ENDPOINTS =
      Set.of("/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions", "/v1/moderations",
          "/v1/images/generations", "/v1/images/edits", "/v1/videos");
  private static final Set<String> PURPOSES =
      Set.of("assistants", "batch", "fine-tune", "vision", "user_data", "evals");
  private static final Pattern FILE = Pattern.compile("/v1/files/([^/]+)(/content)?");
  private static final Pattern BATCH = Pattern.compile("/v1/batches/([^/]+)(/cancel)?");

  /** An OpenAI batch: the shared timeline plus what only this API has. */
  private static final class Run {
    final BatchRun run;
    final String inputFileId;
    final JsonNode metadata;
    final List<ObjectNode> errors;
    String outputFileId;
    String errorFileId;
    boolean written;

    Run(BatchRun run, String inputFileId, JsonNode metadata, List<ObjectNode> errors) {
      this.run = run;
      this.inputFileId = inputFileId;
      this.metadata = metadata;
      this.errors = errors;
    }
  }

  private final BatchSupport support;
  private final WireFormat wire;
  private final FileStore files = new FileStore();
  private final Map<String, Run> runs = new LinkedHashMap<>();

  OpenAiBatches(BatchSupport support, WireFormat wire) {
    this.support = support;
    this.wire = wire;
  }

  void handle(HttpExchange exchange, Trace trace, String path, String method) throws IOException {
    if (path.equals("/v1/files") && method.equals("POST")) {
      upload(exchange, trace);
      return;
    }
    byte[] body = Exchanges.readBody(exchange);
    if (path.equals("/v1/batches") && method.equals("POST")) {
      create(exchange, trace, body);
      return;
    }
    if (path.equals("/v1/batches") && method.equals("GET")) {
      list(exchange, trace);
      return;
    }
    Matcher file = FILE.matcher(path);
    if (file.matches()) {
      file(exchange, trace, file.group(1), file.group(2) != null, method);
      return;
    }
    Matcher batch = BATCH.matcher(path);
    if (batch.matches()) {
      Run run;
      synchronized (runs) {
        run = runs.get(batch.group(1));
      }
      if (run == null) {
        support.sendError(exchange, wire, trace, new ApiError(ApiError.Type.NOT_FOUND,
            "No batch found with id '" + batch.group(1) + "'.", null, "batch_not_found", null));
      } else if (batch.group(2) != null && method.equals("POST")) {
        cancel(exchange, trace, run);
      } else if (batch.group(2) == null && method.equals("GET")) {
        if (support.admitPoll(exchange, wire, trace)) {
          support.sendJson(exchange, wire, trace, 200, render(run, support.ticker.nanos()));
        }
      } else {
        support.sendError(exchange, wire, trace,
            ApiError.of(ApiError.Type.METHOD_NOT_ALLOWED, "method " + method + " is not allowed on " + path));
      }
      return;
    }
    support.sendError(exchange, wire, trace, ApiError.of(ApiError.Type.NOT_FOUND, "Invalid URL (" + method + " "
        + path + ")"));
  }

  private void upload(HttpExchange exchange, Trace trace) throws IOException {
    long limit = support.limits.openAiFileBytes();
    byte[] body = Exchanges.readBody(exchange, limit + 64 * 1024);
    if (body == null) {
      support.sendError(exchange, wire, trace, ApiError.invalid("file", "File is too large: batch input files may"
          + " be at most " + limit + " bytes; split the requests over several files"));
      return;
    }
    Map<String, Multipart.Part> parts = Multipart.parse(exchange.getRequestHeaders().getFirst("content-type"), body);
    if (parts == null) {
      support.sendError(exchange, wire, trace, ApiError.invalid(null, "Files are uploaded as multipart/form-data"
          + " with a 'file' part and a 'purpose' part; the content-type was "
          + exchange.getRequestHeaders().getFirst("content-type")));
      return;
    }
    Multipart.Part purpose = parts.get("purpose");
    Multipart.Part file = parts.get("file");
    if (purpose == null) {
      support.sendError(exchange, wire, trace, ApiError.invalid("purpose", "Missing required parameter: 'purpose'."));
      return;
    }
    if (file == null) {
      support.sendError(exchange, wire, trace, ApiError.invalid("file", "Missing required parameter: 'file'."));
      return;
    }
    String kind = purpose.text().strip();
    if (!PURPOSES.contains(kind)) {
      support.sendError(exchange, wire, trace, ApiError.invalid("purpose", "Invalid value for 'purpose': '" + kind
          + "'. Supported values are: " + OpenAiRuleCheck.quoted(List.copyOf(new java.util.TreeSet<>(PURPOSES)))
          + "."));
      return;
    }
    if (kind.equals("batch") && file.content().length > limit) {
      support.sendError(exchange, wire, trace, ApiError.invalid("file", "File is too large: batch input files may"
          + " be at most " + limit + " bytes; split the requests over several files"));
      return;
    }
    if (kind.equals("batch") && (file.filename() == null || !file.filename().endsWith(".jsonl"))) {
      support.sendError(exchange, wire, trace, ApiError.invalid("file", "Invalid file format for Batch API. Must be"
          + " .jsonl"));
      return;
    }
    FileStore.StoredFile stored = files.add(file.filename() == null ? "file" : file.filename(), kind, file.content(),
        support.ticker.now(), support.random(trace.sequence, -3));
    support.sendJson(exchange, wire, trace, 200, FileStore.render(stored));
  }

  private void file(HttpExchange exchange, Trace trace, String id, boolean content, String method)
      throws IOException {
    FileStore.StoredFile file = files.get(id);
    if (file == null) {
      support.sendError(exchange, wire, trace, new ApiError(ApiError.Type.NOT_FOUND, "No such File object: " + id,
          "id", null, null));
      return;
    }
    if (content && method.equals("GET")) {
      support.responder.raw(exchange, wire, trace, "application/octet-stream", file.content());
    } else if (!content && method.equals("GET")) {
      support.sendJson(exchange, wire, trace, 200, FileStore.render(file));
    } else if (!content && method.equals("DELETE")) {
      files.remove(id);
      support.sendJson(exchange, wire, trace, 200,
          Jsons.MAPPER.createObjectNode().put("id", id).put("object", "file").put("deleted", true));
    } else {
      support.sendError(exchange, wire, trace, ApiError.of(ApiError.Type.METHOD_NOT_ALLOWED, "method " + method
          + " is not allowed here"));
    }
  }

  private void create(HttpExchange exchange, Trace trace, byte[] body) throws IOException {
    ObjectNode request;
    try {
      JsonChecks.requireJsonContentType(exchange.getRequestHeaders());
      request = JsonChecks.object(body);
      JsonChecks.rejectUnknown(request, Set.of("input_file_id", "endpoint", "completion_window", "metadata",
          "output_expires_after"), name -> "Unrecognized request argument supplied: " + name);
      JsonChecks.requiredString(request, "input_file_id", "Missing required parameter: 'input_file_id'.");
      String endpoint = JsonChecks.requiredString(request, "endpoint", "Missing required parameter: 'endpoint'.");
      if (!ENDPOINTS.contains(endpoint)) {
        throw JsonChecks.invalid("endpoint", "Invalid value for 'endpoint': '" + endpoint + "'. Supported values are: "
            + OpenAiRuleCheck.quoted(List.copyOf(new java.util.TreeSet<>(ENDPOINTS))) + ".");
      }
      if (!endpoint.equals(ENDPOINT)) {
        throw JsonChecks.invalid("endpoint", "the fake provider runs batches on " + ENDPOINT + " only, not "
            + endpoint);
      }
      String window = JsonChecks.requiredString(request, "completion_window",
          "Missing required parameter: 'completion_window'.");
      if (!window.equals("24h")) {
        throw JsonChecks.invalid("completion_window", "Invalid value for 'completion_window': '" + window
            + "'. Supported values are: '24h'.");
      }
    } catch (JsonChecks.Rejected e) {
      support.sendError(exchange, wire, trace, e.error);
      return;
    }
    String inputId = request.get("input_file_id").textValue();
    FileStore.StoredFile input = files.get(inputId);
    if (input == null) {
      support.sendError(exchange, wire, trace, new ApiError(ApiError.Type.NOT_FOUND, "No such File object: "
          + inputId, "input_file_id", null, null));
      return;
    }
    if (!input.purpose().equals("batch")) {
      support.sendError(exchange, wire, trace, ApiError.invalid("input_file_id", "File " + inputId + " was uploaded"
          + " with purpose '" + input.purpose() + "'; a batch needs a file uploaded with purpose 'batch'"));
      return;
    }
    List<ObjectNode> errors = new ArrayList<>();
    List<BatchRun.Item> items = items(input.content(), errors);
    long now = support.ticker.nanos();
    Instant created = support.ticker.now();
    Run run;
    synchronized (runs) {
      long sequence = support.batches.getAndIncrement();
      String id = "batch_" + WireFormat.randomId(support.random(sequence, -1), 24);
      BatchRun timeline =
          new BatchRun(id, sequence, errors.isEmpty() ? items : List.of(), created, now, support.settings.batches(),
              support.random(sequence, -2));
      run = new Run(timeline, inputId, request.get("metadata"), errors);
      runs.put(id, run);
    }
    support.itemsSubmitted.addAndGet(errors.isEmpty() ? items.size() : 0);
    support.sendJson(exchange, wire, trace, 200, render(run, now - 1));
  }

  /** The file's requests; problems go to {@code errors} as the batch's {@code errors.data}. */
  private List<BatchRun.Item> items(byte[] content, List<ObjectNode> errors) {
    String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
    List<BatchRun.Item> items = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String model = null;
    int requests = 0;
    for (int n = 0; n < lines.length && errors.isEmpty(); n++) {
      String line = lines[n].strip();
      if (line.isEmpty()) {
        continue;
      }
      int number = n + 1;
      if (++requests > support.limits.openAiRequests()) {
        error(errors, "too_many_requests", "The input file holds more than " + support.limits.openAiRequests()
            + " requests; split it into several batches.", null, number);
        break;
      }
      JsonNode node = PromptJson.read(line);
      if (!(node instanceof ObjectNode object)) {
        error(errors, "invalid_json_line", "This line is not a JSON object.", null, number);
        break;
      }
      JsonNode customId = object.get("custom_id");
      if (customId == null || !customId.isTextual() || customId.textValue().isEmpty()) {
        error(errors, "missing_required_parameter", "Missing required parameter: 'custom_id'.", "custom_id", number);
      } else if (!ids.add(customId.textValue())) {
        error(errors, "duplicate_custom_id", "The custom_id '" + customId.textValue() + "' is used by more than one"
            + " request; each request needs its own.", "custom_id", number);
      } else if (!"POST".equals(object.path("method").asText(null))) {
        error(errors, "invalid_method", "The method of every request must be 'POST', got " + object.get("method")
            + ".", "method", number);
      } else if (!ENDPOINT.equals(object.path("url").asText(null))) {
        error(errors, "mismatched_endpoint", "The url of every request must be the batch's endpoint '" + ENDPOINT
            + "', got " + object.get("url") + ".", "url", number);
      } else if (!object.path("body").isObject()) {
        error(errors, "missing_required_parameter", "Missing required parameter: 'body'.", "body", number);
      } else {
        String lineModel = object.get("body").path("model").asText(null);
        if (model != null && lineModel != null && !lineModel.equals(model)) {
          error(errors, "mismatched_model", "Every request in a batch must use the same model; line " + number
              + " uses '" + lineModel + "' after '" + model + "'.", "body.model", number);
        }
        model = model == null ? lineModel : model;
        items.add(support.item(wire, customId.textValue(),
            object.get("body").toString().getBytes(StandardCharsets.UTF_8)));
      }
    }
    if (errors.isEmpty() && items.isEmpty()) {
      error(errors, "empty_file", "The input file holds no requests.", null, null);
    }
    return items;
  }

  private static void error(List<ObjectNode> errors, String code, String message, String param, Integer line) {
    ObjectNode error = Jsons.MAPPER.createObjectNode().put("code", code).put("message", message);
    error.put("param", param);
    if (line == null) {
      error.putNull("line");
    } else {
      error.put("line", line);
    }
    errors.add(error);
  }

  private void cancel(HttpExchange exchange, Trace trace, Run run) throws IOException {
    long now = support.ticker.nanos();
    if (!run.errors.isEmpty() || !run.run.cancel(now)) {
      support.sendError(exchange, wire, trace, ApiError.invalid(null, "Cannot cancel a batch with status '"
          + status(run, now) + "'."));
      return;
    }
    support.sendJson(exchange, wire, trace, 200, render(run, Math.min(now, run.run.endNanos() - 1)));
  }

  private void list(HttpExchange exchange, Trace trace) throws IOException {
    Map<String, String> query = query(exchange);
    int limit = limit(query.get("limit"), 20, 100);
    if (limit < 0) {
      support.sendError(exchange, wire, trace, ApiError.invalid("limit", "Invalid 'limit': must be from 1 to 100."));
      return;
    }
    List<Run> all;
    synchronized (runs) {
      all = new ArrayList<>(runs.values());
    }
    Collections.reverse(all);
    int start = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).run.id.equals(query.get("after"))) {
        start = i + 1;
      }
    }
    List<Run> page = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit));
    ObjectNode body = Jsons.MAPPER.createObjectNode().put("object", "list");
    ArrayNode data = body.putArray("data");
    long now = support.ticker.nanos();
    page.forEach(run -> data.add(render(run, now)));
    body.put("first_id", page.isEmpty() ? null : page.get(0).run.id);
    body.put("last_id", page.isEmpty() ? null : page.get(page.size() - 1).run.id);
    body.put("has_more", start + limit < all.size());
    support.sendJson(exchange, wire, trace, 200, body);
  }

  private long validatingEnd(BatchRun run) {
    return run.createdNanos + support.settings.batches().duration().toNanos() / 20;
  }

  private String status(Run run, long now) {
    BatchRun timeline = run.run;
    if (!run.errors.isEmpty()) {
      return now < validatingEnd(timeline) ? "validating" : "failed";
    }
    if (timeline.ended(now)) {
      if (timeline.canceled()) {
        return "cancelled";
      }
      return timeline.counts(now)[BatchRun.ItemState.EXPIRED.ordinal()] > 0 ? "expired" : "completed";
    }
    if (timeline.canceled()) {
      return "cancelling";
    }
    if (now < validatingEnd(timeline)) {
      return "validating";
    }
    long finalizing = timeline.createdNanos + support.settings.batches().duration().toNanos() * 9 / 10;
    return now < finalizing ? "in_progress" : "finalizing";
  }

  private ObjectNode render(Run run, long now) {
    BatchRun timeline = run.run;
    String status = status(run, now);
    boolean ended = Set.of("completed", "expired", "cancelled").contains(status);
    if (ended) {
      write(run, now);
    }
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    body.put("id", timeline.id);
    body.put("object", "batch");
    body.put("endpoint", ENDPOINT);
    if (run.errors.isEmpty()) {
      body.putNull("errors");
    } else if (status.equals("failed")) {
      ObjectNode errors = body.putObject("errors").put("object", "list");
      errors.putArray("data").addAll(run.errors);
    } else {
      body.putNull("errors");
    }
    body.put("input_file_id", run.inputFileId);
    body.put("completion_window", "24h");
    body.put("status", status);
    body.put("output_file_id", ended ? run.outputFileId : null);
    body.put("error_file_id", ended ? run.errorFileId : null);
    long created = timeline.createdNanos;
    body.put("created_at", timeline.createdAt.getEpochSecond());
    long validated = validatingEnd(timeline);
    long end = timeline.endNanos();
    long finalizing = Math.min(end, created + support.settings.batches().duration().toNanos() * 9 / 10);
    Long cancel = timeline.cancelNanos();
    stamp(body, "in_progress_at", run.errors.isEmpty() && now >= validated && (cancel == null || cancel >= validated),
        timeline, validated);
    stamp(body, "expires_at", true, timeline, created + BatchRun.WINDOW.toNanos());
    stamp(body, "finalizing_at", ended && cancel == null, timeline, finalizing);
    stamp(body, "completed_at", status.equals("completed"), timeline, end);
    stamp(body, "failed_at", status.equals("failed"), timeline, validated);
    stamp(body, "expired_at", status.equals("expired"), timeline, end);
    stamp(body, "cancelling_at", cancel != null, timeline, cancel == null ? 0 : cancel);
    stamp(body, "cancelled_at", status.equals("cancelled"), timeline, end);
    int[] counts = timeline.counts(now);
    ObjectNode c = body.putObject("request_counts");
    c.put("total", timeline.items.size());
    c.put("completed", counts[BatchRun.ItemState.SUCCEEDED.ordinal()]);
    c.put("failed", counts[BatchRun.ItemState.ERRORED.ordinal()]);
    body.set("metadata", run.metadata == null ? Jsons.MAPPER.nullNode() : run.metadata.deepCopy());
    return body;
  }

  private static void stamp(ObjectNode body, String field, boolean present, BatchRun run, long nanos) {
    if (present) {
      body.put(field, BatchSupport.at(run, nanos).getEpochSecond());
    } else {
      body.putNull(field);
    }
  }

  /** Writes the output and error files of an ended batch, once. */
  private void write(Run run, long now) {
    synchronized (run) {
      if (run.written) {
        return;
      }
      BatchRun timeline = run.run;
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      for (int i : timeline.resultOrder()) {
        BatchRun.Item item = timeline.items.get(i);
        ObjectNode line = Jsons.MAPPER.createObjectNode();
        line.put("id", "batch_req_" + WireFormat.randomId(support.random(timeline.sequence, 2_000_000L + i), 32));
        line.put("custom_id", item.customId());
        String requestId = WireFormat.randomId(support.random(timeline.sequence, 3_000_000L + i), 32);
        BatchRun.ItemState state = timeline.state(i, now);
        switch (state) {
          case SUCCEEDED -> {
            ObjectNode response = line.putObject("response").put("status_code", 200).put("request_id", requestId);
            response.set("body", PromptJson.read(new String(support.answer(wire, timeline, i), StandardCharsets.UTF_8)));
            line.putNull("error");
          }
          case ERRORED -> {
            ApiError error = item.refused() != null ? item.refused()
                : ApiError.of(ApiError.Type.SERVER, "The server had an error processing your request (injected:"
                    + " batch error rate).");
            ObjectNode response = line.putObject("response").put("status_code", wire.status(error.type()))
                .put("request_id", requestId);
            response.set("body", PromptJson.read(new String(wire.errorBody(error, requestId), StandardCharsets.UTF_8)));
            line.putNull("error");
          }
          case CANCELED -> {
            line.putNull("response");
            line.putObject("error").put("code", "batch_cancelled")
                .put("message", "This request was not executed because the batch was cancelled.");
          }
          case EXPIRED, PROCESSING -> {
            line.putNull("response");
            line.putObject("error").put("code", "batch_expired")
                .put("message", "This request could not be executed before the completion window expired.");
          }
        }
        ByteArrayOutputStream target = state == BatchRun.ItemState.SUCCEEDED ? output : errors;
        target.writeBytes(AnthropicFormat.bytes(line));
        target.write('\n');
      }
      Instant at = BatchSupport.at(timeline, timeline.endNanos());
      if (output.size() > 0) {
        run.outputFileId = files.add("batch_" + timeline.id + "_output.jsonl", "batch_output", output.toByteArray(),
            at, support.random(timeline.sequence, -4)).id();
      }
      if (errors.size() > 0) {
        run.errorFileId = files.add("batch_" + timeline.id + "_error.jsonl", "batch_output", errors.toByteArray(), at,
            support.random(timeline.sequence, -5)).id();
      }
      run.written = true;
    }
  }

  void finishAll(long now) {
    synchronized (runs) {
      runs.values().forEach(run -> run.run.finishNow(now));
    }
  }

  /** The query parameters of the request, decoded. */
  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  /** A {@code limit} query value in [1, max], {@code fallback} when absent, -1 when invalid. */
  static int limit(String value, int fallback, int max) {
    if (value == null) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value);
      return limit >= 1 && limit <= max ? limit : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
