package io.datasynth.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
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

  @Nested
  class WhenSimilarityIsEstimated {
    private final MinHash m = new MinHash(0.8);

    @Test
    void estimatesTheJaccardSimilarityOfEditedTextsWithoutBiasAndWithinItsStandardError() {
      Random random = new Random(7);
      double[] errors = errors(400, () -> randomText(random, 150 + random.nextInt(400)), (text, edited) -> {
        for (int e = 1 + random.nextInt(text.length / 12); e > 0; e--) {
          edited[random.nextInt(edited.length)] = (char) ('a' + random.nextInt(26));
        }
      });

      // 128 positions that each agree with probability J give a standard error of sqrt(J(1-J)/128), at most
      // 0.044; the mean of 400 errors then strays from 0 by about 0.002.
      assertThat(Math.abs(mean(errors))).isLessThan(0.01);
      assertThat(rms(errors)).isLessThan(0.045);
    }

    @Test
    void estimatesShortTextsWithoutBiasThoughMostBinsAreBorrowed() {
      Random random = new Random(9);
      double[] errors = errors(1000, () -> randomText(random, MinHash.MIN_CODE_POINTS + random.nextInt(20)),
          (text, edited) -> edited[random.nextInt(edited.length)] = (char) ('a' + random.nextInt(26)));

      // Under 40 grams fill at most 40 of the 128 bins; the others copy them, so positions are not independent and
      // the error is a little above the 0.044 of independent ones.
      assertThat(Math.abs(mean(errors))).isLessThan(0.01);
      assertThat(rms(errors)).isLessThan(0.06);
    }

    /** The estimate's error for each of {@code pairs} texts and an edited copy; every position must be filled. */
    private double[] errors(int pairs, java.util.function.Supplier<char[]> texts,
        java.util.function.BiConsumer<char[], char[]> edit) {
      double[] errors = new double[pairs];
      for (int p = 0; p < pairs; p++) {
        char[] text = texts.get();
        char[] edited = text.clone();
        edit.accept(text, edited);
        int[] a = m.signature(new String(text));
        int[] b = m.signature(new String(edited));
        assertThat(a).doesNotContain(Integer.MAX_VALUE);
        errors[p] = estimate(a, b) - jaccard(new String(text), new String(edited));
      }
      return errors;
    }

    private static double mean(double[] errors) {
      return java.util.Arrays.stream(errors).average().orElseThrow();
    }

    private static double rms(double[] errors) {
      return Math.sqrt(java.util.Arrays.stream(errors).map(e -> e * e).average().orElseThrow());
    }

    @Test
    void givesUnrelatedTextsAnEstimateNearZero() {
      Random random = new Random(8);
      double worst = 0;
      for (int p = 0; p < 100; p++) {
        worst = Math.max(worst, estimate(m.signature(new String(randomText(random, 300))),
            m.signature(new String(randomText(random, 300)))));
      }

      assertThat(worst).isLessThan(0.1);
    }

    private static char[] randomText(Random random, int length) {
      char[] text = new char[length];
      for (int i = 0; i < length; i++) {
        text[i] = random.nextInt(6) == 0 ? ' ' : (char) ('a' + random.nextInt(26));
      }
      return text;
    }

    private static double estimate(int[] a, int[] b) {
      int equal = 0;
      for (int k = 0; k < MinHash.SIZE; k++) {
        equal += a[k] == b[k] ? 1 : 0;
      }
      return (double) equal / MinHash.SIZE;
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
      Set<String> out = new HashSet<>();
      for (int i = 0; i + 2 < s.length(); i++) {
        out.add(s.substring(i, i + 3));
      }
      return out;
    }
  }
}
