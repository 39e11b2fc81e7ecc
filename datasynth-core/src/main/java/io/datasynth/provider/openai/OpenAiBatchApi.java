package io.datasynth.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.provider.ApiKey;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.batch.BatchApi;
import io.datasynth.provider.batch.BatchHttp;
import io.datasynth.provider.batch.BatchPages;
import io.datasynth.provider.batch.BatchLimits;
import io.datasynth.provider.batch.BatchReply;
import io.datasynth.provider.batch.BatchState;
import io.datasynth.provider.batch.ItemResult;
import io.datasynth.provider.http.RequestBodies;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * OpenAI's Batch API: the requests as a JSONL file uploaded to {@code POST /v1/files} ({@code purpose=batch},
 * multipart), a batch on {@code /v1/chat/completions} with {@code completion_window: 24h} and the client's token
 * in its {@code metadata}, {@code GET /v1/batches/{id}}, {@code GET /v1/batches} ({@code after}), the output and
 * error files from {@code GET /v1/files/{id}/content}, and {@code POST /v1/batches/{id}/cancel}. Each line's
 * {@code body} is exactly the online request's body, without streaming. Thread-safe.
 */
public final class OpenAiBatchApi implements BatchApi {
  /** The endpoint batches run on, as the batch and every line name it. */
  public static final String ENDPOINT = "/v1/chat/completions";
  /** The metadata key the client's token is kept under. */
  public static final String TOKEN_KEY = "datasynth_batch";

  private final String base;
  private final OpenAiWireFormat wire;
  private final ApiKey key;
  private final BatchHttp http;
  private final BatchLimits limits;

  /**
   * @param chatCompletions the Chat Completions endpoint ({@code …/v1/chat/completions}); files and batches live
   *     beside it
   * @param key null for servers that need none
   */
  public OpenAiBatchApi(URI chatCompletions, OpenAiWireFormat wire, ApiKey key, BatchHttp http, BatchLimits limits) {
    String c = chatCompletions.toString();
    this.base = c.endsWith("/chat/completions") ? c.substring(0, c.length() - "/chat/completions".length()) : c;
    this.wire = wire;
    this.key = key;
    this.http = http;
    this.limits = limits;
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.OPENAI;
  }

  @Override
  public BatchLimits limits() {
    return limits;
  }

  @Override
  public byte[] item(String customId, LlmRequest request) {
    ObjectNode line = Json.object();
    line.put("custom_id", customId);
    line.put("method", "POST");
    line.put("url", ENDPOINT);
    line.set("body", wire.body(request, false));
    return Json.compact(line).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public BatchReply<BatchState> create(List<byte[]> items, String token) {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (byte[] item : items) {
      file.writeBytes(item);
      file.write('\n');
    }
    BatchReply<String> uploaded = upload(file.toByteArray(), token);
    if (!(uploaded instanceof BatchReply.Done<String> done)) {
      return uploaded.failure();
    }
    ObjectNode body = Json.object();
    body.put("input_file_id", done.value());
    body.put("endpoint", ENDPOINT);
    body.put("completion_window", "24h");
    body.putObject("metadata").put(TOKEN_KEY, token);
    HttpRequest request = headers(BatchHttp.request(URI.create(base + "/batches")))
        .header("content-type", "application/json")
        .POST(RequestBodies.of(Json.compactBytes(body))).build();
    return http.exchange(request, OpenAiBatchApi::state);
  }

  private BatchReply<String> upload(byte[] content, String token) {
    // The token is unique to this batch and appears nowhere in the file, so it makes a safe boundary.
    String boundary = "datasynth-boundary-" + token;
    ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
        + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + token + ".jsonl\"\r\n"
        + "Content-Type: application/jsonl\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = headers(BatchHttp.request(URI.create(base + "/files")))
        .header("content-type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return http.exchange(request, b -> {
      JsonNode file = parse(b);
      if (!file.hasNonNull("id")) {
        throw new IllegalArgumentException("the upload answer has no file id");
      }
      return file.get("id").asText();
    });
  }

  @Override
  public BatchReply<BatchState> retrieve(String id) {
    return http.exchange(headers(BatchHttp.request(one(id))).GET().build(), OpenAiBatchApi::state);
  }

  @Override
  public BatchReply<List<BatchState>> createdSince(Instant since) {
    return BatchPages.createdSince(since, after -> http.exchange(headers(BatchHttp.request(URI.create(base
        + "/batches?limit=100" + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)))))
        .GET().build(), OpenAiBatchApi::parse), OpenAiBatchApi::state);
  }

  @Override
  public BatchReply<Long> results(BatchState ended, Consumer<ItemResult> each) {
    BatchReply<JsonNode> batch = http.exchange(headers(BatchHttp.request(one(ended.id()))).GET().build(),
        OpenAiBatchApi::parse);
    if (!(batch instanceof BatchReply.Done<JsonNode> done)) {
      return batch.failure();
    }
    long lines = 0;
    for (String file : new String[] {"output_file_id", "error_file_id"}) {
      String id = done.value().path(file).asText(null);
      if (id == null || id.isEmpty() || done.value().path(file).isNull()) {
        continue;
      }
      BatchReply<Long> read = http.lines(headers(BatchHttp.request(URI.create(base + "/files/"
          + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/content"))).GET().build(),
          line -> each.accept(result(line)));
      if (!(read instanceof BatchReply.Done<Long> n)) {
        return read;
      }
      lines += n.value();
    }
    return new BatchReply.Done<>(lines);
  }

  @Override
  public BatchReply<BatchState> cancel(String id) {
    // JSON, as the provider's own SDK says of this empty body; the JDK would call it a form.
    HttpRequest request = headers(BatchHttp.request(URI.create(one(id) + "/cancel")))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build();
    return http.exchange(request, OpenAiBatchApi::state);
  }

  private URI one(String id) {
    return URI.create(base + "/batches/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder headers(HttpRequest.Builder b) {
    if (key != null) {
      b.header("authorization", "Bearer " + key.reveal());
    }
    return b;
  }

  private ItemResult result(String line) {
    JsonNode o = parse(line);
    String id = o.path("custom_id").asText();
    JsonNode response = o.path("response");
    if (response.isObject()) {
      int status = response.path("status_code").asInt(500);
      if (status >= 200 && status < 300) {
        return new ItemResult(id, ItemResult.Kind.SUCCEEDED, wire.reply(Json.compact(response.path("body")), false),
            0, "");
      }
      return new ItemResult(id, ItemResult.Kind.ERRORED, null, status,
          wire.errorMessage(Json.compact(response.path("body"))));
    }
    String code = o.path("error").path("code").asText("");
    String message = o.path("error").path("message").asText("");
    return switch (code) {
      case "batch_expired" -> new ItemResult(id, ItemResult.Kind.EXPIRED, null, 0, message);
      case "batch_cancelled" -> new ItemResult(id, ItemResult.Kind.CANCELED, null, 0, message);
      default -> new ItemResult(id, ItemResult.Kind.ERRORED, null, 500, code + ": " + message);
    };
  }

  private static BatchState state(String body) {
    return state(parse(body));
  }

  static BatchState state(JsonNode b) {
    if (!b.hasNonNull("id") || !b.hasNonNull("status")) {
      throw new IllegalArgumentException("not a batch: no id or status");
    }
    String status = b.get("status").asText();
    JsonNode c = b.path("request_counts");
    long total = c.path("total").asLong();
    long completed = c.path("completed").asLong();
    long failed = c.path("failed").asLong();
    boolean ended = status.equals("completed") || status.equals("expired") || status.equals("cancelled");
    long rest = Math.max(0, total - completed - failed);
    BatchState.Counts counts = new BatchState.Counts(total, ended ? 0 : rest, completed, failed,
        status.equals("cancelled") ? rest : 0, status.equals("expired") ? rest : 0);
    BatchState.Status s = switch (status) {
      case "completed", "expired", "cancelled" -> BatchState.Status.ENDED;
      case "failed" -> BatchState.Status.FAILED;
      case "cancelling" -> BatchState.Status.CANCELING;
      default -> BatchState.Status.IN_PROGRESS;
    };
    String problem = null;
    if (b.path("errors").path("data").isArray() && !b.path("errors").path("data").isEmpty()) {
      JsonNode e = b.path("errors").path("data").get(0);
      problem = e.path("code").asText("") + ": " + e.path("message").asText("")
          + (e.path("line").isNumber() ? " (line " + e.get("line").asInt() + ")" : "");
    }
    Instant endedAt = seconds(b, "completed_at");
    for (String f : new String[] {"expired_at", "cancelled_at", "failed_at"}) {
      if (endedAt == null) {
        endedAt = seconds(b, f);
      }
    }
    return new BatchState(b.get("id").asText(), s, counts, seconds(b, "created_at"), seconds(b, "expires_at"),
        endedAt, b.path("metadata").path(TOKEN_KEY).asText(null), problem);
  }

  private static Instant seconds(JsonNode b, String field) {
    return b.path(field).isNumber() ? Instant.ofEpochSecond(b.get(field).asLong()) : null;
  }

  private static JsonNode parse(String body) {
    try {
      return Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
