package io.datasynth.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlicedRecordTest {
  @Test
  void ranksEarlierRunsFirstThenOrdinalsThenPartitions() {
    assertThat(SlicedRecord.rank(1, 9, 3)).isLessThan(SlicedRecord.rank(2, 1, 0));
    assertThat(SlicedRecord.rank(1, 1, 7)).isLessThan(SlicedRecord.rank(1, 2, 0));
    assertThat(SlicedRecord.rank(1, 2, 0)).isLessThan(SlicedRecord.rank(1, 2, 1));
  }

  @Test
  void refusesAPartitionBeyondWhatTheRankHolds() {
    assertThatThrownBy(() -> SlicedRecord.rank(1, 1, SlicedRecord.MAX_PARTITIONS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void splitsNOverPartitionsWithTheFirstTakingTheRemainder() {
    assertThat(SparkJob.split(10, 4)).containsExactly(3, 3, 2, 2);
    assertThat(SparkJob.split(1, 3)).containsExactly(1, 0, 0);
  }
}
