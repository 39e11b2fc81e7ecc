package io.datasynth.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedIndexTest {
  @Test
  void findsTheSameNearestSeedAsComparingWithEvery() {
    SplittableRandom random = new SplittableRandom(7);
    String alphabet = "退换货物流发票售后客服订单价格";
    List<GramSet> seeds = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      seeds.add(GramSet.of(text(random, alphabet, 12)));
    }
    SeedIndex index = new SeedIndex(seeds);
    for (int r = 0; r < 200; r++) {
      GramSet record = GramSet.of(text(random, alphabet, 12));
      double best = 0;
      for (GramSet s : seeds) {
        best = Math.max(best, record.jaccard(s));
      }
      SeedIndex.Nearest found = index.nearest(record);
      if (best == 0) {
        assertThat(found).isNull();
      } else {
        assertThat(found.similarity()).isEqualTo(best);
        assertThat(record.jaccard(seeds.get(found.seed()))).isEqualTo(best);
      }
    }
  }

  @Test
  void givesTheSameFromTheUnsortedDistinctGrams() {
    SplittableRandom random = new SplittableRandom(9);
    String alphabet = "退换货物流ab c";
    List<GramSet> seeds = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      seeds.add(GramSet.of(text(random, alphabet, 1 + random.nextInt(10))));
    }
    SeedIndex index = new SeedIndex(seeds);
    // One buffer for every text, as a report uses it: short and long texts in turn, some with astral code points.
    GramSet.Distinct buffers = new GramSet.Distinct();
    for (int r = 0; r < 2_000; r++) {
      String text = text(random, r % 3 == 0 ? alphabet + "😀" : alphabet, random.nextInt(r % 7 == 0 ? 400 : 14));
      GramSet.Distinct distinct = buffers.of(text);

      assertThat(index.nearest(distinct.grams(), distinct.size())).isEqualTo(index.nearest(GramSet.of(text)));
      assertThat(distinct.toSet().jaccard(GramSet.of(text))).isEqualTo(text.isEmpty() ? 0.0 : 1.0);
      assertThat(distinct.size()).isEqualTo(distinctWindows(text));
    }
  }

  /** How many distinct runs of three code points the text has; a shorter text is one gram, an empty one none. */
  private static int distinctWindows(String text) {
    int[] cps = text.codePoints().toArray();
    if (cps.length < 3) {
      return cps.length == 0 ? 0 : 1;
    }
    java.util.Set<List<Integer>> windows = new java.util.HashSet<>();
    for (int i = 0; i + 2 < cps.length; i++) {
      windows.add(List.of(cps[i], cps[i + 1], cps[i + 2]));
    }
    return windows.size();
  }

  @Test
  void aRecordSharingNoGramHasNoNearestSeed() {
    SeedIndex index = new SeedIndex(List.of(GramSet.of("今天天气很好")));
    assertThat(index.nearest(GramSet.of("完全不同的句子"))).isNull();
  }

  private static String text(SplittableRandom random, String alphabet, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
