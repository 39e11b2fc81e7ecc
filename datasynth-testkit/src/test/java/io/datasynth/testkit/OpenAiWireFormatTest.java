package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.header;
import static io.datasynth.testkit.FakeClient.json;
import static io.datasynth.testkit.FakeClient.openAiBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OpenAiWireFormatTest {
  private FakeProvider fake;
  private FakeClient client;

  @BeforeEach
  void start() {
    fake = FakeProvider.builder().seed(1).apiKey(FakeClient.KEY).models("gpt-test", FakeClient.GPT).start();
    client = new FakeClient(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Nested
  class WhenTheRequestIsValid {

    @Test
    void answersWithTheDocumentedChatCompletionShape() {
      HttpResponse<String> response = client.openAi(openAiBody("Generate 5 records", 1000));

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json(response);
      assertThat(body.fieldNames()).toIterable().containsExactly("id", "object", "created", "model", "choices", "usage");
      assertThat(body.path("id").asText()).startsWith("chatcmpl-");
      assertThat(body.path("object").asText()).isEqualTo("chat.completion");
      assertThat(body.path("created").asLong()).isCloseTo(System.currentTimeMillis() / 1000, within(60L));
      assertThat(body.path("model").asText()).isEqualTo(FakeClient.GPT);
      JsonNode choice = body.path("choices").path(0);
      assertThat(body.path("choices")).hasSize(1);
      assertThat(choice.path("index").asInt()).isZero();
      assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
      assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
      assertThat(choice.path("logprobs").isNull()).isTrue();
      JsonNode usage = body.path("usage");
      int prompt = usage.path("prompt_tokens").asInt();
      int completion = usage.path("completion_tokens").asInt();
      assertThat(prompt).isEqualTo(TokenCounter.count("Generate 5 records\n"));
      assertThat(completion).isEqualTo(TokenCounter.count(FakeClient.text(response)));
      assertThat(usage.path("total_tokens").asInt()).isEqualTo(prompt + completion);
      assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt(-1)).isZero();
      assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt(-1)).isZero();
      assertThat(header(response, "x-request-id")).startsWith("req_");
    }

    @Test
    void acceptsEveryDocumentedRoleAndOptionalParameter() {
      String body =
          "{\"model\":\"gpt-test\",\"max_tokens\":300,\"temperature\":1.8,\"top_p\":0.5,\"seed\":7,\"n\":1,"
              + "\"stream\":false,\"response_format\":{\"type\":\"text\"},\"messages\":["
              + "{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"developer\",\"content\":\"d\"},"
              + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"u\"}]},"
              + "{\"role\":\"assistant\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"again\"}]}";

      HttpResponse<String> response = client.openAi(body);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      RecordedRequest recorded = fake.requests().get(0);
      assertThat(recorded.style()).isEqualTo(ApiStyle.OPENAI);
      assertThat(recorded.maxTokens()).isEqualTo(300);
      assertThat(recorded.temperature()).isEqualTo(1.8);
    }

    @Test
    void answersJsonModeWithAJsonObjectHoldingTheRecords() {
      String body =
          "{\"model\":\"gpt-test\",\"response_format\":{\"type\":\"json_object\"},\"messages\":[{\"role\":\"user\","
              + "\"content\":\"JSON please\"}]}";

      JsonNode reply = readJson(FakeClient.text(client.openAi(body)));

      assertThat(reply.path("records")).hasSize(5);
    }

    @Test
    void reservesTheDefaultBudgetWhenNoMaxTokensIsSent() {
      client.openAi("{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

      assertThat(fake.requests().get(0).maxTokens()).isNull();
      assertThat(fake.requests().get(0).status()).isEqualTo(200);
    }

    @Test
    void servesTheModelListInOpenAiStyle() {
      HttpResponse<String> response = client.get("/v1/models", "authorization", "Bearer " + FakeClient.KEY);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response).path("object").asText()).isEqualTo("list");
      assertThat(json(response).path("data").path(0).path("id").asText()).isEqualTo("gpt-test");
      assertThat(json(response).path("data").path(0).path("object").asText()).isEqualTo("model");
    }
  }

  @Nested
  class WhenTheRequestIsInvalid {

    @Test
    void rejectsEachBrokenFieldNamingTheParam() {
      String user = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
      List<String[]> cases =
          List.of(
              new String[] {"{" + user + "}", "model", "you must provide a model parameter"},
              new String[] {"{\"model\":\"gpt-test\"}", "messages", "messages"},
              new String[] {"{\"model\":\"gpt-test\",\"messages\":[]}", "messages", "non-empty"},
              new String[] {"{\"model\":\"gpt-test\",\"max_tokens\":10,\"max_completion_tokens\":10," + user + "}",
                  "max_tokens", "send only max_completion_tokens"},
              new String[] {"{\"model\":\"gpt-test\",\"n\":2," + user + "}", "n", "one choice"},
              new String[] {"{\"model\":\"gpt-test\",\"temperature\":2.5," + user + "}", "temperature", "between 0 and 2"},
              new String[] {"{\"model\":\"gpt-test\",\"stream\":\"yes\"," + user + "}", "stream",
                  "must be a boolean"},
              new String[] {"{\"model\":\"gpt-test\",\"stream_options\":{\"include_usage\":true}," + user + "}",
                  "stream_options", "only allowed when 'stream' is enabled"},
              new String[] {"{\"model\":\"gpt-test\",\"colour\":1," + user + "}", "colour",
                  "Unrecognized request argument supplied: colour"},
              new String[] {"{\"model\":\"gpt-test\",\"max_tokens\":-1," + user + "}", "max_tokens", "at least 1"},
              new String[] {"{\"model\":\"gpt-test\",\"tools\":[]," + user + "}", "tools",
                  "the fake provider does not support tools"},
              new String[] {"{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}",
                  "messages[0].role", "must be one of"},
              new String[] {"{\"model\":\"gpt-test\",\"response_format\":{\"type\":\"yaml\"}," + user + "}",
                  "response_format", "type one of"});
      for (String[] c : cases) {
        HttpResponse<String> response = client.openAi(c[0]);
        assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
        JsonNode error = json(response).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).as(c[0]).isEqualTo(c[1]);
        assertThat(error.path("message").asText()).as(c[0]).contains(c[2]);
        assertThat(error.has("code")).isTrue();
      }
    }
  }

  @Nested
  class WhenTheKeyOrPathIsWrong {

    @Test
    void answers401WithTheInvalidApiKeyCode() {
      HttpRequest request =
          client.openAiRequest(openAiBody("hi", 10)).setHeader("authorization", "Bearer sk-other").build();

      HttpResponse<String> response = client.send(request);

      assertThat(response.statusCode()).isEqualTo(401);
      JsonNode error = json(response).path("error");
      assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void answers404InOpenAiStyleForAnUnknownPath() {
      HttpResponse<String> response = client.get("/v1/embeddings", "authorization", "Bearer " + FakeClient.KEY);

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).path("error").path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(json(response).path("error").path("message").asText()).contains("/v1/embeddings");
    }

    @Test
    void answers404WithModelNotFoundForAModelOutsideTheAllowList() {
      HttpResponse<String> response = client.openAi(openAiBody("hi", 10).replace(FakeClient.GPT, "gpt-9"));

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).path("error").path("code").asText()).isEqualTo("model_not_found");
    }
  }

  private static JsonNode readJson(String text) {
    try {
      return FakeClient.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
