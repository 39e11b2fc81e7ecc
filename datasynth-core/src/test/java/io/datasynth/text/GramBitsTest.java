package io.datasynth.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GramBitsTest {
  @Test
  void neverTurnsAwayAGramItHoldsAndTurnsAwayMostOthers() {
    SplittableRandom random = new SplittableRandom(3);
    long[] held = random.longs(5_000).toArray();
    GramBits bits = new GramBits(held.length);
    for (long h : held) {
      bits.add(h);
    }
    for (long h : held) {
      assertThat(bits.mayContain(h)).isTrue();
    }
    int passed = 0;
    int others = 100_000;
    for (int i = 0; i < others; i++) {
      if (bits.mayContain(random.nextLong())) {
        passed++;
      }
    }
    // 5,000 grams in 65,536 bits: about 7% of the bits are set.
    assertThat((double) passed / others).isBetween(0.04, 0.12);
  }

  @Test
  void holdsGramsEvenWhenSizedForNone() {
    GramBits bits = new GramBits(0);
    bits.add(42L << 40);
    assertThat(bits.mayContain(42L << 40)).isTrue();
  }
}
