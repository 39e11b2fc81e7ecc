package io.datasynth.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.seed.Seed;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QualityPathTest {
  private static final List<Seed> SEEDS = List.of(new Seed(0, "s1", DeduplicatorTest.qa("What is the cell's "
      + "powerhouse?", DeduplicatorTest.EN)));

  private static QualityPath path() {
    return QualityPath.of(DeduplicatorTest.SCHEMA, true, 0.8, 10);
  }

  @Nested
  class SeedCopiesRuledOut {
    @Test
    void whenEveryRecordWasComparedWithTheSeedsAndMatchedNothing() {
      try (QualityPath q = path()) {
        q.addSeeds(SEEDS);
        assertThat(q.admit(DeduplicatorTest.qa("q1", DeduplicatorTest.ZH), 1)).isInstanceOf(Verdict.Accepted.class);
        assertThat(q.admit(SEEDS.get(0).data().deepCopy(), 2)).isInstanceOf(Verdict.Rejected.class);
        q.remember(DeduplicatorTest.qa("q2", "a record of a topped-up output, like no other"), 3);

        assertThat(q.seedCopiesRuledOut()).isTrue();
      }
    }

    @Test
    void notWhenARememberedRecordDuplicatedSomething() {
      try (QualityPath q = path()) {
        q.addSeeds(SEEDS);
        q.remember(SEEDS.get(0).data().deepCopy(), 1);

        assertThat(q.seedCopiesRuledOut()).isFalse();
      }
    }

    @Test
    void notWhenARecordCameBeforeTheSeeds() {
      try (QualityPath q = path()) {
        q.admit(DeduplicatorTest.qa("q1", DeduplicatorTest.ZH), 1);
        q.addSeeds(SEEDS);

        assertThat(q.seedCopiesRuledOut()).isFalse();
      }
    }
  }
}
