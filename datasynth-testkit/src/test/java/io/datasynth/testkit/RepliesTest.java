package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.anthropicBody;
import static io.datasynth.testkit.FakeClient.openAiBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RepliesTest {

  @Nested
  class WhenCountingFromThePrompt {

    @Test
    void readsTheLastNumberAfterAGenerateMarker() {
      assertThat(Replies.requestedCount("Generate exactly 7 records")).isEqualTo(7);
      assertThat(Replies.requestedCount("生成 7 条")).isEqualTo(7);
      assertThat(Replies.requestedCount("生成7条数据")).isEqualTo(7);
      assertThat(Replies.requestedCount("Example 3 follows.\nPlease generate 12 new ones.")).isEqualTo(12);
      assertThat(Replies.requestedCount("Generate 3 records. Actually, generate 4 records.")).isEqualTo(4);
      assertThat(Replies.requestedCount("Write 9 records")).isEqualTo(-1);
      assertThat(Replies.requestedCount("Generate records.\n42")).isEqualTo(-1);
    }

    @Test
    void repliesWithTheRequestedCountAndFallsBackToRecordsPerReply() {
      try (FakeProvider fake = FakeProvider.builder().countFromPrompt(true).recordsPerReply(2).start()) {
        FakeClient client = new FakeClient(fake);

        JsonNode seven = FakeClient.records(FakeClient.text(client.anthropic(anthropicBody("Generate exactly 7 records", 4000))));
        JsonNode chinese = FakeClient.records(FakeClient.text(client.openAi(openAiBody("请生成 3 条记录", 4000))));
        JsonNode fallback = FakeClient.records(FakeClient.text(client.anthropic(anthropicBody("some records", 4000))));

        assertThat(seven).hasSize(7);
        assertThat(chinese).hasSize(3);
        assertThat(fallback).hasSize(2);
        assertThat(fake.recordsServed()).isEqualTo(12);
      }
    }

    @Test
    void ignoresThePromptWhenCountFromPromptIsOff() {
      try (FakeProvider fake = FakeProvider.builder().recordsPerReply(2).start()) {
        JsonNode records =
            FakeClient.records(FakeClient.text(new FakeClient(fake).anthropic(anthropicBody("Generate 7", 4000))));

        assertThat(records).hasSize(2);
      }
    }
  }

  @Nested
  class WhenTheReplyExceedsMaxTokens {

    @Test
    void cutsTheTextAtTheBudgetAndReportsMaxTokens() {
      try (FakeProvider fake = FakeProvider.builder().start()) {
        FakeClient client = new FakeClient(fake);

        HttpResponse<String> anthropic = client.anthropic(anthropicBody("a", 30));
        HttpResponse<String> openAi = client.openAi(openAiBody("a", 30));

        JsonNode body = FakeClient.json(anthropic);
        assertThat(body.path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(30);
        assertThat(TokenCounter.count(FakeClient.text(anthropic))).isLessThanOrEqualTo(30);
        assertThat(FakeClient.text(anthropic)).doesNotContain("]");
        assertThat(FakeClient.json(openAi).path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
        assertThat(fake.requests().get(0).truncated()).isTrue();
      }
    }
  }

  @Nested
  class WhenAStyleIsChosen {

    private final List<ObjectNode> records = RecordSource.counter(template()).next(3, new SplittableRandom(1));

    @Test
    void everyStyleCarriesEveryRecordAsParseableJson() {
      for (ReplyStyle style : ReplyStyle.values()) {
        ReplyRenderer.Rendered rendered = ReplyRenderer.render(records, style, false);
        String text = rendered.text();
        if (style == ReplyStyle.JSONL) {
          assertThat(text.lines()).hasSize(3);
          assertThat(text.lines().map(RepliesTest::parse)).containsExactlyElementsOf(records);
        } else {
          assertThat(FakeClient.records(text)).containsExactlyElementsOf(records);
        }
        assertThat(rendered.recordsBefore(text.length())).isEqualTo(3);
      }
    }

    @Test
    void framesEachStyleAsDocumented() {
      assertThat(ReplyRenderer.render(records, ReplyStyle.FENCED_ARRAY, false).text())
          .startsWith("Here are 3 records:\n```json\n[")
          .endsWith("]\n```");
      assertThat(ReplyRenderer.render(records, ReplyStyle.BARE_ARRAY, false).text()).startsWith("[").endsWith("]");
      assertThat(ReplyRenderer.render(records, ReplyStyle.PROSE_WRAPPED, false).text())
          .contains("```json\n[")
          .endsWith("Let me know if you need more.");
    }

    @Test
    void knowsHowManyRecordsACutTextKeeps() {
      ReplyRenderer.Rendered rendered = ReplyRenderer.render(records, ReplyStyle.BARE_ARRAY, false);
      int[] ends = rendered.recordEnds();

      assertThat(Arrays.stream(ends).map(rendered::recordsBefore)).containsExactly(1, 2, 3);
      assertThat(rendered.recordsBefore(ends[0] - 1)).isZero();
    }
  }

  @Nested
  class WhenTheReplyStyleIsConfigured {

    @Test
    void servesJsonlReplies() {
      try (FakeProvider fake = FakeProvider.builder().replyStyle(ReplyStyle.JSONL).recordsPerReply(4).start()) {
        String text = FakeClient.text(new FakeClient(fake).anthropic(anthropicBody("a", 4000)));

        assertThat(text.lines()).hasSize(4).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
      }
    }
  }

  private static ObjectNode template() {
    ObjectNode template = FakeClient.MAPPER.createObjectNode();
    template.put("q", "question {n}");
    template.put("a", "answer {n}");
    return template;
  }

  private static JsonNode parse(String line) {
    try {
      return FakeClient.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
