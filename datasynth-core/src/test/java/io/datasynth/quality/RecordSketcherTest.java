package io.datasynth.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RecordSketcherTest {
  static final double THRESHOLD = Deduplicator.DEFAULT_THRESHOLD;

  /** Whether two sketches are duplicates by the sketcher's rule: equal keys, or a shared band and close signatures. */
  static boolean duplicates(RecordSketcher sketcher, RecordSketcher.Sketch a, RecordSketcher.Sketch b) {
    if (a.keyHigh() == b.keyHigh() && a.keyLow() == b.keyLow()) {
      return true;
    }
    for (int i = 0; i < a.bandKeys().length && i < b.bandKeys().length; i++) {
      if (a.bandKeys()[i] == b.bandKeys()[i] && sketcher.nearDuplicates(a.signature(), b.signature())) {
        return true;
      }
    }
    return false;
  }

  /** Records of random Chinese text and edits of them: some near duplicates, some exact, most neither. */
  static List<ObjectNode> records(long seed, int n) {
    Random random = new Random(seed);
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!out.isEmpty() && random.nextInt(4) == 0) {
        ObjectNode base = out.get(random.nextInt(out.size()));
        String answer = base.get("answer").asText();
        int cut = random.nextInt(3);
        out.add(DeduplicatorTest.qa(base.get("question").asText(), answer.substring(0, answer.length() - cut)));
        continue;
      }
      StringBuilder q = new StringBuilder();
      for (int k = 0; k < 40; k++) {
        q.append((char) (0x4E00 + random.nextInt(0x500)));
      }
      out.add(DeduplicatorTest.qa(q.toString(), q.reverse().toString()));
    }
    return out;
  }

  @Nested
  class AgainstTheDeduplicator {
    @Test
    void callsARecordADuplicateOfAnEarlierOneExactlyWhenTheDeduplicatorDoes() {
      RecordSketcher sketcher = new RecordSketcher(DeduplicatorTest.SCHEMA, THRESHOLD);
      List<ObjectNode> records = records(5, 300);
      List<RecordSketcher.Sketch> kept = new ArrayList<>();
      int agreedDuplicates = 0;
      try (Deduplicator dedup = new Deduplicator(DeduplicatorTest.SCHEMA, THRESHOLD)) {
        for (int i = 0; i < records.size(); i++) {
          RecordSketcher.Sketch s = sketcher.sketch(records.get(i));
          boolean bySketch = kept.stream().anyMatch(k -> duplicates(sketcher, k, s));
          Optional<Deduplicator.Match> byDedup = dedup.add(records.get(i), i + 1);
          assertThat(bySketch).as("record %d", i).isEqualTo(byDedup.isPresent());
          if (bySketch) {
            agreedDuplicates++;
          } else {
            kept.add(s);
          }
        }
      }
      assertThat(agreedDuplicates).as("the workload has duplicates to agree on").isGreaterThan(20);
    }

    @Test
    void givesExactDuplicatesEqualKeysWhateverTheirSpacingAndCase() {
      RecordSketcher sketcher = new RecordSketcher(DeduplicatorTest.SCHEMA, THRESHOLD);
      RecordSketcher.Sketch a = sketcher.sketch(DeduplicatorTest.qa("What is DNA?", DeduplicatorTest.EN));
      RecordSketcher.Sketch b = sketcher.sketch(DeduplicatorTest.qa("what  is dna?", DeduplicatorTest.EN));
      RecordSketcher.Sketch c = sketcher.sketch(DeduplicatorTest.qa("What is RNA?", DeduplicatorTest.ZH));

      assertThat(new long[] {a.keyHigh(), a.keyLow()}).containsExactly(b.keyHigh(), b.keyLow());
      assertThat(new long[] {a.keyHigh(), a.keyLow()}).isNotEqualTo(new long[] {c.keyHigh(), c.keyLow()});
    }
  }

  @Nested
  class WithExactChecksOnly {
    @Test
    void makesNoSignatureAtThresholdOne() {
      RecordSketcher sketcher = new RecordSketcher(DeduplicatorTest.SCHEMA, 1.0);
      RecordSketcher.Sketch s = sketcher.sketch(DeduplicatorTest.qa("长城", DeduplicatorTest.ZH));

      assertThat(s.signature()).isNull();
      assertThat(s.bandKeys()).isEmpty();
      assertThat(sketcher.nearDuplicates(s.signature(), s.signature())).isFalse();
    }

    @Test
    void refusesAThresholdOfZero() {
      assertThatThrownBy(() -> new RecordSketcher(DeduplicatorTest.SCHEMA, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above 0");
    }
  }
}
