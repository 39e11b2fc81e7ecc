package io.datasynth.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CodePointsTest {
  @Test
  void areWhatTheJdksStreamGivesUnpairedSurrogatesIncluded() {
    char[] pool = {'a', ' ', 'é', '中', '\uD83D', '\uDE00', '\uD840', '\uDC00', '\uDFFF', '\uD800'};
    Random random = new Random(5);
    for (int t = 0; t < 5_000; t++) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        sb.append(pool[random.nextInt(pool.length)]);
      }
      String s = sb.toString();
      assertThat(CodePoints.of(s)).as(s).containsExactly(s.codePoints().toArray());
    }
  }
}
