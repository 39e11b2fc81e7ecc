package io.datasynth.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.metrics.DatasetMetrics.RecordRef;
import io.datasynth.metrics.DatasetMetrics.SelfSimilarity;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimilaritySampleTest {
  /**
   * Texts over a few letters share most of their grams (the sample compares them as bitsets); over many letters
   * they share few (it merges sorted grams). Either way every figure is what comparing each pair gives.
   */
  @ParameterizedTest(name = "{0} letters")
  @ValueSource(ints = {3, 6, 3000})
  void givesWhatComparingEveryPairGives(int letters) {
    Random random = new Random(letters);
    List<GramSet> grams = new ArrayList<>();
    SimilaritySample sample = new SimilaritySample(1);
    for (int r = 0; r < SimilaritySample.SIZE; r++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(r % 50 == 0 ? 3 : 80); i > 0; i--) {
        text.append((char) ('一' + random.nextInt(letters)));
      }
      GramSet g = GramSet.of(text.toString());
      grams.add(g);
      sample.offer(() -> g, () -> new RecordRef("r" + grams.size(), text.toString()));
    }

    SelfSimilarity result = sample.result();

    double sum = 0;
    double most = 0;
    for (int i = 0; i < grams.size(); i++) {
      for (int j = i + 1; j < grams.size(); j++) {
        double s = grams.get(i).jaccard(grams.get(j));
        sum += s;
        most = Math.max(most, s);
      }
    }
    long pairs = (long) grams.size() * (grams.size() - 1) / 2;
    assertThat(result.pairs()).isEqualTo(pairs);
    assertThat(result.mean()).isEqualTo(sum / pairs);
    assertThat(result.mostSimilar().stream().mapToDouble(DatasetMetrics.SimilarPair::similarity).max()
        .orElse(0)).isEqualTo(most);
  }
}
