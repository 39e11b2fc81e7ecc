package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.json;
import static io.datasynth.testkit.FakeClient.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JudgeAndShapingTest {
  private static final String JUDGE_PROMPT = "Score each record against the rubric.\n<rubric>[{\"score\": 1, \"label\":"
      + " \"good\"}, {\"score\": 0.5}, {\"score\": 0}]</rubric>\n<records>\n[{\"id\": \"SYNTH_0001\", \"data\":"
      + " {\"intent\": \"退换货\"}}, {\"id\": \"SYNTH_0002\", \"data\": {\"intent\": \"查询物流\"}}]\n</records>";

  private static String anthropic(String prompt) {
    return FakeClient.anthropicJson(FakeClient.CLAUDE, 4000, "").replace("\"Generate 3 records\"", quote(prompt));
  }

  @Nested
  class WhenAskedToJudge {

    @Test
    void scoresEachRecordOfTheRecordsBlockWithARationale() {
      try (FakeProvider fake = FakeProvider.builder().seed(4).start()) {
        String text = FakeClient.text(new FakeClient(fake).anthropic(anthropic(JUDGE_PROMPT)));

        JsonNode scores = json(new FakeClient.Body(text)).path("scores");
        assertThat(scores).hasSize(2);
        assertThat(scores.findValuesAsText("id")).containsExactly("SYNTH_0001", "SYNTH_0002");
        for (JsonNode score : scores) {
          assertThat(score.path("score").asDouble()).isIn(1.0, 0.5, 0.0);
          assertThat(score.path("rationale").asText()).isNotBlank().doesNotContain("\n");
        }
        assertThat(fake.requests().get(0).scoresSent()).isEqualTo(2);
        assertThat(fake.recordsServed()).isZero();
      }
    }

    @Test
    void scoresByAFieldsValue() {
      JudgeScorer scorer = JudgeScorer.byField("intent", Map.of("退换货", 0.0), 1.0);
      try (FakeProvider fake = FakeProvider.builder().judge(scorer).start()) {
        String text = FakeClient.text(new FakeClient(fake).anthropic(anthropic(JUDGE_PROMPT)));

        JsonNode scores = json(new FakeClient.Body(text)).path("scores");
        assertThat(scores.get(0).path("score").asDouble()).isZero();
        assertThat(scores.get(1).path("score").asDouble()).isEqualTo(1.0);
        assertThat(scores.get(0).path("rationale").asText()).contains("intent is '退换货'");
      }
    }

    @Test
    void fillsAStructuredScoresSchema() {
      String schema = "{\"type\":\"object\",\"properties\":{\"scores\":{\"type\":\"array\",\"items\":{\"type\":"
          + "\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"score\":{\"type\":\"number\"},\"rationale\":"
          + "{\"type\":\"string\"}},\"required\":[\"id\",\"score\",\"rationale\"],\"additionalProperties\":false}}},"
          + "\"required\":[\"scores\"],\"additionalProperties\":false}";
      String prompt = "Judge these: {\"id\": \"a\", \"q\": \"x\"} {\"id\": \"b\", \"q\": \"y\"}";
      try (FakeProvider fake = FakeProvider.builder().judge(JudgeScorer.byId(Map.of("b", 5.0), 2)).start()) {
        String body = anthropic(prompt).replace("\"messages\"", "\"output_config\":{\"format\":{\"type\":"
            + "\"json_schema\",\"schema\":" + schema + "}},\"messages\"");
        String text = FakeClient.text(new FakeClient(fake).anthropic(body));

        StructuredOutputsTest.assertConforms(schema, text);
        JsonNode scores = json(new FakeClient.Body(text)).path("scores");
        assertThat(scores.findValuesAsText("id")).containsExactly("a", "b");
        assertThat(scores.findValues("score").stream().map(JsonNode::asDouble).toList()).containsExactly(2.0, 5.0);
      }
    }
  }

  @Nested
  class WhenShapingRecords {

    @Test
    void leansTheConfiguredShareOfRecordsToOneValue() {
      ObjectNode template = FakeClient.MAPPER.createObjectNode().put("q", "question {n}").put("intent", "other");
      try (FakeProvider fake = FakeProvider.builder().records(RecordSource.counter(template)).recordsPerReply(100)
          .skew("intent", "查询物流", 0.8).start()) {
        JsonNode records = FakeClient.records(FakeClient.text(new FakeClient(fake).anthropic(anthropic("go"))));

        long leaning = records.findValuesAsText("intent").stream().filter("查询物流"::equals).count();
        assertThat(leaning).isBetween(65L, 95L);
      }
    }

    @Test
    void echoesTheSeedExamplesOfThePromptVerbatim() {
      String prompt = "Examples:\n{\"instruction\": \"种子一\", \"response\": \"答一\"}\n{\"instruction\": \"种子二\","
          + " \"response\": \"答二\"}\nGenerate 4 records";
      try (FakeProvider fake = FakeProvider.builder().echoSeedRate(1).start()) {
        JsonNode records = FakeClient.records(FakeClient.text(new FakeClient(fake).anthropic(anthropic(prompt))));

        assertThat(records.findValuesAsText("instruction")).isNotEmpty().allMatch(v -> List.of("种子一", "种子二").contains(v));
      }
    }

    @Test
    void honoursFieldsFixedByThePromptUnlessToldNotTo() {
      String prompt = "This batch: <fixed>{\"intent\": \"退换货\"}</fixed> Generate 3 records";
      try (FakeProvider fake = FakeProvider.builder().start();
          FakeProvider stubborn = FakeProvider.builder().honourFixedFields(false).start()) {
        JsonNode records = FakeClient.records(FakeClient.text(new FakeClient(fake).anthropic(anthropic(prompt))));
        assertThat(records.findValuesAsText("intent")).hasSize(5).containsOnly("退换货");

        JsonNode ignored = FakeClient.records(FakeClient.text(new FakeClient(stubborn).anthropic(anthropic(prompt))));
        assertThat(ignored.findValuesAsText("intent")).isEmpty();
      }
    }
  }
}
