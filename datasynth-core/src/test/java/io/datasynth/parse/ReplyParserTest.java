package io.datasynth.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.parse.ParseIssue.Kind;
import io.datasynth.text.Messages;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {
  /** An issue's detail as an English reader sees it. */
  static String english(ParseIssue issue) {
    return Messages.english().render(issue.detail());
  }

  private final ReplyParser parser = new ReplyParser(List.of("instruction", "response"));

  @Nested
  class WhenTheReplyHoldsNoRecords {
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  \n\t ", "I'm sorry, I can't do that.", "{", "[", "}{", "]]]", "\"\"\""})
    void givesOneNoJsonIssueAndNoRecords(String reply) {
      ParsedReply parsed = parser.parse(reply);

      assertThat(parsed.records()).isEmpty();
      assertThat(parsed.issues()).singleElement().extracting(ParseIssue::kind).isEqualTo(Kind.NO_JSON);
      assertThat(parsed.truncated()).isFalse();
    }

    @Test
    void saysTheReplyIsEmptyForNull() {
      assertThat(english(parser.parse(null).issues().get(0))).isEqualTo("the reply is empty");
    }

    @Test
    void quotesTheStartOfAProseReply() {
      assertThat(english(parser.parse("Sorry, I cannot help.").issues().get(0)))
          .contains("Sorry, I cannot help.");
    }

    @Test
    void saysSoWhenTheJsonIsAnEmptyEnvelope() {
      ParsedReply parsed = parser.parse("{\"samples\": []}");

      assertThat(parsed.issues()).singleElement().satisfies(i -> {
        assertThat(i.kind()).isEqualTo(Kind.NO_JSON);
        assertThat(english(i)).contains("holds no records");
      });
    }
  }

  @Nested
  class WhenProseHasBraces {
    @Test
    void ignoresBracesThatDoNotLookLikeJson() {
      ParsedReply parsed = parser.parse(
          "Use {curly} or { name } braces, [square] brackets, [1, 2], {1: 2} and [ \"a\" ].\n"
              + "{\"instruction\": \"q\", \"response\": \"r\"}");

      assertThat(parsed.records()).hasSize(1);
      assertThat(parsed.issues()).isEmpty();
    }

    @Test
    void reportsAQuotedBraceSpanThatIsNotValidJsonOnce() {
      ParsedReply parsed = parser.parse("He said {\"hello\"} and left. {\"instruction\": \"q\", \"response\": \"r\"}");

      assertThat(parsed.records()).hasSize(1);
      assertThat(parsed.count(Kind.MALFORMED)).isEqualTo(1);
    }
  }

  @Nested
  class WhenTheReplyHasFences {
    @Test
    void readsOnlyTheFencedBlocks() {
      ParsedReply parsed = parser.parse("{\"instruction\": \"outside\", \"response\": \"x\"}\n"
          + "```json\n{\"instruction\": \"inside\", \"response\": \"y\"}\n```\n");

      assertThat(parsed.records()).extracting(r -> r.get("instruction").asText()).containsExactly("inside");
    }

    @Test
    void readsTheWholeReplyWhenTheFencesHoldNoJson() {
      ParsedReply parsed = parser.parse("Run this:\n```\npip install datasynth\n```\n"
          + "{\"instruction\": \"q\", \"response\": \"r\"}");

      assertThat(parsed.records()).hasSize(1);
      assertThat(parsed.issues()).isEmpty();
    }

    @Test
    void takesAFenceInsideAnEscapedStringForText() {
      ParsedReply parsed = parser.parse(
          "[{\"instruction\": \"Show code\", \"response\": \"```python\\nprint(1)\\n```\"}]");

      assertThat(parsed.records()).singleElement()
          .satisfies(r -> assertThat(r.get("response").asText()).startsWith("```python\n"));
      assertThat(parsed.truncated()).isFalse();
    }

    @Test
    void reportsOneTruncationWhenTheLastFenceIsCutMidObject() {
      ParsedReply parsed = parser.parse("```json\n[{\"instruction\": \"a\", \"response\": \"b\"}, {\"instr");

      assertThat(parsed.records()).hasSize(1);
      assertThat(parsed.issues()).singleElement().extracting(ParseIssue::kind).isEqualTo(Kind.TRUNCATED);
      assertThat(parsed.truncated()).isTrue();
    }

    @Test
    void countsAnObjectThatNeverClosesInsideAClosedFenceAsMalformed() {
      ParsedReply parsed = parser.parse("```json\n{\"instruction\": \"a\", \"response\": \"b\"\n```\nDone.");

      assertThat(parsed.count(Kind.MALFORMED)).isEqualTo(1);
      assertThat(parsed.truncated()).isFalse();
    }

    @Test
    void readsALineStartingWithABraceInsideAJsonFenceEvenWithoutAQuote() {
      ParsedReply parsed = parser.parse("```json\n{instruction: \"unquoted keys\"}\n```");

      assertThat(parsed.count(Kind.MALFORMED)).isEqualTo(1);
      assertThat(parsed.count(Kind.NO_JSON)).isZero();
    }
  }

  @Nested
  class WhenRecordsAreWrapped {
    @Test
    void keepsADataFieldWhenTheSchemaHasOne() {
      ReplyParser withData = new ReplyParser(List.of("id", "data"));

      ParsedReply parsed = withData.parse("[{\"id\": \"1\", \"data\": {\"x\": 1}}]");

      assertThat(parsed.records()).singleElement()
          .satisfies(r -> assertThat(r.has("id") && r.has("data")).isTrue());
    }

    @Test
    void takesAnEnvelopeKeyThatIsAFieldForARecord() {
      ReplyParser withSamples = new ReplyParser(List.of("samples"));

      ParsedReply parsed = withSamples.parse("{\"samples\": [{\"a\": 1}, {\"a\": 2}]}");

      assertThat(parsed.records()).hasSize(1);
    }

    @Test
    void unwrapsIdDataItemsWhenTheSchemaIsUnknown() {
      ParsedReply parsed = new ReplyParser(List.of())
          .parse("{\"samples\": [{\"id\": \"S1\", \"data\": {\"q\": \"x\"}, \"metadata\": {}}]}");

      assertThat(parsed.records()).singleElement().satisfies(r -> assertThat(r.has("q")).isTrue());
    }

    @Test
    void keepsAnObjectWithADataKeyBesideOtherContentWhenTheSchemaIsUnknown() {
      ParsedReply parsed = new ReplyParser(List.of()).parse("{\"title\": \"t\", \"data\": {\"q\": \"x\"}}");

      assertThat(parsed.records()).singleElement().satisfies(r -> assertThat(r.has("title")).isTrue());
    }

    @Test
    void countsEveryItemOfAnEnvelopeOfTextAsNotAnObject() {
      ParsedReply parsed = parser.parse("{\"results\": [\"first idea\", 2]}");

      assertThat(parsed.records()).isEmpty();
      assertThat(parsed.count(Kind.NOT_AN_OBJECT)).isEqualTo(2);
    }

    @Test
    void keepsARecordWithAListOfWordsUnderAnEnvelopeKeyWhenTheSchemaIsUnknown() {
      ParsedReply parsed = new ReplyParser(List.of()).parse("{\"topic\": \"fruit\", \"items\": [\"apple\"]}");

      assertThat(parsed.records()).singleElement().satisfies(r -> assertThat(r.has("topic")).isTrue());
    }

    @Test
    void countsNonObjectItemsOfAnEnvelope() {
      ParsedReply parsed = parser.parse("{\"samples\": [\"text\", {\"instruction\": \"q\", \"response\": \"r\"}]}");

      assertThat(parsed.records()).hasSize(1);
      assertThat(parsed.count(Kind.NOT_AN_OBJECT)).isEqualTo(1);
    }
  }

  @Nested
  class WhenTheReplyIsCutOff {
    @Test
    void neverCountsACutRecordAsMalformedWhereverTheCutFalls() {
      for (String shape : List.of("list", "jsonl", "envelope", "pretty")) {
        SampleReply sample = SampleReply.build(shape, 6);
        for (int cut = 0; cut <= sample.text().length(); cut++) {
          ParsedReply parsed = parser.parse(sample.text().substring(0, cut));
          String where = shape + " cut at " + cut + ": " + parsed.issues();

          assertThat(parsed.count(Kind.MALFORMED)).as(where).isZero();
          assertThat(parsed.count(Kind.NOT_AN_OBJECT)).as(where).isZero();
          assertThat(parsed.count(Kind.TRUNCATED)).as(where).isLessThanOrEqualTo(1);
          assertThat(parsed.records()).as(where).hasSize(sample.completeBefore(cut));
          assertThat(parsed.truncated()).as(where).isEqualTo(parsed.count(Kind.TRUNCATED) == 1);
        }
        assertThat(parser.parse(sample.text()).truncated()).as(shape).isFalse();
      }
    }

    @Test
    void keepsTheRecordsBeforeACutInsideAnEscape() {
      ParsedReply parsed = parser.parse("[{\"instruction\": \"a\", \"response\": \"b\"}, {\"instruction\": \"c\\");

      assertThat(parsed.records()).hasSize(1);
      assertThat(parsed.truncated()).isTrue();
    }
  }

  @Nested
  class WhenRecordsAreSpreadOut {
    @Test
    void returnsRecordsInReplyOrderAcrossFencesEnvelopesAndLines() {
      String reply = "```json\n{\"instruction\": \"1\", \"response\": \"-\"}\n"
          + "{\"samples\": [{\"instruction\": \"2\", \"response\": \"-\"}, {\"instruction\": \"3\", \"response\": \"-\"}]}\n"
          + "```\nmore:\n```\n[{\"instruction\": \"4\", \"response\": \"-\"}]\n```";

      assertThat(parser.parse(reply).records()).extracting(r -> r.get("instruction").asText())
          .containsExactly("1", "2", "3", "4");
    }

    @Test
    void returnsListsTheCallerCannotChange() {
      ParsedReply parsed = parser.parse("[{\"instruction\": \"a\", \"response\": \"b\"}]");

      assertThatCode(() -> parsed.records().clear()).isInstanceOf(UnsupportedOperationException.class);
      assertThatCode(() -> parsed.issues().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class UnderLoad {
    @Test
    void parsesAOneMegabyteReplyQuickly() {
      StringBuilder sb = new StringBuilder("Here you go:\n```json\n[\n");
      int n = 0;
      while (sb.length() < 1_000_000) {
        sb.append(n == 0 ? "" : ",\n").append("  {\"instruction\": \"Question number ").append(n)
            .append(" about {braces} and \\\"quotes\\\"\", \"response\": \"").append("答案".repeat(40)).append("\"}");
        n++;
      }
      String reply = sb.append("\n]\n```\n").toString();
      int expected = n;

      ParsedReply parsed = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parser.parse(reply));

      assertThat(parsed.records()).hasSize(expected);
      assertThat(parsed.issues()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"", "[{", "{\"a\":", "{\"a\": \"x}\n", "{'", "[{\"samples\":", "/*[{", "```json\n{",
        "{\"a\":1}{", "\"\\", "[{\"a\": \"b\"},\n"})
    void finishesOnAMegabyteOfARepeatedPattern(String unit) {
      String reply = unit.repeat(1_000_000 / unit.length());

      // A hang guard, not a speed test: a quadratic parser takes hours on this, a linear one well under a second.
      assertTimeoutPreemptively(Duration.ofSeconds(120), () -> parser.parse(reply));
    }

    @Test
    void neverThrowsOnRandomJsonishNoise() {
      String[] tokens = {"{", "}", "[", "]", "\"", "'", "\\", ":", ",", "\n", "```", "json", "a", " ", "/", "*",
          "1", "\"samples\"", "\"data\"", "null", "{\"", "[{", "中"};
      Random random = new Random(42);
      for (int round = 0; round < 3_000; round++) {
        StringBuilder sb = new StringBuilder();
        int len = random.nextInt(60);
        for (int i = 0; i < len; i++) {
          sb.append(tokens[random.nextInt(tokens.length)]);
        }
        String reply = sb.toString();

        assertThatCode(() -> check(parser.parse(reply))).as(reply).doesNotThrowAnyException();
      }
    }

    @Test
    void givesTheSameAnswerFromManyThreads() {
      String reply = SampleReply.build("pretty", 20).text();
      ParsedReply once = parser.parse(reply);

      List<ParsedReply> all = IntStream.range(0, 64).parallel().mapToObj(i -> parser.parse(reply)).toList();

      assertThat(all).allSatisfy(p -> assertThat(p).isEqualTo(once));
    }

    private void check(ParsedReply parsed) {
      assertThat(parsed.truncated()).isEqualTo(parsed.count(Kind.TRUNCATED) == 1);
      assertThat(parsed.records().isEmpty() && parsed.issues().isEmpty()).isFalse();
      assertThat(parsed.records()).allSatisfy(r -> assertThat(r).isInstanceOf(ObjectNode.class));
    }
  }
}
