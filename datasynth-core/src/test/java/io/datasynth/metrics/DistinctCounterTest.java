package io.datasynth.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistinctCounterTest {
  @Test
  void countsExactlyWhileFewAndRepeatsCountOnce() {
    DistinctCounter c = new DistinctCounter();
    for (int i = 0; i < 1000; i++) {
      c.add(Hashes.mix(i % 300));
    }
    assertThat(c.count()).isEqualTo(300);
    assertThat(c.exact()).isTrue();
  }

  @Test
  void countsAZeroHashLikeAnyOther() {
    DistinctCounter c = new DistinctCounter();
    c.add(0);
    c.add(0);
    c.add(1);
    assertThat(c.count()).isEqualTo(2);
  }

  @Test
  void estimatesWithinAFewPercentOnceTheExactTableIsFull() {
    DistinctCounter c = new DistinctCounter();
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      c.add(Hashes.mix(i));
      c.add(Hashes.mix(i));
    }
    assertThat(c.exact()).isFalse();
    assertThat((double) c.count()).isBetween(n * 0.97, n * 1.03);
  }
}
