package io.datasynth.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recall and precision of near-duplicate detection around the threshold, on real Chinese and English answers from
 * {@code ../shared/data/pools} (skipped when that folder is absent): every long answer is remembered, then edited
 * copies with a measured 3-gram Jaccard similarity to it are looked up.
 *
 * <p>The estimate has a standard error of about 0.035 near 0.8, so pairs right at the threshold are found about
 * half the time by design; the bounds are set where the estimator is sure: well above the threshold nearly every
 * pair is found, well below it nearly none.
 */
class NearDuplicateAccuracyTest {
  private static List<ObjectNode> zh;
  private static List<ObjectNode> en;

  @TempDir
  Path spill;

  @BeforeAll
  static void load() throws IOException {
    assumeTrue(Files.isDirectory(SharedDataTest.POOLS), "no shared data at " + SharedDataTest.POOLS.toAbsolutePath());
    zh = longAnswers(SharedDataTest.POOLS.resolve("zh_qa.jsonl"));
    en = longAnswers(SharedDataTest.POOLS.resolve("en_instructions.jsonl"));
  }

  @Nested
  class WhenChineseAnswersAreEdited {
    @Test
    void findsNearlyAllPairsWellAboveTheThresholdAndNearlyNoneWellBelow() {
      Tally t = measure(zh, true, new Random(1));
      t.assertSound();
    }
  }

  @Nested
  class WhenEnglishAnswersAreEdited {
    @Test
    void findsNearlyAllPairsWellAboveTheThresholdAndNearlyNoneWellBelow() {
      Tally t = measure(en, false, new Random(2));
      t.assertSound();
    }
  }

  /** Found / looked-up counts by band of true similarity. */
  private static final class Tally {
    final int[] looked = new int[5];
    final int[] found = new int[5];
    int wrongRecord;

    /** Bands: [0, 0.7), [0.7, 0.75), [0.8, 0.85), [0.85, 0.9), [0.9, 1). Pairs in [0.75, 0.8) are not scored. */
    static int band(double j) {
      return j < 0.7 ? 0 : j < 0.75 ? 1 : j < 0.8 ? -1 : j < 0.85 ? 2 : j < 0.9 ? 3 : 4;
    }

    double rate(int band) {
      return (double) found[band] / looked[band];
    }

    void assertSound() {
      for (int b = 0; b < looked.length; b++) {
        assertThat(looked[b]).as("pairs in band %d", b).isGreaterThan(40);
      }
      assertThat(rate(4)).as("recall at J >= 0.9").isGreaterThanOrEqualTo(0.97);
      assertThat(rate(3)).as("recall at 0.85 <= J < 0.9").isGreaterThanOrEqualTo(0.85);
      assertThat(rate(2)).as("recall at 0.8 <= J < 0.85").isGreaterThanOrEqualTo(0.5);
      assertThat(rate(1)).as("false positives at 0.7 <= J < 0.75").isLessThanOrEqualTo(0.1);
      assertThat(rate(0)).as("false positives at J < 0.7").isLessThanOrEqualTo(0.02);
      assertThat(wrongRecord).as("matches naming another record").isZero();
    }
  }

  private Tally measure(List<ObjectNode> records, boolean chinese, Random random) {
    Tally tally = new Tally();
    RecordKeys keys = new RecordKeys(SharedDataTest.SCHEMA);
    try (Deduplicator dedup = Deduplicator.builder(SharedDataTest.SCHEMA).spillDirectory(spill).build()) {
      List<Integer> kept = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        if (dedup.add(records.get(i), i).isEmpty()) {
          kept.add(i);
        }
      }
      for (int i : kept) {
        ObjectNode original = records.get(i);
        String output = original.get("output").asText();
        int[] cps = output.codePoints().toArray();
        for (int copy = 0; copy < 4; copy++) {
          int edits = 1 + random.nextInt(Math.max(1, cps.length / 9));
          int[] edited = cps.clone();
          for (int e = 0; e < edits; e++) {
            edited[random.nextInt(edited.length)] = chinese ? 0x4E00 + random.nextInt(0x5000) : 'a' + random.nextInt(26);
          }
          ObjectNode candidate = original.deepCopy();
          candidate.put("output", new String(edited, 0, edited.length));
          double j = jaccard(keys.nearText(original), keys.nearText(candidate));
          int band = Tally.band(j);
          if (band < 0 || j == 1.0) {
            continue;
          }
          Optional<Deduplicator.Match> m = dedup.check(candidate);
          tally.looked[band]++;
          if (m.isPresent()) {
            tally.found[band]++;
            if (band >= 2 && m.get().ordinal() != i) {
              tally.wrongRecord++;
            }
          }
        }
      }
    }
    return tally;
  }

  private static double jaccard(String a, String b) {
    Set<String> x = grams(a);
    Set<String> y = grams(b);
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

  private static List<ObjectNode> longAnswers(Path file) throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        ObjectNode r = (ObjectNode) Json.mapper().readTree(line);
        if (r.path("output").asText().codePointCount(0, r.path("output").asText().length()) >= 150) {
          out.add(r);
        }
      }
    }
    return out;
  }
}
