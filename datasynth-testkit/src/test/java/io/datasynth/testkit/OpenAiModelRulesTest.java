package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.json;
import static io.datasynth.testkit.FakeClient.openAiJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenAI per-model rules, through HTTP: refused with OpenAI's message, param and code; variants accepted. */
class OpenAiModelRulesTest {
  private FakeProvider fake;
  private FakeClient client;

  @BeforeEach
  void start() {
    fake = FakeProvider.builder().seed(3).apiKey(FakeClient.KEY).start();
    client = new FakeClient(fake);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static void assertRefused(HttpResponse<String> response, String param, String code, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = json(response).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("param").asText()).isEqualTo(param);
    assertThat(error.path("code").isNull() ? null : error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).isEqualTo(message);
  }

  private static void assertAccepted(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).path("object").asText()).isEqualTo("chat.completion");
  }

  @Nested
  class WhenTheModelReasons {

    @ParameterizedTest
    @ValueSource(strings = {
      "gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-5.1", "gpt-5.4-mini", "gpt-5.5", "gpt-5.6-luna", "gpt-6-astra",
      "gpt-6-luna", "gpt-6.2-sol", "gpt-6.2-astra", "o1", "o3", "o3-mini", "o4-mini"
    })
    void refusesMaxTokensAndAcceptsMaxCompletionTokens(String model) {
      assertRefused(client.openAi(openAiJson(model, "\"max_tokens\":500")), "max_tokens", "unsupported_parameter",
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.");
      assertAccepted(client.openAi(openAiJson(model, "\"max_completion_tokens\":500")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-5", "gpt-5-mini", "gpt-5.6", "gpt-6-astra", "gpt-6.2-sol", "o3", "o4-mini"})
    void refusesANonDefaultTemperatureOrTopP(String model) {
      assertRefused(client.openAi(openAiJson(model, "\"temperature\":0.7")), "temperature", "unsupported_value",
          "Unsupported value: 'temperature' does not support 0.7 with this model. Only the default (1) value is"
              + " supported.");
      assertRefused(client.openAi(openAiJson(model, "\"top_p\":0.5")), "top_p", "unsupported_value",
          "Unsupported value: 'top_p' does not support 0.5 with this model. Only the default (1) value is supported.");
      assertAccepted(client.openAi(openAiJson(model, "\"temperature\":1,\"top_p\":1")));
    }

    @Test
    void refusesNonZeroPenalties() {
      assertRefused(client.openAi(openAiJson("gpt-6.2-astra", "\"presence_penalty\":0.5")), "presence_penalty",
          "unsupported_value", "Unsupported value: 'presence_penalty' does not support 0.5 with this model. Only the"
              + " default (0) value is supported.");
    }

    @Test
    void acceptsSamplingOnlyWhileTheEffectiveEffortIsNone() {
      assertAccepted(client.openAi(openAiJson("gpt-5.1", "\"temperature\":0.7")));
      assertRefused(client.openAi(openAiJson("gpt-5.1", "\"temperature\":0.7,\"reasoning_effort\":\"low\"")),
          "temperature", "unsupported_value", "Unsupported value: 'temperature' does not support 0.7 with this model."
              + " Only the default (1) value is supported.");
      assertRefused(client.openAi(openAiJson("gpt-5.6-sol", "\"temperature\":0.7")), "temperature",
          "unsupported_value", "Unsupported value: 'temperature' does not support 0.7 with this model. Only the"
              + " default (1) value is supported.");
      assertAccepted(client.openAi(openAiJson("gpt-5.6-sol", "\"temperature\":0.7,\"reasoning_effort\":\"none\"")));
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {
      "gpt-5, none, \"'minimal', 'low', 'medium', and 'high'\"",
      "gpt-6.2-astra, none, \"'low', 'medium', 'high', and 'xhigh'\"",
      "gpt-6.2-sol, max, \"'low', 'medium', 'high', and 'xhigh'\"",
      "o3, minimal, \"'low', 'medium', and 'high'\"",
      "gpt-5.1, xhigh, \"'none', 'low', 'medium', and 'high'\""
    })
    void refusesAReasoningEffortTheModelDoesNotTake(String model, String effort, String supported) {
      assertRefused(client.openAi(openAiJson(model, "\"reasoning_effort\":\"" + effort + "\"")), "reasoning_effort",
          "unsupported_value", "Unsupported value: 'reasoning_effort' does not support '" + effort + "' with this"
              + " model. Supported values are: " + supported + ".");
    }

    @ParameterizedTest
    @CsvSource({"gpt-5, minimal", "gpt-5.5, xhigh", "gpt-6-luna, max", "gpt-6.2-sol, xhigh", "o4-mini, high"})
    void acceptsTheEffortsItTakes(String model, String effort) {
      assertAccepted(client.openAi(openAiJson(model, "\"reasoning_effort\":\"" + effort + "\"")));
    }

    @Test
    void refusesMaxCompletionTokensAboveTheMaximumOutput() {
      assertRefused(client.openAi(openAiJson("o4-mini", "\"max_completion_tokens\":100001")),
          "max_completion_tokens", null, "max_completion_tokens is too large: 100001. This model supports at most"
              + " 100000 completion tokens, whereas you provided 100001.");
    }

    @Test
    void answersAResponsesOnlyModelWith404() {
      HttpResponse<String> response = client.openAi(openAiJson("gpt-5-pro", ""));

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).path("error").path("message").asText())
          .isEqualTo("This model is only supported in v1/responses and not in v1/chat/completions.");
      assertThat(json(response).path("error").path("param").asText()).isEqualTo("model");
    }
  }

  @Nested
  class WhenTheModelDoesNotReason {

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano"})
    void acceptsTemperatureUpToTwoAndBothLimitNames(String model) {
      assertAccepted(client.openAi(openAiJson(model, "\"temperature\":1.5,\"top_p\":0.9,\"max_tokens\":500")));
      assertAccepted(client.openAi(openAiJson(model, "\"temperature\":0,\"max_completion_tokens\":500")));
    }

    @Test
    void refusesATemperatureAboveTwo() {
      HttpResponse<String> response = client.openAi(openAiJson("gpt-4o", "\"temperature\":2.5"));

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).path("error").path("param").asText()).isEqualTo("temperature");
    }

    @ParameterizedTest
    @CsvSource({"gpt-4o, max_tokens, 16384", "gpt-4.1, max_completion_tokens, 32768", "gpt-3.5-turbo, max_tokens, 4096"})
    void refusesALimitAboveTheMaximumOutput(String model, String field, int max) {
      int asked = max + 1;
      assertRefused(client.openAi(openAiJson(model, "\"" + field + "\":" + asked)), field, null,
          field + " is too large: " + asked + ". This model supports at most " + max + " completion tokens, whereas"
              + " you provided " + asked + ".");
    }

    @Test
    void refusesReasoningEffortAndVerbosity() {
      assertRefused(client.openAi(openAiJson("gpt-4o", "\"reasoning_effort\":\"low\"")), "reasoning_effort",
          "unsupported_parameter", "Unsupported parameter: 'reasoning_effort' is not supported with this model.");
      assertRefused(client.openAi(openAiJson("gpt-4.1", "\"verbosity\":\"low\"")), "verbosity",
          "unsupported_parameter", "Unsupported parameter: 'verbosity' is not supported with this model.");
      assertAccepted(client.openAi(openAiJson("gpt-5", "\"verbosity\":\"low\"")));
    }
  }

  @Nested
  class WhenTheServerIsOpenAiCompatible {

    @ParameterizedTest
    @ValueSource(strings = {
      "qwen2.5:7b", "llama-3.1-8b-instruct", "meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen2.5-7B-Instruct",
      "deepseek-chat", "deepseek-reasoner", "mistral-small", "gemma3:12b", "gpt-oss:20b", "phi4"
    })
    void acceptsTemperatureAndMaxTokens(String model) {
      assertAccepted(client.openAi(openAiJson(model, "\"temperature\":0.7,\"max_tokens\":500")));
    }
  }

  @Nested
  class WhenTheModelOrKeyIsUnknown {

    @ParameterizedTest
    @ValueSource(strings = {"gpt-9", "my-finetune", "claude-sonnet-5-5"})
    void answers404ModelNotFound(String model) {
      HttpResponse<String> response = client.openAi(openAiJson(model, ""));

      assertThat(response.statusCode()).isEqualTo(404);
      JsonNode error = json(response).path("error");
      assertThat(error.path("code").asText()).isEqualTo("model_not_found");
      assertThat(error.path("message").asText())
          .isEqualTo("The model `" + model + "` does not exist or you do not have access to it.");
    }

    @Test
    void answersAMissingKeyWithTheApisWording() {
      HttpRequest request =
          HttpRequest.newBuilder(client.openAiRequest("{}").build().uri())
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(openAiJson("gpt-5-mini", "")))
              .build();

      HttpResponse<String> response = client.send(request);

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(json(response).path("error").path("message").asText()).startsWith("You didn't provide an API key.");
      assertThat(json(response).path("error").path("code").isNull()).isTrue();
    }
  }
}
