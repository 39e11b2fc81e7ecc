package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.anthropicJson;
import static io.datasynth.testkit.FakeClient.json;
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

/** The Anthropic per-model rules, through HTTP: refused with the API's status, type and message; variants accepted. */
class AnthropicModelRulesTest {
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

  private void assertRefused(HttpResponse<String> response, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(body.path("error").path("message").asText()).isEqualTo(message);
    assertThat(body.path("request_id").asText()).startsWith("req_");
  }

  private void assertAccepted(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).path("type").asText()).isEqualTo("message");
  }

  @Nested
  class WhenTheModelIsOfTheNewestFamilies {

    @ParameterizedTest
    @ValueSource(strings = {
      "claude-fable-5-2", "claude-fable-5-1", "claude-mythos-5-2", "claude-mythos-preview", "claude-opus-5-5",
      "claude-opus-5", "claude-sonnet-5-5", "claude-sonnet-5", "claude-haiku-5-5", "claude-opus-4-8",
      "claude-opus-4-7"
    })
    void refusesANonDefaultTemperatureTopPOrTopK(String model) {
      assertRefused(client.anthropic(anthropicJson(model, 500, "\"temperature\":0.8")),
          "`temperature` is deprecated for this model.");
      assertRefused(client.anthropic(anthropicJson(model, 500, "\"top_p\":0.9")),
          "`top_p` is deprecated for this model.");
      assertRefused(client.anthropic(anthropicJson(model, 500, "\"top_k\":40")),
          "`top_k` is deprecated for this model.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-5-5", "claude-opus-4-7", "claude-fable-5-2"})
    void acceptsTheDefaultsSentExplicitly(String model) {
      assertAccepted(client.anthropic(anthropicJson(model, 500, "\"temperature\":1,\"top_p\":1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-5-5", "claude-opus-5", "claude-haiku-5-5", "claude-opus-4-8"})
    void refusesManualExtendedThinking(String model) {
      String thinking = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000}";

      assertRefused(client.anthropic(anthropicJson(model, 4000, thinking)),
          "\"thinking.type.enabled\" is not supported for this model. Use \"thinking.type.adaptive\" and"
              + " \"output_config.effort\" to control thinking behavior.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-opus-5-5", "claude-fable-5-1", "claude-sonnet-5-5"})
    void refusesDisabledThinkingWhereThinkingCannotBeTurnedOff(String model) {
      assertRefused(client.anthropic(anthropicJson(model, 500, "\"thinking\":{\"type\":\"disabled\"}")),
          "\"thinking.type.disabled\" is not supported for this model. Use \"thinking.type.adaptive\" and"
              + " \"output_config.effort\" to control thinking behavior.");
    }

    @Test
    void acceptsAdaptiveThinkingWithAnEffortAndDisabledWhereItMayBeOff() {
      assertAccepted(client.anthropic(anthropicJson("claude-opus-5-5", 500,
          "\"thinking\":{\"type\":\"adaptive\",\"display\":\"summarized\"},\"output_config\":{\"effort\":\"xhigh\"}")));
      assertAccepted(client.anthropic(anthropicJson("claude-opus-5", 500, "\"thinking\":{\"type\":\"disabled\"}")));
      assertAccepted(client.anthropic(anthropicJson("claude-sonnet-5-5", 500,
          "\"thinking\":{\"type\":\"between_tools\"}")));
    }

    @Test
    void refusesAnAssistantPrefill() {
      String body = "{\"model\":\"claude-opus-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
          + "{\"role\":\"assistant\",\"content\":\"[\"}]}";

      assertRefused(client.anthropic(body),
          "This model does not support assistant message prefill. The conversation must end with a user message.");
    }

    @Test
    void refusesMaxTokensAboveTheMaximumOutput() {
      assertRefused(client.anthropic(anthropicJson("claude-sonnet-5-5", 128_001, "")),
          "max_tokens: 128001 > 128000, which is the maximum allowed number of output tokens for claude-sonnet-5-5");
      assertAccepted(client.anthropic(anthropicJson("claude-sonnet-5-5", 128_000, "")));
    }
  }

  @Nested
  class WhenTheModelIsOfAnOlderFamily {

    @ParameterizedTest
    @ValueSource(strings = {
      "claude-sonnet-4-5", "claude-sonnet-4-6", "claude-haiku-4-5-20251001", "claude-opus-4-1", "claude-opus-4-5",
      "claude-opus-4-6"
    })
    void acceptsTemperatureOrTopPAloneButNotBoth(String model) {
      assertAccepted(client.anthropic(anthropicJson(model, 500, "\"temperature\":0.3")));
      assertAccepted(client.anthropic(anthropicJson(model, 500, "\"top_p\":0.8,\"top_k\":40")));
      assertRefused(client.anthropic(anthropicJson(model, 500, "\"temperature\":0.3,\"top_p\":0.8")),
          "`temperature` and `top_p` cannot both be specified for this model. Please use only one.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4-20250514", "claude-opus-4-0", "claude-3-5-haiku-20241022"})
    void acceptsBothOnTheFamiliesBeforeThatRule(String model) {
      assertAccepted(client.anthropic(anthropicJson(model, 500, "\"temperature\":0.3,\"top_p\":0.8")));
    }

    @Test
    void refusesATemperatureAboveOne() {
      HttpResponse<String> response = client.anthropic(anthropicJson("claude-sonnet-4-5", 500, "\"temperature\":1.2"));

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).path("error").path("message").asText())
          .isEqualTo("temperature: must be a number between 0 and 1, got 1.2");
    }

    @ParameterizedTest
    @CsvSource({"claude-opus-4-1, 32000", "claude-sonnet-4-5, 64000", "claude-3-5-haiku-20241022, 8192"})
    void refusesMaxTokensAboveItsMaximumOutput(String model, int max) {
      assertRefused(client.anthropic(anthropicJson(model, max + 1, "")), "max_tokens: " + (max + 1) + " > " + max
          + ", which is the maximum allowed number of output tokens for " + model);
    }

    @Test
    void acceptsManualExtendedThinkingWithinItsBudgetRules() {
      String thinking = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000}";

      assertAccepted(client.anthropic(anthropicJson("claude-sonnet-4-5", 4000, thinking)));
      assertAccepted(client.anthropic(anthropicJson("claude-opus-4-6", 4000, thinking)));
    }

    @Test
    void refusesABudgetUnder1024OrNotBelowMaxTokens() {
      assertRefused(client.anthropic(anthropicJson("claude-sonnet-4-5", 4000,
              "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":512}")),
          "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
      assertRefused(client.anthropic(anthropicJson("claude-sonnet-4-5", 2000,
              "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000}")),
          "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at"
              + " https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size");
    }

    @Test
    void refusesAdaptiveThinkingBeforeClaude46() {
      assertRefused(client.anthropic(anthropicJson("claude-sonnet-4-5", 500, "\"thinking\":{\"type\":\"adaptive\"}")),
          "\"thinking.type.adaptive\" is not supported for this model. Use \"thinking.type.enabled\" with"
              + " \"budget_tokens\" to control thinking behavior.");
      assertAccepted(client.anthropic(anthropicJson("claude-sonnet-4-6", 500, "\"thinking\":{\"type\":\"adaptive\"}")));
    }

    @Test
    void refusesATemperatureOtherThanOneWhileThinking() {
      assertRefused(client.anthropic(anthropicJson("claude-sonnet-4-5", 4000,
              "\"temperature\":0.5,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000}")),
          "`temperature` may only be set to 1 when thinking is enabled or in adaptive thinking mode.");
    }

    @Test
    void refusesAnEffortTheModelDoesNotOffer() {
      assertRefused(client.anthropic(anthropicJson("claude-opus-4-6", 500, "\"output_config\":{\"effort\":\"xhigh\"}")),
          "output_config.effort: \"xhigh\" is not supported for this model; it supports low, medium, high, max");
      assertAccepted(client.anthropic(anthropicJson("claude-opus-4-6", 500, "\"output_config\":{\"effort\":\"max\"}")));
      assertRefused(client.anthropic(anthropicJson("claude-sonnet-4-5", 500, "\"output_config\":{\"effort\":\"low\"}")),
          "output_config.effort: this model does not support the effort parameter");
    }

    @Test
    void acceptsAnAssistantPrefillWhereItIsStillSupported() {
      String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
          + "\"Hi\"},{\"role\":\"assistant\",\"content\":\"[\"}]}";

      assertAccepted(client.anthropic(body));
    }
  }

  @Nested
  class WhenTheRequestBreaksTheSchema {

    @Test
    void refusesAnUnknownTopLevelField() {
      assertRefused(client.anthropic(anthropicJson("claude-sonnet-5-5", 100, "\"colour\":\"blue\"")),
          "colour: Extra inputs are not permitted");
    }

    @Test
    void refusesAMissingMaxTokens() {
      assertRefused(client.anthropic("{\"model\":\"claude-sonnet-5-5\",\"messages\":[{\"role\":\"user\",\"content\":"
          + "\"x\"}]}"), "max_tokens: Field required");
    }

    @Test
    void refusesAMissingAnthropicVersionHeader() {
      HttpRequest request =
          HttpRequest.newBuilder(client.anthropicRequest("{}").build().uri())
              .header("x-api-key", FakeClient.KEY)
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(anthropicJson("claude-sonnet-5-5", 100, "")))
              .build();

      assertRefused(client.send(request), "anthropic-version: header is required");
    }

    @Test
    void refusesAnEffortTheApiDoesNotKnow() {
      assertRefused(client.anthropic(anthropicJson("claude-opus-5", 100, "\"output_config\":{\"effort\":\"ultra\"}")),
          "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'");
    }

    @Test
    void refusesToolsAsSomethingTheFakeDoesNotServe() {
      assertRefused(client.anthropic(anthropicJson("claude-opus-5", 100, "\"tools\":[]")),
          "tools: the fake provider does not support tools; leave it out");
    }
  }

  @Nested
  class WhenTheModelIsUnknown {

    @Test
    void answers404NotFoundNamingTheModel() {
      HttpResponse<String> response = client.anthropic(anthropicJson("claude-sonnet-9", 100, ""));

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).path("error").path("type").asText()).isEqualTo("not_found_error");
      assertThat(json(response).path("error").path("message").asText()).isEqualTo("model: claude-sonnet-9");
      assertThat(fake.requests().get(0).model()).isEqualTo("claude-sonnet-9");
    }
  }

  @Nested
  class WhenTheKeyComesAsABearerToken {

    @Test
    void acceptsTheKeyInAnAuthorizationHeader() {
      HttpRequest request =
          HttpRequest.newBuilder(client.anthropicRequest("{}").build().uri())
              .header("authorization", "Bearer " + FakeClient.KEY)
              .header("anthropic-version", "2023-06-01")
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(anthropicJson("claude-sonnet-5-5", 100, "")))
              .build();

      assertAccepted(client.send(request));
      assertThat(fake.requests().get(0).apiKeyMatched()).isTrue();
    }

    @Test
    void answersAWrongBearerTokenWithTheApisWording() {
      HttpRequest request =
          HttpRequest.newBuilder(client.anthropicRequest("{}").build().uri())
              .header("authorization", "Bearer sk-ant-wrong")
              .header("anthropic-version", "2023-06-01")
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(anthropicJson("claude-sonnet-5-5", 100, "")))
              .build();

      HttpResponse<String> response = client.send(request);

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(json(response).path("error").path("type").asText()).isEqualTo("authentication_error");
      assertThat(json(response).path("error").path("message").asText()).isEqualTo("Invalid bearer token");
      assertThat(response.body()).doesNotContain("sk-ant-wrong");
    }
  }
}
