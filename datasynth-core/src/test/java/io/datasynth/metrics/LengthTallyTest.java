package io.datasynth.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.metrics.DatasetMetrics.LengthBin;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthTallyTest {
  @Test
  void summarisesLengthsWithMedianAndNinetiethPercentile() {
    LengthTally t = new LengthTally();
    for (int len = 1; len <= 10; len++) {
      t.add(len);
    }
    var s = t.summary();
    assertThat(s.count()).isEqualTo(10);
    assertThat(s.mean()).isEqualTo(5.5);
    assertThat(s.median()).isEqualTo(5);
    assertThat(s.p90()).isEqualTo(9);
    assertThat(s.max()).isEqualTo(10);
  }

  @Test
  void nothingCountedHasNoSummary() {
    assertThat(new LengthTally().summary()).isNull();
  }

  @Test
  void binsShareOutEachSideToOne() {
    LengthTally seeds = new LengthTally();
    LengthTally records = new LengthTally();
    for (int i = 0; i < 50; i++) {
      seeds.add(10 + i % 5);
      records.add(30 + i);
    }
    List<LengthBin> bins = LengthTally.bins(seeds, records);
    assertThat(bins).hasSize(10);
    assertThat(bins.stream().mapToDouble(LengthBin::seedShare).sum()).isCloseTo(1.0,
        org.assertj.core.api.Assertions.within(1e-9));
    assertThat(bins.stream().mapToDouble(LengthBin::recordShare).sum()).isCloseTo(1.0,
        org.assertj.core.api.Assertions.within(1e-9));
    assertThat(bins.get(9).to()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void lengthsPastTheExactRangeStillCountAsTheMaximum() {
    LengthTally t = new LengthTally();
    t.add(LengthTally.EXACT + 5000);
    assertThat(t.summary().max()).isEqualTo(LengthTally.EXACT + 5000);
    assertThat(t.quantile(0.5)).isEqualTo(LengthTally.EXACT + 5000);
  }
}
