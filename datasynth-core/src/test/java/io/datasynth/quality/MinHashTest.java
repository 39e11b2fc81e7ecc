package io.datasynth.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MinHashTest {
  @Nested
  class WhenBandsAreChosen {
    @Test
    void usesSevenRowsInEighteenBandsForTheDefaultThreshold() {
      MinHash m = new MinHash(0.8);

      assertThat(m.rows()).isEqualTo(7);
      assertThat(m.bands()).isEqualTo(18);
      assertThat(MinHash.recall(0.8, 7, 18)).isGreaterThan(0.97);
      assertThat(MinHash.recall(0.3, 7, 18)).isLessThan(0.005);
    }

    @Test
    void usesFewerRowsForALowerThresholdSoPairsAreStillFound() {
      MinHash low = new MinHash(0.5);

      assertThat(low.rows()).isLessThan(7);
      assertThat(MinHash.recall(0.5, low.rows(), low.bands())).isGreaterThanOrEqualTo(0.97);
    }
  }

  @Nested
  class WhenSignaturesAreMade {
    private final MinHash m = new MinHash(0.8);

    @Test
    void givesNoSignatureToTextShorterThanTwentyCodePoints() {
      assertThat(m.signature("nineteen characters")).isNull();
      assertThat(m.signature("长城是中国古代修建的军事防御工程，全长两万")).isNotNull();
    }

    @Test
    void givesTheSameSignatureInEveryInstance() {
      String text = "the same text gives the same signature";

      assertThat(new MinHash(0.8).signature(text)).isEqualTo(m.signature(text));
      assertThat(new MinHash(0.5).signature(text)).isEqualTo(m.signature(text));
    }

    @Test
    void givesEqualBandsEqualKeysAndTellsBandsApart() {
      int[] sig = m.signature("a text long enough to have a signature");

      assertThat(m.bandKey(sig, 0)).isEqualTo(m.bandKey(sig.clone(), 0));
      assertThat(m.bandKey(sig, 0)).isNotEqualTo(m.bandKey(sig, 1));
    }
  }
}
