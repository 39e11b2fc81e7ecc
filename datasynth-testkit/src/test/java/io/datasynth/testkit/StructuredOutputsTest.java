package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StructuredOutputsTest {
  /** A records wrapper as a client would send it: an enum, a nullable field, nested objects, strict everywhere. */
  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"records\":{\"type\":\"array\",\"items\":"
      + "{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\"},\"intent\":{\"type\":\"string\","
      + "\"enum\":[\"查询物流\",\"退换货\"]},\"score\":{\"type\":\"integer\"},\"note\":{\"anyOf\":[{\"type\":"
      + "\"string\"},{\"type\":\"null\"}]},\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
      + "\"required\":[\"question\",\"intent\",\"score\",\"note\",\"tags\"],\"additionalProperties\":false}}},"
      + "\"required\":[\"records\"],\"additionalProperties\":false}";

  static void assertConforms(String schema, String reply) {
    try {
      JsonNode instance = FakeClient.MAPPER.readTree(reply);
      var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema)
          .validate(instance);
      assertThat(errors).as(reply).isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String anthropic(String model, String schema) {
    return FakeClient.anthropicJson(model, 4000, "\"output_config\":{\"format\":{\"type\":\"json_schema\","
        + "\"schema\":" + schema + "}}");
  }

  private static String openAi(String model, String schema, boolean strict) {
    return FakeClient.openAiJson(model, "\"max_completion_tokens\":4000,\"response_format\":{\"type\":\"json_schema\","
        + "\"json_schema\":{\"name\":\"records\",\"strict\":" + strict + ",\"schema\":" + schema + "}}");
  }

  private static String message(HttpResponse<String> response) {
    return json(response).path("error").path("message").asText();
  }

  @Nested
  class WithAnthropic {

    @Test
    void repliesWithRecordsThatConformToTheSchema() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        HttpResponse<String> response = new FakeClient(fake).anthropic(anthropic(FakeClient.CLAUDE, SCHEMA));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String text = FakeClient.text(response);
        assertConforms(SCHEMA, text);
        assertThat(FakeClient.json(new FakeClient.Body(text)).path("records")).hasSize(5);
        assertThat(fake.requests().get(0).structured()).isTrue();
        assertThat(fake.recordsServed()).isEqualTo(5);
      }
    }

    @Test
    void refusesKeywordsStructuredOutputsDoNotSupport() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> length = client.anthropic(anthropic(FakeClient.CLAUDE,
            SCHEMA.replace("{\"type\":\"string\"},\"intent\"", "{\"type\":\"string\",\"minLength\":3},\"intent\"")));
        assertThat(length.statusCode()).isEqualTo(400);
        assertThat(message(length)).startsWith("output_config.format.schema at /properties/records/items/properties/"
            + "question: 'minLength' is not supported by structured outputs");
        HttpResponse<String> open = client.anthropic(anthropic(FakeClient.CLAUDE,
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"));
        assertThat(message(open)).contains("'additionalProperties' must be set to false");
        HttpResponse<String> recursive = client.anthropic(anthropic(FakeClient.CLAUDE, "{\"type\":\"object\","
            + "\"properties\":{\"child\":{\"$ref\":\"#\"}},\"additionalProperties\":false}"));
        assertThat(message(recursive)).contains("recursive schemas are not supported");
        HttpResponse<String> minItems = client.anthropic(anthropic(FakeClient.CLAUDE, SCHEMA.replace(
            "\"records\":{\"type\":\"array\",", "\"records\":{\"type\":\"array\",\"minItems\":5,")));
        assertThat(message(minItems)).contains("only 0 and 1 are");
      }
    }

    @Test
    void refusesAModelWithoutStructuredOutputs() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        HttpResponse<String> old = new FakeClient(fake).anthropic(anthropic("claude-opus-4-1", SCHEMA));

        assertThat(old.statusCode()).isEqualTo(400);
        assertThat(message(old)).contains("structured outputs are not supported for claude-opus-4-1");
      }
    }

    @Test
    void breaksAnUnstatedRuleAtTheGivenRateWhileStillConforming() {
      try (FakeProvider fake = FakeProvider.builder().structuredViolationRate(1).start()) {
        String text = FakeClient.text(new FakeClient(fake).anthropic(anthropic(FakeClient.CLAUDE, SCHEMA)));

        assertConforms(SCHEMA, text);
        assertThat(FakeClient.json(new FakeClient.Body(text)).path("records").findValuesAsText("question"))
            .containsOnly("");
      }
    }
  }

  @Nested
  class WithOpenAi {

    @Test
    void repliesWithJsonThatConformsToAStrictSchema() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        HttpResponse<String> response = new FakeClient(fake).openAi(openAi(FakeClient.GPT, SCHEMA, true));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertConforms(SCHEMA, FakeClient.text(response));
      }
    }

    @Test
    void honoursTheBoundsAndPatternsStrictModeSupports() {
      String bounded = SCHEMA.replace("\"score\":{\"type\":\"integer\"}",
          "\"score\":{\"type\":\"integer\",\"minimum\":200,\"maximum\":300}").replace(
          "\"question\":{\"type\":\"string\"}", "\"question\":{\"type\":\"string\",\"pattern\":\"^Q-\\\\d{3}$\"}");
      try (FakeProvider fake = FakeProvider.builder().start()) {
        HttpResponse<String> response = new FakeClient(fake).openAi(openAi(FakeClient.GPT, bounded, true));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertConforms(bounded, FakeClient.text(response));
      }
    }

    @Test
    void refusesWhatStrictModeForbidsWithOpenAisMessages() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> missing = client.openAi(openAi(FakeClient.GPT,
            SCHEMA.replace("\"required\":[\"question\",\"intent\",", "\"required\":[\"intent\","), true));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").path("param").asText()).isEqualTo("response_format");
        assertThat(message(missing)).isEqualTo("Invalid schema for response_format 'records': In context=('properties',"
            + " 'records', 'items'), 'required' is required to be supplied and to be an array including every key in"
            + " properties. Missing 'question'.");
        HttpResponse<String> open = client.openAi(openAi(FakeClient.GPT,
            "{\"type\":\"object\",\"properties\":{},\"required\":[]}", true));
        assertThat(message(open)).isEqualTo("Invalid schema for response_format 'records': In context=(),"
            + " 'additionalProperties' is required to be supplied and to be false.");
        HttpResponse<String> length = client.openAi(openAi(FakeClient.GPT, SCHEMA.replace(
            "\"question\":{\"type\":\"string\"}", "\"question\":{\"type\":\"string\",\"maxLength\":9}"), true));
        assertThat(message(length)).endsWith("'maxLength' is not permitted.");
        HttpResponse<String> array = client.openAi(openAi(FakeClient.GPT, "{\"type\":\"array\"}", true));
        assertThat(message(array)).contains("schema must be a JSON Schema of 'type: \"object\"'");
        StringBuilder deep = new StringBuilder("{\"type\":\"string\"}");
        for (int i = 0; i < 11; i++) {
          deep = new StringBuilder("{\"type\":\"object\",\"properties\":{\"x\":" + deep + "},\"required\":[\"x\"],"
              + "\"additionalProperties\":false}");
        }
        assertThat(message(client.openAi(openAi(FakeClient.GPT, deep.toString(), true)))).contains("10 levels");
      }
    }

    @Test
    void acceptsANonStrictSchemaAsItIs() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        String loose = "{\"type\":\"object\",\"properties\":{\"records\":{\"type\":\"array\",\"items\":{\"type\":"
            + "\"object\",\"properties\":{\"q\":{\"type\":\"string\",\"minLength\":2}}}}}}";
        HttpResponse<String> response = new FakeClient(fake).openAi(openAi(FakeClient.GPT, loose, false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertConforms(loose, FakeClient.text(response));
      }
    }

    @Test
    void refusesABadNameJsonModeWithoutTheWordJsonAndUnsupportedModels() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> name = client.openAi(openAi(FakeClient.GPT, SCHEMA, true).replace("\"records\",\"strict\"",
            "\"my records\",\"strict\""));
        assertThat(message(name)).contains("string does not match pattern");
        HttpResponse<String> jsonMode = client.openAi(FakeClient.openAiJson(FakeClient.GPT,
            "\"response_format\":{\"type\":\"json_object\"}"));
        assertThat(message(jsonMode)).isEqualTo("'messages' must contain the word 'json' in some form, to use"
            + " 'response_format' of type 'json_object'.");
        HttpResponse<String> turbo = client.openAi(FakeClient.openAiJson("gpt-4-turbo",
            "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"r\",\"schema\":" + SCHEMA
                + "}}"));
        assertThat(message(turbo))
            .isEqualTo("Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.");
        HttpResponse<String> jsonOk = client.openAi(FakeClient.openAiJson("gpt-4-turbo",
            "\"response_format\":{\"type\":\"json_object\"}").replace("Generate 3 records", "Generate 3 records as JSON"));
        assertThat(jsonOk.statusCode()).isEqualTo(200);
        assertThat(FakeClient.text(jsonOk)).startsWith("{\"records\": [");
      }
    }
  }
}
