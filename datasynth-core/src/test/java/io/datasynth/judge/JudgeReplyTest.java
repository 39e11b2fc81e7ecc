package io.datasynth.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.schema.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JudgeReplyTest {
  static Schema schema(String json) {
    try {
      return io.datasynth.schema.SchemaReader.fromJson(io.datasynth.json.Json.mapper().readTree(json), null);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Nested
  class ReadingScores {
    @Test
    void readsStructuredScoresById() {
      Map<String, JudgeReply.Score> s = JudgeReply.parse("""
          {"scores": [{"id": "r1", "score": 1, "rationale": "准确"}, {"id": "r2", "score": 0.5, "rationale": "缺步骤"}]}""");
      assertThat(s).containsOnlyKeys("r1", "r2");
      assertThat(s.get("r2").score()).isEqualTo(0.5);
      assertThat(s.get("r1").rationale()).isEqualTo("准确");
    }

    @Test
    void findsTheJsonInAFenceAfterProseAndSkipsEntriesWithoutANumber() {
      Map<String, JudgeReply.Score> s = JudgeReply.parse("""
          Here are the scores:
          ```json
          {"scores": [{"id": "r1", "score": "4"}, {"id": "r2", "score": "good"}, {"score": 3},]}
          ```""");
      assertThat(s).containsOnlyKeys("r1");
      assertThat(s.get("r1").score()).isEqualTo(4.0);
      assertThat(s.get("r1").rationale()).isEmpty();
    }

    @Test
    void findsNothingInAReplyWithoutJson() {
      assertThat(JudgeReply.parse("I cannot score these.")).isEmpty();
      assertThat(JudgeReply.parse("")).isEmpty();
    }
  }

  @Nested
  class TheScale {
    @Test
    void isTheRubricsOwnScoresWithTheMiddleAsTheDefaultMinimum() {
      Schema s = schema("""
          {"fields": [{"name": "a", "type": "string"}, {"name": "score", "type": "number"}],
           "scoring_rubric": [{"score": 1, "label": "ok"}, {"score": 0.5, "label": "meh"}, {"score": 0, "label": "bad"}]}""");
      JudgeScale scale = JudgeScale.of(s);
      assertThat(scale.levels()).containsExactly(1.0, 0.5, 0.0);
      assertThat(scale.fromRubric()).isTrue();
      assertThat(scale.defaultMinimum()).isEqualTo(0.5);
      assertThat(SelfScore.field(s)).contains("score");
    }

    @Test
    void isOneToFiveWhenTheRubricHasNoNumericScores() {
      Schema s = schema("""
          {"fields": [{"name": "a", "type": "string"}], "scoring_rubric": [{"score": "good", "label": "good"}]}""");
      JudgeScale scale = JudgeScale.of(s);
      assertThat(scale.levels()).containsExactly(5.0, 4.0, 3.0, 2.0, 1.0);
      assertThat(scale.defaultMinimum()).isEqualTo(3.0);
      assertThat(scale.contains(6)).isFalse();
      assertThat(SelfScore.field(s)).isEmpty();
    }
  }

  @Test
  void theJudgePromptHidesTheRecordsOwnScoreAndListsTheRubric() {
    Schema s = schema("""
        {"fields": [{"name": "q", "type": "string"}, {"name": "score", "type": "number"}],
         "scoring_rubric": [{"score": 1, "label": "完全符合"}, {"score": 0, "label": "不符合"}]}""");
    io.datasynth.prompt.JudgePromptBuilder p = new io.datasynth.prompt.JudgePromptBuilder(s,
        io.datasynth.prompt.Language.ZH, List.of(1.0, 0.0), "score", "");
    com.fasterxml.jackson.databind.node.ObjectNode r = io.datasynth.json.Json.object();
    r.put("q", "怎么退货？");
    r.put("score", 1);
    String batch = p.perBatch(List.of(new io.datasynth.prompt.JudgePromptBuilder.Item("r7", r, Map.of())));
    assertThat(batch).contains("\"r7\"").contains("怎么退货").doesNotContain("\"score\"");
    assertThat(p.stable()).contains("<rubric>").contains("完全符合");
  }
}
