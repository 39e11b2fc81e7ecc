package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A JDK HttpClient (HTTP/1.1) speaking to a fake provider, as the tests need it. */
final class FakeClient {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String KEY = "sk-test";
  /** A current Anthropic model: no sampling parameters, thinks by default (adaptive). */
  static final String CLAUDE = "claude-sonnet-5-5";
  /** A current OpenAI reasoning model: max_completion_tokens only, default temperature only. */
  static final String GPT = "gpt-5-mini";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final FakeProvider fake;

  FakeClient(FakeProvider fake) {
    this.fake = fake;
  }

  /** A valid Anthropic request body asking for {@code prompt}. */
  static String anthropicBody(String prompt, int maxTokens) {
    return "{\"model\":\"" + CLAUDE + "\",\"max_tokens\":" + maxTokens + ",\"messages\":[{\"role\":\"user\",\"content\":"
        + quote(prompt) + "}]}";
  }

  /** A valid OpenAI request body asking for {@code prompt}. */
  static String openAiBody(String prompt, int maxTokens) {
    return "{\"model\":\"" + GPT + "\",\"max_completion_tokens\":" + maxTokens + ",\"messages\":[{\"role\":\"user\","
        + "\"content\":" + quote(prompt) + "}]}";
  }

  /** An Anthropic request body for {@code model} with {@code extra} fields (e.g. {@code "temperature":0.5}). */
  static String anthropicJson(String model, int maxTokens, String extra) {
    return "{\"model\":" + quote(model) + ",\"max_tokens\":" + maxTokens + (extra.isEmpty() ? "" : "," + extra)
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Generate 3 records\"}]}";
  }

  /** An OpenAI request body for {@code model} with {@code extra} fields (limits included, e.g. {@code "max_tokens":9}). */
  static String openAiJson(String model, String extra) {
    return "{\"model\":" + quote(model) + (extra.isEmpty() ? "" : "," + extra)
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Generate 3 records\"}]}";
  }

  HttpResponse<String> anthropic(String body) {
    return send(anthropicRequest(body).build());
  }

  HttpRequest.Builder anthropicRequest(String body) {
    return HttpRequest.newBuilder(URI.create(fake.anthropicBaseUrl() + "/v1/messages"))
        .timeout(Duration.ofSeconds(10))
        .header("x-api-key", KEY)
        .header("anthropic-version", "2023-06-01")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  HttpResponse<String> openAi(String body) {
    return send(openAiRequest(body).build());
  }

  HttpRequest.Builder openAiRequest(String body) {
    return HttpRequest.newBuilder(URI.create(fake.openAiBaseUrl() + "/chat/completions"))
        .timeout(Duration.ofSeconds(10))
        .header("authorization", "Bearer " + KEY)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  /** An Anthropic-style request (key, version, JSON) to {@code path}; {@code body} null for a GET. */
  HttpResponse<String> anthropicCall(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.anthropicBaseUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .header("x-api-key", KEY)
        .header("anthropic-version", "2023-06-01")
        .header("content-type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return send(request.build());
  }

  /** An OpenAI-style request (Bearer key, JSON) to {@code path} under the origin; {@code body} null for none. */
  HttpResponse<String> openAiCall(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.anthropicBaseUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .header("authorization", "Bearer " + KEY)
        .header("content-type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return send(request.build());
  }

  /** Uploads {@code content} as {@code filename} with {@code purpose} to {@code POST /v1/files}, as multipart. */
  HttpResponse<String> upload(String filename, String purpose, String content) {
    String boundary = "----fakeclient7MA4YWxkTrZu0gW";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
        + "Content-Type: application/jsonl\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    HttpRequest request = HttpRequest.newBuilder(URI.create(fake.openAiBaseUrl() + "/files"))
        .timeout(Duration.ofSeconds(30))
        .header("authorization", "Bearer " + KEY)
        .header("content-type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    return send(request);
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(fake.anthropicBaseUrl() + path)).timeout(Duration.ofSeconds(10)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpClient http() {
    return http;
  }

  /** A text to parse as JSON with {@link #json}. */
  record Body(String body) {}

  static JsonNode json(Body body) {
    try {
      return MAPPER.readTree(body.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body.body(), e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  /** The assistant text of a 200 in either style. */
  static String text(HttpResponse<String> response) {
    JsonNode body = json(response);
    return body.has("content")
        ? body.path("content").path(0).path("text").asText()
        : body.path("choices").path(0).path("message").path("content").asText();
  }

  /** The JSON array in a fenced reply text. */
  static JsonNode records(String text) {
    int start = text.indexOf('[');
    int end = text.lastIndexOf(']');
    try {
      return MAPPER.readTree(text.substring(start, end + 1));
    } catch (IOException e) {
      throw new UncheckedIOException("no JSON array in: " + text, e);
    }
  }

  static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  static String quote(String text) {
    try {
      return MAPPER.writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
