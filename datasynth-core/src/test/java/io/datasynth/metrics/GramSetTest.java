package io.datasynth.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GramSetTest {
  @Test
  void identicalTextsAreFullySimilarAndDisjointOnesNotAtAll() {
    assertThat(GramSet.of("七天无理由退货").jaccard(GramSet.of("七天无理由退货"))).isEqualTo(1.0);
    assertThat(GramSet.of("七天无理由退货").jaccard(GramSet.of("发票怎么开具呢"))).isZero();
  }

  @Test
  void jaccardIsSharedGramsOverAllGramsOfChineseText() {
    // 你好世界 → {你好世, 好世界}; 你好世人 → {你好世, 好世人}: 1 shared of 3.
    assertThat(GramSet.of("你好世界").jaccard(GramSet.of("你好世人"))).isCloseTo(1 / 3.0, within(1e-9));
  }

  @Test
  void repeatedGramsCountOnce() {
    assertThat(GramSet.of("哈哈哈哈哈").size()).isEqualTo(1);
  }

  @Test
  void twoEmptyTextsShareNothing() {
    assertThat(GramSet.of("").jaccard(GramSet.of(""))).isZero();
    assertThat(GramSet.of("好").size()).isEqualTo(1);
  }
}
