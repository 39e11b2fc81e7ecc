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
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
      dedup.add(json("{\"question\": \"What is AI?\", \"answer\": \"Machines  that think.\"}"), 1);

      Optional<Deduplicator.Match> m =
          dedup.check(json("{\"answer\": \"  machines that\\n\\tTHINK. \", \"question\": \"what is ai?\"}"));

      assertThat(m).contains(Deduplicator.Match.ofRecord(1, true, 1.0));
    }

    @Test
    void findsFullWidthAndHalfWidthFormsEqual() {
      dedup.add(qa("ＡＩ是什么？", "人工智能（ＡＩ）。"), 1);

      assertThat(dedup.check(qa("AI是什么?", "人工智能(AI)。"))).hasValueSatisfying(m -> assertThat(m.exact()).isTrue());
    }

    @Test
    void ignoresZeroWidthSpacesAndIdeographicSpaces() {
      dedup.add(qa("你好\u3000世界", "a\u200Bb"), 1);

      assertThat(dedup.check(qa("你好 世界", "ab"))).isPresent();
    }

    @Test
    void comparesNumbersByValueButNotNumbersWithText() {
      dedup.add(json("{\"question\": \"q\", \"answer\": \"a\", \"score\": 1}"), 1);

      assertThat(dedup.check(json("{\"question\": \"q\", \"answer\": \"a\", \"score\": 1.0}"))).isPresent();
      assertThat(dedup.check(json("{\"question\": \"q\", \"answer\": \"a\", \"score\": \"1\"}"))).isEmpty();
      assertThat(dedup.check(json("{\"question\": \"q\", \"answer\": \"a\", \"score\": 1.5}"))).isEmpty();
    }

    @Test
    void ignoresTheIdAndTopLevelNulls() {
      dedup.add(json("{\"id\": \"SYNTH_1\", \"question\": \"q\", \"answer\": \"a\"}"), 1);

      assertThat(dedup.check(json("{\"id\": \"SYNTH_2\", \"question\": \"q\", \"answer\": \"a\", \"score\": null}")))
          .contains(Deduplicator.Match.ofRecord(1, true, 1.0));
    }

    @Test
    void tellsListsInADifferentOrderApart() {
      dedup.add(json("{\"question\": \"q\", \"answer\": \"a\", \"tags\": [\"x\", \"y\"]}"), 1);

      assertThat(dedup.check(json("{\"question\": \"q\", \"answer\": \"a\", \"tags\": [\"y\", \"x\"]}"))).isEmpty();
    }
  }

  @Nested
  class WhenRecordsAreNearlyTheSame {
    private final Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);

    @Test
    void findsAnEnglishRecordWithOneWordChanged() {
      String edited = EN.replace("divide", "split");
      dedup.add(qa("What do mitochondria do?", EN), 7);

      Optional<Deduplicator.Match> m = dedup.check(qa("What do mitochondria do?", edited));

      assertThat(m).hasValueSatisfying(match -> {
        assertThat(match.ordinal()).isEqualTo(7);
        assertThat(match.isSeed()).isFalse();
        assertThat(match.exact()).isFalse();
        assertThat(match.similarity()).isCloseTo(jaccard("What do mitochondria do?\n" + EN,
            "What do mitochondria do?\n" + edited), within(0.1));
      });
    }

    @Test
    void findsAChineseRecordWithOnePhraseChanged() {
      String edited = ZH.replace("最伟大的", "最著名的");
      dedup.add(qa("介绍长城。", ZH), 7);

      assertThat(jaccard(ZH, edited)).isGreaterThan(0.8);
      assertThat(dedup.check(qa("介绍长城。", edited))).map(Deduplicator.Match::ordinal).contains(7L);
    }

    @Test
    void keepsAnEnglishRecordThatSharesOnlyHalfItsText() {
      String half = EN.substring(0, EN.length() / 2) + " Plants, however, rely mostly on chloroplasts for that.";
      dedup.add(qa("What do mitochondria do?", EN), 7);

      assertThat(jaccard(EN, half)).isLessThan(0.7);
      assertThat(dedup.check(qa("What do mitochondria do?", half))).isEmpty();
    }

    @Test
    void keepsAChineseRecordThatSharesOnlyHalfItsText() {
      String half = ZH.substring(0, ZH.length() / 2) + "如今它已成为著名的旅游景点，每年吸引数百万游客前来参观。";
      dedup.add(qa("介绍长城。", ZH), 7);

      assertThat(dedup.check(qa("介绍长城。", half))).isEmpty();
    }

    @Test
    void findsSimilarTextInsideListFields() {
      ObjectNode a = qa("q", "a");
      a.putArray("tags").add(EN);
      ObjectNode b = qa("q", "b");
      b.putArray("tags").add(EN.replace("grow", "expand"));
      dedup.add(a, 1);

      assertThat(dedup.check(b)).hasValueSatisfying(m -> assertThat(m.exact()).isFalse());
    }

    @Test
    void treatsRecordsWithEqualTextButDifferentNumbersAsNearDuplicates() {
      dedup.add(json("{\"question\": \"" + EN + "\", \"answer\": \"yes\", \"score\": 4}"), 4);

      assertThat(dedup.check(json("{\"question\": \"" + EN + "\", \"answer\": \"yes\", \"score\": 5}")))
          .contains(Deduplicator.Match.ofRecord(4, false, 1.0));
    }

    @Test
    void checksShortTextsOnlyExactly() {
      Deduplicator loose = new Deduplicator(SCHEMA, 0.3);
      loose.add(qa("Hi", "Hello there"), 1);

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

      assertThat(loose.add(qa("q", fuel), 1)).isEmpty();
      assertThat(loose.check(qa("q", EN))).map(Deduplicator.Match::ordinal).contains(1L);
      assertThat(loose.add(qa("q", each), 2)).isEmpty();
      assertThat(loose.check(qa("q", EN))).map(Deduplicator.Match::ordinal).contains(2L);
    }
  }

  @Nested
  class WhenTheThresholdIsOneOrMore {
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.5})
    void findsOnlyExactDuplicates(double threshold) {
      Deduplicator exactOnly = new Deduplicator(SCHEMA, threshold);
      exactOnly.add(qa("q", EN), 1);

      assertThat(exactOnly.check(qa("q", EN.replace("divide", "split")))).isEmpty();
      assertThat(exactOnly.check(qa("Q", EN))).isPresent();
    }
  }

  @Nested
  class WhenRecordsAreRemembered {
    private final Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);

    @Test
    void returnsTheIdOfTheFirstOccurrenceAndForgetsDuplicates() {
      assertThat(dedup.add(qa("q", EN), 1)).isEmpty();
      assertThat(dedup.add(qa("q", EN.replace("divide", "split")), 2)).map(Deduplicator.Match::ordinal).contains(1L);
      assertThat(dedup.add(qa("q", EN.replace("divide", "split")), 3)).map(Deduplicator.Match::ordinal).contains(1L);
      assertThat(dedup.add(qa("Q", EN), 4)).contains(Deduplicator.Match.ofRecord(1, true, 1.0));

      assertThat(dedup.size()).isEqualTo(1);
    }

    @Test
    void checkRemembersNothing() {
      dedup.check(qa("q", EN));

      assertThat(dedup.size()).isZero();
      assertThat(dedup.add(qa("q", EN), 1)).isEmpty();
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

      for (int i = 0; i < records.size(); i++) {
        big.add(records.get(i), i);
      }

      assertThat(big.comparisons()).isLessThan(records.size() * 5L);
      assertThat(big.truncatedLookups()).isZero();
    }

    @Test
    void countsLookupsThatStopAtTheCandidateCap() {
      // One shared text and a part of each record's own: about 0.66 similar, so most pairs share a band and none is
      // a near duplicate; past a few thousand records a lookup has more candidates than it may compare.
      Random random = new Random(3);
      String shared = letters(random, 200);
      Deduplicator crowded = new Deduplicator(SCHEMA, 0.8);
      for (int i = 0; i < 4_000; i++) {
        crowded.add(qa(shared, letters(random, 50)), i);
      }

      assertThat(crowded.truncatedLookups()).isPositive();
    }

    private static String letters(Random random, int n) {
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      return sb.toString();
    }

    private List<Optional<Deduplicator.Match>> run(List<ObjectNode> records) {
      Deduplicator d = new Deduplicator(SCHEMA, 0.8);
      List<Optional<Deduplicator.Match>> out = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        out.add(d.add(records.get(i), i));
      }
      return out;
    }
  }

  @Nested
  class WhenSeedsAreRemembered {
    private final Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);

    @Test
    void namesTheSeedByItsIdAndAnOrdinalRecordByItsOrdinal() {
      dedup.addSeed(qa("q", EN), "seed-长城");
      dedup.add(qa("q", ZH), 5);

      assertThat(dedup.add(qa("Q", EN), 6)).contains(Deduplicator.Match.ofSeed("seed-长城", true, 1.0));
      assertThat(dedup.add(qa("q", EN.replace("divide", "split")), 6)).hasValueSatisfying(m -> {
        assertThat(m.isSeed()).isTrue();
        assertThat(m.seedId()).isEqualTo("seed-长城");
        assertThat(m.ordinal()).isEqualTo(Deduplicator.NO_ORDINAL);
        assertThat(m.exact()).isFalse();
      });
      assertThat(dedup.add(qa("q", ZH.replace("最伟大的", "最著名的")), 6)).map(Deduplicator.Match::ordinal)
          .contains(5L);
    }

    @Test
    void keepsOnlyTheFirstOfTwoEqualSeeds() {
      assertThat(dedup.addSeed(qa("q", EN), "a")).isEmpty();
      assertThat(dedup.addSeed(qa("q", EN), "b")).contains(Deduplicator.Match.ofSeed("a", true, 1.0));
      dedup.addSeed(qa("q", ZH), "c");

      assertThat(dedup.check(qa("q", ZH))).contains(Deduplicator.Match.ofSeed("c", true, 1.0));
      assertThat(dedup.size()).isEqualTo(2);
    }

    @Test
    void stillAcceptsTheOldStringIdsAsNames() {
      @SuppressWarnings("deprecation")
      Optional<Deduplicator.Match> first = dedup.add(qa("q", EN), "SYNTH_0001");
      @SuppressWarnings("deprecation")
      Optional<Deduplicator.Match> second = dedup.add(qa("Q", EN), "SYNTH_0002");

      assertThat(first).isEmpty();
      @SuppressWarnings("deprecation")
      String id = second.orElseThrow().id();
      assertThat(id).isEqualTo("SYNTH_0001");
    }
  }

  @Nested
  class WhenSpillFilesAreUsed {
    @TempDir
    Path spill;

    @Test
    void leavesNoFileInTheSpillDirectoryWhileOpenOrAfterClose() throws IOException {
      try (Deduplicator dedup = Deduplicator.builder(SCHEMA).spillDirectory(spill).build()) {
        for (ObjectNode r : variants(500, new Random(3))) {
          dedup.add(r, dedup.size());
        }

        assertThat(dedup.offHeapBytes()).isPositive();
        assertThat(listing(spill)).isEmpty();
      }
      assertThat(listing(spill)).isEmpty();
    }

    @Test
    void makesNoSpillFileWhenOnlyExactDuplicatesAreSought() throws IOException {
      try (Deduplicator dedup = Deduplicator.builder(SCHEMA).nearDuplicateThreshold(1.0).spillDirectory(spill)
          .build()) {
        dedup.add(qa("q", EN), 1);

        assertThat(dedup.offHeapBytes()).isZero();
      }
    }

    @Test
    void refusesToBeUsedAfterCloseAndClosesTwiceQuietly() {
      Deduplicator dedup = Deduplicator.builder(SCHEMA).spillDirectory(spill).build();
      dedup.add(qa("q", EN), 1);
      dedup.close();
      dedup.close();

      assertThatThrownBy(() -> dedup.check(qa("q", EN))).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      assertThatThrownBy(() -> dedup.add(qa("q", ZH), 2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepsWorkingInDirectMemoryWhenTheSpillDirectoryCannotBeUsed() {
      Path missing = spill.resolve("不存在");
      try (Deduplicator dedup = Deduplicator.builder(SCHEMA).spillDirectory(missing).build()) {
        assertThat(dedup.add(qa("q", EN), 1)).isEmpty();

        assertThat(dedup.offHeapBytes()).isPositive();
        assertThat(dedup.check(qa("q", EN.replace("divide", "split")))).map(Deduplicator.Match::ordinal)
            .contains(1L);
      }
      assertThat(missing).doesNotExist();
    }

    private List<Path> listing(Path dir) throws IOException {
      try (Stream<Path> files = Files.list(dir)) {
        return files.toList();
      }
    }
  }

  @Nested
  class WhenManyRecordsAreRemembered {
    @TempDir
    Path spill;

    @Test
    void keepsUnderAHundredBytesOfHeapPerRecord() {
      int n = 200_000;
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      try (Deduplicator dedup = Deduplicator.builder(SCHEMA).spillDirectory(spill).build()) {
        long before = usedHeapAfterGc(memory);
        Random random = new Random(17);
        List<String> words = words(random);
        for (int i = 0; i < n; i++) {
          dedup.add(qa("Question " + i, sentence(words, random, 20)), i);
        }
        long after = usedHeapAfterGc(memory);

        assertThat(dedup.size()).isEqualTo(n);
        assertThat((after - before) / (double) n).as("retained heap bytes per record").isLessThan(100);
        assertThat(dedup.heapBytes() / (double) n).as("exact index bytes per record").isLessThan(44);
        assertThat(dedup.offHeapBytes() / (double) n).as("off-heap bytes per record").isGreaterThan(264);
      }
    }

    @Test
    void findsNearDuplicatesOfEarlyRecordsAfterTheIndexesHaveGrown() {
      List<ObjectNode> records = variants(20_000, new Random(23));
      try (Deduplicator small = Deduplicator.builder(SCHEMA).spillDirectory(spill).build();
          Deduplicator sized = Deduplicator.builder(SCHEMA).spillDirectory(spill).expectedRecords(20_000).build()) {
        List<Optional<Deduplicator.Match>> grown = new ArrayList<>();
        List<Optional<Deduplicator.Match>> presized = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
          grown.add(small.add(records.get(i), i));
          presized.add(sized.add(records.get(i), i));
        }
        int kept = 3;
        while (grown.get(kept).isPresent()) {
          kept++;
        }
        ObjectNode early = records.get(kept).deepCopy();
        early.put("answer", early.get("answer").asText() + " again");

        assertThat(grown).isEqualTo(presized);
        assertThat(grown.stream().filter(Optional::isPresent).count()).isGreaterThan(1_500);
        assertThat(small.check(early)).map(Deduplicator.Match::ordinal).contains((long) kept);
      }
    }

    private long usedHeapAfterGc(MemoryMXBean memory) {
      long used = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        System.gc();
        used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
      }
      return used;
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

    @ParameterizedTest
    @ValueSource(longs = {-1, Deduplicator.MAX_ORDINAL + 1})
    void refusesAnOrdinalOutOfRange(long ordinal) {
      Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);

      assertThatThrownBy(() -> dedup.add(qa("q", "a"), ordinal)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ordinal " + ordinal);
    }

    @Test
    void refusesANegativeExpectedCount() {
      assertThatThrownBy(() -> Deduplicator.builder(SCHEMA).expectedRecords(-1).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected records is -1");
    }

    @Test
    void refusesANullIdOrRecord() {
      Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);

      assertThatThrownBy(() -> dedup.addSeed(qa("q", "a"), null)).isInstanceOf(NullPointerException.class)
          .hasMessage("id");
      assertThatThrownBy(() -> dedup.check(null)).isInstanceOf(NullPointerException.class);
    }
  }

  /** Distinct records of made-up words, with a near copy (one word added) every tenth record or so. */
  static List<ObjectNode> variants(int n, Random random) {
    List<String> words = words(random);
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i > 0 && random.nextInt(10) == 0) {
        ObjectNode copy = out.get(random.nextInt(out.size())).deepCopy();
        copy.put("answer", copy.get("answer").asText() + " " + words.get(random.nextInt(words.size())));
        out.add(copy);
        continue;
      }
      out.add(qa("Question " + i, sentence(words, random, 25)));
    }
    return out;
  }

  /** 5,000 made-up lower-case words of 3 to 8 letters. */
  static List<String> words(Random random) {
    List<String> words = new ArrayList<>();
    for (int w = 0; w < 5_000; w++) {
      StringBuilder word = new StringBuilder();
      for (int c = 3 + random.nextInt(6); c > 0; c--) {
        word.append((char) ('a' + random.nextInt(26)));
      }
      words.add(word.toString());
    }
    return words;
  }

  static String sentence(List<String> words, Random random, int length) {
    StringBuilder sb = new StringBuilder();
    for (int w = 0; w < length; w++) {
      sb.append(words.get(random.nextInt(words.size()))).append(' ');
    }
    return sb.toString();
  }
}
