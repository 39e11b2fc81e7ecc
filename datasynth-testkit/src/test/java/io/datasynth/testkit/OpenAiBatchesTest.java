package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OpenAiBatchesTest {

  static String line(String customId, String model, String extra) {
    return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
        + FakeClient.openAiJson(model, "\"max_completion_tokens\":1000" + extra) + "}";
  }

  static String file(int n) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < n; i++) {
      lines.append(line("req-" + i, FakeClient.GPT, "")).append('\n');
    }
    return lines.toString();
  }

  static List<JsonNode> lines(String jsonl) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : jsonl.split("\n")) {
      if (!line.isBlank()) {
        try {
          out.add(FakeClient.MAPPER.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  private static String create(FakeClient client, String fileId) {
    HttpResponse<String> created = client.openAiCall("POST", "/v1/batches", "{\"input_file_id\":\"" + fileId
        + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\",\"metadata\":{\"run\":\"t\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return json(created).path("id").asText();
  }

  private static JsonNode batch(FakeClient client, String id) {
    return json(client.openAiCall("GET", "/v1/batches/" + id, null));
  }

  @Nested
  class WhenABatchRunsItsCourse {

    @Test
    void uploadsTheFileAndGoesFromValidatingToCompletedWithAnOutputFile() {
      MutableClock clock = new MutableClock();
      try (FakeProvider fake = FakeProvider.builder().clock(clock).batchDuration(Duration.ofMinutes(20)).start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> uploaded = client.upload("requests.jsonl", "batch", file(6));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        JsonNode fileObject = json(uploaded);
        assertThat(fileObject.path("id").asText()).startsWith("file-");
        assertThat(fileObject.path("object").asText()).isEqualTo("file");
        assertThat(fileObject.path("purpose").asText()).isEqualTo("batch");
        assertThat(fileObject.path("bytes").asInt()).isEqualTo(file(6).length());
        assertThat(client.openAiCall("GET", "/v1/files/" + fileObject.path("id").asText() + "/content", null).body())
            .isEqualTo(file(6));

        String id = create(client, fileObject.path("id").asText());
        assertThat(id).startsWith("batch_");
        JsonNode validating = batch(client, id);
        assertThat(validating.path("status").asText()).isEqualTo("validating");
        assertThat(validating.path("request_counts").path("total").asInt()).isEqualTo(6);
        assertThat(validating.path("metadata").path("run").asText()).isEqualTo("t");
        assertThat(validating.path("expires_at").asLong())
            .isEqualTo(validating.path("created_at").asLong() + 24 * 3600);

        clock.advance(Duration.ofMinutes(2));
        assertThat(batch(client, id).path("status").asText()).isEqualTo("in_progress");
        clock.advance(Duration.ofMinutes(16));
        JsonNode finalizing = batch(client, id);
        assertThat(finalizing.path("status").asText()).isEqualTo("finalizing");
        assertThat(finalizing.path("output_file_id").isNull()).isTrue();
        clock.advance(Duration.ofMinutes(2));
        JsonNode completed = batch(client, id);
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("request_counts").path("completed").asInt()).isEqualTo(6);
        assertThat(completed.path("completed_at").asLong()).isEqualTo(completed.path("created_at").asLong() + 1200);
        assertThat(completed.path("error_file_id").isNull()).isTrue();

        List<JsonNode> output = lines(client.openAiCall("GET",
            "/v1/files/" + completed.path("output_file_id").asText() + "/content", null).body());
        assertThat(output).hasSize(6);
        JsonNode first = output.get(0);
        assertThat(first.path("id").asText()).startsWith("batch_req_");
        assertThat(first.path("custom_id").asText()).startsWith("req-");
        assertThat(first.path("error").isNull()).isTrue();
        assertThat(first.path("response").path("status_code").asInt()).isEqualTo(200);
        assertThat(first.path("response").path("request_id").asText()).isNotEmpty();
        assertThat(first.path("response").path("body").path("object").asText()).isEqualTo("chat.completion");
        assertThat(first.path("response").path("body").path("usage").path("prompt_tokens").asInt()).isPositive();
      }
    }

    @Test
    void writesRefusedBodiesAndServerErrorsToTheErrorFile() {
      try (FakeProvider fake = FakeProvider.builder().seed(2).batchErrorRate(0.5).start()) {
        FakeClient client = new FakeClient(fake);
        String content = line("hot", FakeClient.GPT, ",\"temperature\":0.3") + "\n" + file(20);
        String id = create(client, json(client.upload("in.jsonl", "batch", content)).path("id").asText());

        JsonNode done = batch(client, id);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        int failed = done.path("request_counts").path("failed").asInt();
        assertThat(failed).isBetween(3, 19);
        assertThat(done.path("request_counts").path("completed").asInt()).isEqualTo(21 - failed);
        List<JsonNode> errors = lines(client.openAiCall("GET",
            "/v1/files/" + done.path("error_file_id").asText() + "/content", null).body());
        assertThat(errors).hasSize(failed);
        JsonNode hot = errors.stream().filter(e -> e.path("custom_id").asText().equals("hot")).findFirst().orElseThrow();
        assertThat(hot.path("response").path("status_code").asInt()).isEqualTo(400);
        assertThat(hot.path("response").path("body").path("error").path("code").asText()).isEqualTo("unsupported_value");
        assertThat(errors.stream().anyMatch(e -> e.path("response").path("status_code").asInt() == 500)).isTrue();
      }
    }
  }

  @Nested
  class WhenTheInputIsBad {

    @Test
    void failsTheBatchNamingTheLineWhenTwoModelsAreMixed() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        String content = line("a", FakeClient.GPT, "") + "\n" + line("b", "gpt-4.1", "") + "\n";
        String id = create(client, json(client.upload("in.jsonl", "batch", content)).path("id").asText());

        JsonNode failed = batch(client, id);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        JsonNode error = failed.path("errors").path("data").path(0);
        assertThat(error.path("code").asText()).isEqualTo("mismatched_model");
        assertThat(error.path("line").asInt()).isEqualTo(2);
        assertThat(failed.path("failed_at").isNumber()).isTrue();
        assertThat(fake.batchItemsSubmitted()).isZero();
      }
    }

    @Test
    void failsABatchWithARepeatedCustomIdAWrongUrlOrTooManyLines() {
      try (FakeProvider fake = FakeProvider.builder().batchLimits(new BatchLimits(100, 1 << 20, 3, 1 << 20)).start()) {
        FakeClient client = new FakeClient(fake);
        String repeated = line("a", FakeClient.GPT, "") + "\n" + line("a", FakeClient.GPT, "");
        String wrongUrl = line("a", FakeClient.GPT, "").replace("/v1/chat/completions", "/v1/embeddings");
        for (String[] c : new String[][] {{repeated, "duplicate_custom_id"}, {wrongUrl, "mismatched_endpoint"},
            {file(4), "too_many_requests"}, {"not json\n", "invalid_json_line"}}) {
          String id = create(client, json(client.upload("in.jsonl", "batch", c[0])).path("id").asText());
          assertThat(batch(client, id).path("errors").path("data").path(0).path("code").asText()).isEqualTo(c[1]);
        }
      }
    }

    @Test
    void refusesAWrongPurposeAFileThatIsNotJsonlAndATooLargeFile() {
      try (FakeProvider fake = FakeProvider.builder().batchLimits(new BatchLimits(100, 1 << 20, 100, 300)).start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> purpose = client.upload("in.jsonl", "batches", file(1));
        assertThat(purpose.statusCode()).isEqualTo(400);
        assertThat(json(purpose).path("error").path("param").asText()).isEqualTo("purpose");
        HttpResponse<String> notJsonl = client.upload("in.json", "batch", file(1));
        assertThat(json(notJsonl).path("error").path("message").asText()).contains("Must be .jsonl");
        HttpResponse<String> large = client.upload("in.jsonl", "batch", file(3));
        assertThat(large.statusCode()).isEqualTo(400);
        assertThat(json(large).path("error").path("message").asText()).contains("at most 300 bytes");
      }
    }

    @Test
    void refusesAnUnknownFileAWrongWindowAndAnotherEndpoint() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> unknown = client.openAiCall("POST", "/v1/batches",
            "{\"input_file_id\":\"file-nope\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").path("message").asText()).isEqualTo("No such File object: file-nope");
        String fileId = json(client.upload("in.jsonl", "batch", file(1))).path("id").asText();
        HttpResponse<String> window = client.openAiCall("POST", "/v1/batches", "{\"input_file_id\":\"" + fileId
            + "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"48h\"}");
        assertThat(json(window).path("error").path("message").asText())
            .isEqualTo("Invalid value for 'completion_window': '48h'. Supported values are: '24h'.");
        HttpResponse<String> endpoint = client.openAiCall("POST", "/v1/batches", "{\"input_file_id\":\"" + fileId
            + "\",\"endpoint\":\"/v1/chat\",\"completion_window\":\"24h\"}");
        assertThat(json(endpoint).path("error").path("param").asText()).isEqualTo("endpoint");
        assertThat(fake.batchesCreated()).isZero();
      }
    }
  }

  @Nested
  class WhenCanceledOrExpired {

    @Test
    void isCancellingThenCancelledWithTheRestInTheErrorFile() {
      MutableClock clock = new MutableClock();
      try (FakeProvider fake = FakeProvider.builder().clock(clock).batchDuration(Duration.ofMinutes(10))
          .batchCancelDelay(Duration.ofMinutes(10)).start()) {
        FakeClient client = new FakeClient(fake);
        String id = create(client, json(client.upload("in.jsonl", "batch", file(9))).path("id").asText());
        clock.advance(Duration.ofMinutes(5));

        JsonNode cancelling = json(client.openAiCall("POST", "/v1/batches/" + id + "/cancel", null));
        assertThat(cancelling.path("status").asText()).isEqualTo("cancelling");
        assertThat(cancelling.path("cancelling_at").isNumber()).isTrue();
        clock.advance(Duration.ofMinutes(10));
        JsonNode cancelled = batch(client, id);
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("request_counts").path("completed").asInt()).isEqualTo(5);
        List<JsonNode> errors = lines(client.openAiCall("GET",
            "/v1/files/" + cancelled.path("error_file_id").asText() + "/content", null).body());
        assertThat(errors).hasSize(4).allSatisfy(e -> {
          assertThat(e.path("response").isNull()).isTrue();
          assertThat(e.path("error").path("code").asText()).isEqualTo("batch_cancelled");
        });
      }
    }

    @Test
    void expiresAfter24HoursWithBatchExpiredLines() {
      MutableClock clock = new MutableClock();
      try (FakeProvider fake = FakeProvider.builder().clock(clock).batchDuration(Duration.ofHours(30)).start()) {
        FakeClient client = new FakeClient(fake);
        String id = create(client, json(client.upload("in.jsonl", "batch", file(4))).path("id").asText());
        clock.advance(Duration.ofHours(24));

        JsonNode expired = batch(client, id);
        assertThat(expired.path("status").asText()).isEqualTo("expired");
        assertThat(expired.path("expired_at").asLong()).isEqualTo(expired.path("expires_at").asLong());
        List<JsonNode> errors = lines(client.openAiCall("GET",
            "/v1/files/" + expired.path("error_file_id").asText() + "/content", null).body());
        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e.path("error").path("code").asText())
            .isEqualTo("batch_expired"));
        assertThat(errors.size() + expired.path("request_counts").path("completed").asInt()).isEqualTo(4);
      }
    }
  }
}
