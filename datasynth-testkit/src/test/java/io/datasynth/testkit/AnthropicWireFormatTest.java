package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.anthropicBody;
import static io.datasynth.testkit.FakeClient.header;
import static io.datasynth.testkit.FakeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AnthropicWireFormatTest {
  private FakeProvider fake;
  private FakeClient client;

  @BeforeEach
  void start() {
    fake = FakeProvider.builder().seed(1).apiKey(FakeClient.KEY).models("claude-test", FakeClient.CLAUDE).start();
    client = new FakeClient(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Nested
  class WhenTheRequestIsValid {

    @Test
    void answersWithTheDocumentedMessageShape() {
      HttpResponse<String> response = client.anthropic(anthropicBody("Generate 5 records", 1000));

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json(response);
      assertThat(body.fieldNames())
          .toIterable()
          .containsExactly("id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage");
      assertThat(body.path("id").asText()).startsWith("msg_");
      assertThat(body.path("type").asText()).isEqualTo("message");
      assertThat(body.path("role").asText()).isEqualTo("assistant");
      assertThat(body.path("model").asText()).isEqualTo(FakeClient.CLAUDE);
      assertThat(body.path("content")).hasSize(1);
      assertThat(body.path("content").path(0).path("type").asText()).isEqualTo("text");
      assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
      assertThat(body.path("stop_sequence").isNull()).isTrue();
      JsonNode usage = body.path("usage");
      assertThat(usage.fieldNames())
          .toIterable()
          .containsExactly(
              "input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens",
              "cache_creation");
      assertThat(usage.path("input_tokens").asInt()).isEqualTo(TokenCounter.count("Generate 5 records\n"));
      assertThat(usage.path("output_tokens").asInt()).isEqualTo(TokenCounter.count(FakeClient.text(response)));
    }

    @Test
    void repliesWithAFencedJsonArrayOfFiveRecordsAfterAProseLine() {
      String text = FakeClient.text(client.anthropic(anthropicBody("hello", 1000)));

      assertThat(text).startsWith("Here are 5 records:\n```json\n[").endsWith("]\n```");
      JsonNode records = FakeClient.records(text);
      assertThat(records).hasSize(5);
      assertThat(records.path(0).path("instruction").asText()).isEqualTo("Write instruction 1.");
    }

    @Test
    void sendsARequestIdAndJsonContentType() {
      HttpResponse<String> response = client.anthropic(anthropicBody("hello", 100));

      assertThat(header(response, "request-id")).startsWith("req_");
      assertThat(header(response, "content-type")).isEqualTo("application/json");
    }

    @Test
    void acceptsSystemTextBlocksAndOptionalParameters() {
      String body =
          "{\"model\":\"claude-test\",\"max_tokens\":500,\"system\":[{\"type\":\"text\",\"text\":\"You write data.\"}],"
              + "\"temperature\":0.7,\"top_p\":0.9,\"top_k\":40,\"stop_sequences\":[\"END\"],"
              + "\"metadata\":{\"user_id\":\"u1\"},\"stream\":false,"
              + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]},"
              + "{\"role\":\"assistant\",\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"More\"}]}";

      HttpResponse<String> response = client.anthropic(body);

      assertThat(response.statusCode()).isEqualTo(200);
      RecordedRequest recorded = fake.requests().get(0);
      assertThat(recorded.temperature()).isEqualTo(0.7);
      assertThat(recorded.maxTokens()).isEqualTo(500);
      assertThat(recorded.model()).isEqualTo("claude-test");
      assertThat(recorded.style()).isEqualTo(ApiStyle.ANTHROPIC);
      assertThat(recorded.apiKeyMatched()).isTrue();
    }

    @Test
    void sendsChineseRecordsAsUtf8() {
      ObjectNode template = FakeClient.MAPPER.createObjectNode();
      template.put("问题", "第{n}个问题：天空为什么是蓝色的？");
      template.put("回答", "因为瑞利散射。");
      try (FakeProvider chinese =
          FakeProvider.builder().records(RecordSource.counter(template)).recordsPerReply(2).start()) {
        String text = FakeClient.text(new FakeClient(chinese).anthropic(anthropicBody("生成 2 条记录", 1000)));

        JsonNode records = FakeClient.records(text);
        assertThat(records.path(0).path("问题").asText()).isEqualTo("第1个问题：天空为什么是蓝色的？");
        assertThat(records.path(1).path("回答").asText()).isEqualTo("因为瑞利散射。");
        assertThat(chinese.requests().get(0).inputTokens()).isEqualTo(TokenCounter.count("生成 2 条记录\n"));
      }
    }

    @Test
    void servesTheModelListInAnthropicStyle() {
      HttpResponse<String> response =
          client.get("/v1/models", "x-api-key", FakeClient.KEY, "anthropic-version", "2023-06-01");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json(response);
      assertThat(body.path("data").path(0).path("type").asText()).isEqualTo("model");
      assertThat(body.path("data").path(0).path("id").asText()).isEqualTo("claude-test");
      assertThat(body.path("has_more").asBoolean(true)).isFalse();
    }
  }

  @Nested
  class WhenTheRequestIsInvalid {

    @Test
    void rejectsAMissingAnthropicVersionHeader() {
      HttpRequest withoutVersion =
          HttpRequest.newBuilder(client.anthropicRequest("{}").build().uri())
              .header("x-api-key", FakeClient.KEY)
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(anthropicBody("hi", 10)))
              .build();

      assertInvalid(client.send(withoutVersion), "anthropic-version");
    }

    @Test
    void rejectsAWrongContentType() {
      HttpRequest request =
          client.anthropicRequest(anthropicBody("hi", 10)).setHeader("content-type", "text/plain").build();

      assertInvalid(client.send(request), "content-type");
    }

    @Test
    void rejectsABodyThatIsNotJson() {
      assertInvalid(client.anthropic("{\"model\":"), "not valid JSON");
    }

    @Test
    void rejectsEachBrokenField() {
      List<String[]> cases =
          List.of(
              new String[] {"{\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model"},
              new String[] {"{\"model\":\"claude-test\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                  "max_tokens: Field required"},
              new String[] {"{\"model\":\"claude-test\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\","
                  + "\"content\":\"x\"}]}", "max_tokens"},
              new String[] {"{\"model\":\"claude-test\",\"max_tokens\":10,\"messages\":[]}", "messages"},
              new String[] {"{\"model\":\"claude-test\",\"max_tokens\":10,\"messages\":[{\"role\":\"assistant\","
                  + "\"content\":\"x\"}]}", "first message"},
              new String[] {"{\"model\":\"claude-test\",\"max_tokens\":10,\"messages\":[{\"role\":\"system\","
                  + "\"content\":\"x\"}]}", "messages.0.role"},
              new String[] {"{\"model\":\"claude-test\",\"max_tokens\":10,\"temperature\":1.5,\"messages\":[{\"role\":"
                  + "\"user\",\"content\":\"x\"}]}", "temperature"},
              new String[] {"{\"model\":\"claude-test\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":"
                  + "[{\"type\":\"image\"}]}]}", "only \"text\" blocks"},
              new String[] {"{\"model\":\"claude-test\",\"max_tokens\":10,\"n\":2,\"messages\":[{\"role\":\"user\","
                  + "\"content\":\"x\"}]}", "n: Extra inputs are not permitted"},
              new String[] {"{\"model\":\"claude-test\",\"max_tokens\":10,\"stop_sequences\":\"END\",\"messages\":"
                  + "[{\"role\":\"user\",\"content\":\"x\"}]}", "stop_sequences"});
      for (String[] c : cases) {
        assertInvalid(client.anthropic(c[0]), c[1]);
      }
      assertThat(fake.count(400)).isEqualTo(cases.size());
    }

    private void assertInvalid(HttpResponse<String> response, String messagePart) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      JsonNode body = json(response);
      assertThat(body.path("type").asText()).isEqualTo("error");
      assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(body.path("error").path("message").asText()).contains(messagePart);
    }
  }

  @Nested
  class WhenTheKeyIsWrong {

    @Test
    void answers401ForAMissingKey() {
      HttpRequest request =
          HttpRequest.newBuilder(client.anthropicRequest("{}").build().uri())
              .header("anthropic-version", "2023-06-01")
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(anthropicBody("hi", 10)))
              .build();

      HttpResponse<String> response = client.send(request);

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(json(response).path("error").path("type").asText()).isEqualTo("authentication_error");
      assertThat(json(response).path("error").path("message").asText()).isEqualTo("x-api-key header is required");
    }

    @Test
    void answers401ForAWrongKeyAndRecordsOnlyThatItDidNotMatch() {
      HttpRequest request =
          client.anthropicRequest(anthropicBody("hi", 10)).setHeader("x-api-key", "sk-wrong-secret").build();

      HttpResponse<String> response = client.send(request);

      assertThat(response.statusCode()).isEqualTo(401);
      RecordedRequest recorded = fake.requests().get(0);
      assertThat(recorded.apiKeyMatched()).isFalse();
      assertThat(recorded.toString()).doesNotContain("sk-wrong-secret").doesNotContain(FakeClient.KEY);
    }
  }

  @Nested
  class WhenThePathOrModelIsUnknown {

    @Test
    void answers404InAnthropicStyleForAnUnknownPath() {
      HttpResponse<String> response =
          client.get("/v1/complete", "anthropic-version", "2023-06-01", "x-api-key", FakeClient.KEY);

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).path("error").path("type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void answers404ForAModelOutsideTheAllowList() {
      HttpResponse<String> response = client.anthropic(anthropicBody("hi", 10).replace(FakeClient.CLAUDE, "claude-x"));

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).path("error").path("type").asText()).isEqualTo("not_found_error");
      assertThat(json(response).path("error").path("message").asText()).contains("claude-x");
    }

    @Test
    void answers405ForAGetOnTheMessagesPath() {
      HttpResponse<String> response =
          client.get("/v1/messages", "anthropic-version", "2023-06-01", "x-api-key", FakeClient.KEY);

      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(json(response).path("error").path("message").asText()).contains("use POST");
    }
  }
}
