package io.datasynth.provider.anthropic;

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
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;

/**
 * Anthropic's Message Batches API: {@code POST /v1/messages/batches} with {@code requests: [{custom_id, params}]},
 * {@code GET …/{id}}, {@code GET …/batches} (newest first, {@code after_id}), the JSONL at {@code results_url},
 * and {@code POST …/{id}/cancel}. Each item's {@code params} is exactly the online request's body, without
 * streaming. Thread-safe.
 */
public final class AnthropicBatchApi implements BatchApi {
  private final URI batches;
  private final AnthropicWireFormat wire;
  private final ApiKey key;
  private final BatchHttp http;
  private final BatchLimits limits;

  /**
   * @param messages the Messages endpoint ({@code …/v1/messages}); batches live under it
   * @param key null for servers that need none
   */
  public AnthropicBatchApi(URI messages, AnthropicWireFormat wire, ApiKey key, BatchHttp http, BatchLimits limits) {
    this.batches = URI.create(messages.toString() + "/batches");
    this.wire = wire;
    this.key = key;
    this.http = http;
    this.limits = limits;
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.ANTHROPIC;
  }

  @Override
  public BatchLimits limits() {
    return limits;
  }

  @Override
  public byte[] item(String customId, LlmRequest request) {
    ObjectNode item = Json.object();
    item.put("custom_id", customId);
    item.set("params", wire.body(request, false));
    return Json.compact(item).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public BatchReply<BatchState> create(List<byte[]> items, String token) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"requests\":[".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        body.write(',');
      }
      body.writeBytes(items.get(i));
    }
    body.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    HttpRequest request = headers(BatchHttp.request(batches))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return http.exchange(request, AnthropicBatchApi::state);
  }

  @Override
  public BatchReply<BatchState> retrieve(String id) {
    return http.exchange(headers(BatchHttp.request(one(id))).GET().build(), AnthropicBatchApi::state);
  }

  @Override
  public BatchReply<List<BatchState>> createdSince(Instant since) {
    return BatchPages.createdSince(since, after -> http.exchange(headers(BatchHttp.request(URI.create(batches
        + "?limit=100" + (after == null ? "" : "&after_id=" + URLEncoder.encode(after, StandardCharsets.UTF_8)))))
        .GET().build(), AnthropicWireFormat::parse), AnthropicBatchApi::state);
  }

  @Override
  public BatchReply<Long> results(BatchState ended, Consumer<ItemResult> each) {
    URI url = URI.create(batches + "/" + ended.id() + "/results");
    return http.lines(headers(BatchHttp.request(url)).GET().build(), line -> each.accept(result(line)));
  }

  @Override
  public BatchReply<BatchState> cancel(String id) {
    // JSON, as the provider's own SDK says of this empty body; the JDK would call it a form.
    HttpRequest request = headers(BatchHttp.request(URI.create(one(id) + "/cancel")))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build();
    return http.exchange(request, AnthropicBatchApi::state);
  }

  private URI one(String id) {
    return URI.create(batches + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder headers(HttpRequest.Builder b) {
    b.header("anthropic-version", AnthropicWireFormat.API_VERSION);
    if (key != null) {
      b.header("x-api-key", key.reveal());
    }
    return b;
  }

  private static BatchState state(String body) {
    return state(AnthropicWireFormat.parse(body));
  }

  static BatchState state(JsonNode b) {
    if (!b.hasNonNull("id") || !b.hasNonNull("processing_status")) {
      throw new IllegalArgumentException("not a message batch: no id or processing_status");
    }
    JsonNode c = b.path("request_counts");
    long processing = c.path("processing").asLong();
    long succeeded = c.path("succeeded").asLong();
    long errored = c.path("errored").asLong();
    long canceled = c.path("canceled").asLong();
    long expired = c.path("expired").asLong();
    BatchState.Status status = switch (b.get("processing_status").asText()) {
      case "ended" -> BatchState.Status.ENDED;
      case "canceling" -> BatchState.Status.CANCELING;
      default -> BatchState.Status.IN_PROGRESS;
    };
    return new BatchState(b.get("id").asText(), status, new BatchState.Counts(processing + succeeded + errored
        + canceled + expired, processing, succeeded, errored, canceled, expired), time(b.get("created_at")),
        time(b.get("expires_at")), time(b.get("ended_at")), null, null);
  }

  private ItemResult result(String line) {
    JsonNode o = AnthropicWireFormat.parse(line);
    String id = o.path("custom_id").asText();
    JsonNode result = o.path("result");
    return switch (result.path("type").asText()) {
      case "succeeded" -> new ItemResult(id, ItemResult.Kind.SUCCEEDED,
          wire.reply(Json.compact(result.path("message")), false), 0, "");
      case "errored" -> {
        JsonNode err = result.path("error").path("error");
        String type = err.path("type").asText("api_error");
        yield new ItemResult(id, ItemResult.Kind.ERRORED, null, status(type), type + ": "
            + err.path("message").asText(""));
      }
      case "canceled" -> new ItemResult(id, ItemResult.Kind.CANCELED, null, 0, "");
      default -> new ItemResult(id, ItemResult.Kind.EXPIRED, null, 0, "");
    };
  }

  /** The HTTP status an error type has online. */
  private static int status(String type) {
    return switch (type) {
      case "invalid_request_error" -> 400;
      case "authentication_error" -> 401;
      case "permission_error" -> 403;
      case "not_found_error" -> 404;
      case "request_too_large" -> 413;
      case "rate_limit_error" -> 429;
      case "overloaded_error" -> 529;
      default -> 500;
    };
  }

  private static Instant time(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v.asText()).toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
