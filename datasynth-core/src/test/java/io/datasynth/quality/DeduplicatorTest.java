package io.datasynth.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeduplicatorTest {
  static final Schema SCHEMA = new Schema("qa", "", List.of(Field.of("id", FieldType.TEXT),
      Field.of("question", FieldType.TEXT), Field.of("answer", FieldType.TEXT),
      new Field("score", "score", FieldType.FLOAT, "", false, Constraints.NONE, null),
      new Field("tags", "tags", FieldType.LIST, "", false, Constraints.NONE, null)), List.of());

  static final String EN = "The mitochondria is the powerhouse of the cell, turning nutrients into the energy "
      + "that every living cell needs to grow, move and divide.";
  static final String ZH = "长城是中国古代修建的军事防御工程，东起山海关，西至嘉峪关，全长两万多公里，是世界上最伟大的建筑之一。";

  static ObjectNode qa(String question, String answer) {
    ObjectNode r = Json.object();
    r.put("question", question);
    r.put("answer", answer);
    return r;
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** The exact character 3-gram Jaccard similarity of two normalised texts, for checking estimates. */
  static double jaccard(String a, String b) {
    Set<String> x = grams(RecordKeys.normalize(a));
    Set<String> y = grams(RecordKeys.normalize(b));
    Set<String> union = new HashSet<>(x);
    union.addAll(y);
    x.retainAll(y);
    return (double) x.size() / union.size();
  }

  private static Set<String> grams(String s) {
    int[] cps = s.codePoints().toArray();
    Set<String> out = new HashSet<>();
    for (int i = 0; i + 2 < cps.length; i++) {
      out.add(new String(cps, i, 3));
    }
    return out;
  }

  @Nested
  class WhenRecordsAreTheSameAfterNormalising {
    private final Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);

    @Test
    void findsThemAcrossKeyOrderWhitespaceAndCase() {
      dedup.add(json("{\"question\": \"What is AI?\", \"answer\": \"Machines  that think.\"}"), "first");

      Optional<Deduplicator.Match> m =
          dedup.check(json("{\"answer\": \"  machines that\\n\\tTHINK. \", \"question\": \"what is ai?\"}"));

      assertThat(m).contains(new Deduplicator.Match("first", true, 1.0));
    }

    @Test
    void findsFullWidthAndHalfWidthFormsEqual() {
      dedup.add(qa("ＡＩ是什么？", "人工智能（ＡＩ）。"), "half");

      assertThat(dedup.check(qa("AI是什么?", "人工智能(AI)。"))).hasValueSatisfying(m -> assertThat(m.exact()).isTrue());
    }

    @Test
    void ignoresZeroWidthSpacesAndIdeographicSpaces() {
      dedup.add(qa("你好\u3000世界", "a\u200Bb"), "x");

      assertThat(dedup.check(qa("你好 世界", "ab"))).isPresent();
    }

    @Test
    void comparesNumbersByValueButNotNumbersWithText() {
      dedup.add(json("{\"question\": \"q\", \"answer\": \"a\", \"score\": 1}"), "int");

      assertThat(dedup.check(json("{\"question\": \"q\", \"answer\": \"a\", \"score\": 1.0}"))).isPresent();
      assertThat(dedup.check(json("{\"question\": \"q\", \"answer\": \"a\", \"score\": \"1\"}"))).isEmpty();
      assertThat(dedup.check(json("{\"question\": \"q\", \"answer\": \"a\", \"score\": 1.5}"))).isEmpty();
    }

    @Test
    void ignoresTheIdAndTopLevelNulls() {
      dedup.add(json("{\"id\": \"SYNTH_1\", \"question\": \"q\", \"answer\": \"a\"}"), "one");

      assertThat(dedup.check(json("{\"id\": \"SYNTH_2\", \"question\": \"q\", \"answer\": \"a\", \"score\": null}")))
          .contains(new Deduplicator.Match("one", true, 1.0));
    }

    @Test
    void tellsListsInADifferentOrderApart() {
      dedup.add(json("{\"question\": \"q\", \"answer\": \"a\", \"tags\": [\"x\", \"y\"]}"), "xy");

      assertThat(dedup.check(json("{\"question\": \"q\", \"answer\": \"a\", \"tags\": [\"y\", \"x\"]}"))).isEmpty();
    }
  }

  @Nested
  class WhenRecordsAreNearlyTheSame {
    private final Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);

    @Test
    void findsAnEnglishRecordWithOneWordChanged() {
      String edited = EN.replace("divide", "split");
      dedup.add(qa("What do mitochondria do?", EN), "orig");

      Optional<Deduplicator.Match> m = dedup.check(qa("What do mitochondria do?", edited));

      assertThat(m).hasValueSatisfying(match -> {
        assertThat(match.id()).isEqualTo("orig");
        assertThat(match.exact()).isFalse();
        assertThat(match.similarity()).isCloseTo(jaccard("What do mitochondria do?\n" + EN,
            "What do mitochondria do?\n" + edited), within(0.1));
      });
    }

    @Test
    void findsAChineseRecordWithOnePhraseChanged() {
      String edited = ZH.replace("最伟大的", "最著名的");
      dedup.add(qa("介绍长城。", ZH), "orig");

      assertThat(jaccard(ZH, edited)).isGreaterThan(0.8);
      assertThat(dedup.check(qa("介绍长城。", edited))).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo("orig"));
    }

    @Test
    void keepsAnEnglishRecordThatSharesOnlyHalfItsText() {
      String half = EN.substring(0, EN.length() / 2) + " Plants, however, rely mostly on chloroplasts for that.";
      dedup.add(qa("What do mitochondria do?", EN), "orig");

      assertThat(jaccard(EN, half)).isLessThan(0.7);
      assertThat(dedup.check(qa("What do mitochondria do?", half))).isEmpty();
    }

    @Test
    void keepsAChineseRecordThatSharesOnlyHalfItsText() {
      String half = ZH.substring(0, ZH.length() / 2) + "如今它已成为著名的旅游景点，每年吸引数百万游客前来参观。";
      dedup.add(qa("介绍长城。", ZH), "orig");

      assertThat(dedup.check(qa("介绍长城。", half))).isEmpty();
    }

    @Test
    void findsSimilarTextInsideListFields() {
      ObjectNode a = qa("q", "a");
      a.putArray("tags").add(EN);
      ObjectNode b = qa("q", "b");
      b.putArray("tags").add(EN.replace("grow", "expand"));
      dedup.add(a, "a");

      assertThat(dedup.check(b)).hasValueSatisfying(m -> assertThat(m.exact()).isFalse());
    }

    @Test
    void treatsRecordsWithEqualTextButDifferentNumbersAsNearDuplicates() {
      dedup.add(json("{\"question\": \"" + EN + "\", \"answer\": \"yes\", \"score\": 4}"), "four");

      assertThat(dedup.check(json("{\"question\": \"" + EN + "\", \"answer\": \"yes\", \"score\": 5}")))
          .contains(new Deduplicator.Match("four", false, 1.0));
    }

    @Test
    void checksShortTextsOnlyExactly() {
      Deduplicator loose = new Deduplicator(SCHEMA, 0.3);
      loose.add(qa("Hi", "Hello there"), "short");

      assertThat(loose.check(qa("Hi", "Hello there!"))).isEmpty();
      assertThat(loose.check(qa("hi", "hello  there"))).isPresent();
    }

    @Test
    void returnsTheMostSimilarOfSeveralMatches() {
      String fuel = "The mitochondria is the powerhouse of the cell, turning nutrients into the fuel that plants and "
          + "animals use.";
      String each = "Mitochondria: powerhouses of each cell, turning nutrients into the energy that every living cell "
          + "needs to grow, move and divide.";
      Deduplicator loose = new Deduplicator(SCHEMA, 0.45);
      assertThat(jaccard(EN, fuel)).isBetween(0.5, 0.55);
      assertThat(jaccard(EN, each)).isBetween(0.8, 0.85);
      assertThat(jaccard(fuel, each)).isLessThan(0.42);

      assertThat(loose.add(qa("q", fuel), "fuel")).isEmpty();
      assertThat(loose.check(qa("q", EN))).map(Deduplicator.Match::id).contains("fuel");
      assertThat(loose.add(qa("q", each), "each")).isEmpty();
      assertThat(loose.check(qa("q", EN))).map(Deduplicator.Match::id).contains("each");
    }
  }

  @Nested
  class WhenTheThresholdIsOneOrMore {
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.5})
    void findsOnlyExactDuplicates(double threshold) {
      Deduplicator exactOnly = new Deduplicator(SCHEMA, threshold);
      exactOnly.add(qa("q", EN), "orig");

      assertThat(exactOnly.check(qa("q", EN.replace("divide", "split")))).isEmpty();
      assertThat(exactOnly.check(qa("Q", EN))).isPresent();
    }
  }

  @Nested
  class WhenRecordsAreRemembered {
    private final Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);

    @Test
    void returnsTheIdOfTheFirstOccurrenceAndForgetsDuplicates() {
      assertThat(dedup.add(qa("q", EN), "first")).isEmpty();
      assertThat(dedup.add(qa("q", EN.replace("divide", "split")), "second")).map(Deduplicator.Match::id)
          .contains("first");
      assertThat(dedup.add(qa("q", EN.replace("divide", "split")), "third")).map(Deduplicator.Match::id)
          .contains("first");
      assertThat(dedup.add(qa("Q", EN), "fourth")).contains(new Deduplicator.Match("first", true, 1.0));

      assertThat(dedup.size()).isEqualTo(1);
    }

    @Test
    void checkRemembersNothing() {
      dedup.check(qa("q", EN));

      assertThat(dedup.size()).isZero();
      assertThat(dedup.add(qa("q", EN), "first")).isEmpty();
    }

    @Test
    void givesTheSameMatchesInEveryRun() {
      List<ObjectNode> records = variants(300, new Random(5));

      assertThat(run(records)).isEqualTo(run(records));
    }

    @Test
    void comparesFewCandidatesPerLookupAmongManyRecords() {
      List<ObjectNode> records = variants(20_000, new Random(11));
      Deduplicator big = new Deduplicator(SCHEMA, 0.8);

      records.forEach(r -> big.add(r, "r"));

      assertThat(big.comparisons()).isLessThan(records.size() * 5L);
    }

    private List<Optional<Deduplicator.Match>> run(List<ObjectNode> records) {
      Deduplicator d = new Deduplicator(SCHEMA, 0.8);
      List<Optional<Deduplicator.Match>> out = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        out.add(d.add(records.get(i), "r" + i));
      }
      return out;
    }
  }

  @Nested
  class WhenMisused {
    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, Double.NaN})
    void refusesAThresholdThatIsNotAboveZeroAndSaysWhatToSet(double threshold) {
      assertThatThrownBy(() -> new Deduplicator(SCHEMA, threshold)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("near-duplicate threshold is").hasMessageContaining("0.8");
    }

    @Test
    void refusesANullIdOrRecord() {
      Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);

      assertThatThrownBy(() -> dedup.add(qa("q", "a"), null)).isInstanceOf(NullPointerException.class)
          .hasMessage("id");
      assertThatThrownBy(() -> dedup.check(null)).isInstanceOf(NullPointerException.class);
    }
  }

  /** Distinct records of made-up words, with a near copy (one word added) every tenth record or so. */
  static List<ObjectNode> variants(int n, Random random) {
    List<String> words = new ArrayList<>();
    for (int w = 0; w < 5_000; w++) {
      StringBuilder word = new StringBuilder();
      for (int c = 3 + random.nextInt(6); c > 0; c--) {
        word.append((char) ('a' + random.nextInt(26)));
      }
      words.add(word.toString());
    }
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i > 0 && random.nextInt(10) == 0) {
        ObjectNode copy = out.get(random.nextInt(out.size())).deepCopy();
        copy.put("answer", copy.get("answer").asText() + " " + words.get(random.nextInt(words.size())));
        out.add(copy);
        continue;
      }
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < 25; w++) {
        sb.append(words.get(random.nextInt(words.size()))).append(' ');
      }
      out.add(qa("Question " + i, sb.toString()));
    }
    return out;
  }
}
