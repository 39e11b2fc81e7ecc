package io.datasynth.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedGuideTest {
  /** The first implementation, with a regex and streams: the grams must stay exactly what it gave. */
  private static int[] reference(ObjectNode record) {
    StringBuilder sb = new StringBuilder();
    record.forEach(v -> sb.append(v.asText()).append(' '));
    String t = Normalizer.normalize(sb.toString(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
        .replaceAll("\\s+", " ").strip();
    int[] cps = t.codePoints().toArray();
    if (cps.length < 3) {
      return cps.length == 0 ? new int[0] : new int[] {Arrays.hashCode(cps)};
    }
    int[] out = new int[cps.length - 2];
    for (int i = 0; i + 2 < cps.length; i++) {
      out[i] = (cps[i] * 31 + cps[i + 1]) * 31 + cps[i + 2];
    }
    return Arrays.stream(out).sorted().distinct().toArray();
  }

  private static ObjectNode randomRecord(SplittableRandom random, String[] pieces, int maxLength) {
    ObjectNode record = Json.object();
    for (String field : new String[] {"instruction", "response"}) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(maxLength);
      for (int i = 0; i < len; i++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      record.put(field, sb.toString());
    }
    return record;
  }

  @Test
  void findsTheNearestSeedAsTheJaccardOfSortedGramsDoes() {
    String[] pieces = {"ab", "ba", "c", " ", "the ", "cat", "中文", "文", "a"};
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 40; round++) {
      java.util.List<io.datasynth.seed.Seed> seeds = new java.util.ArrayList<>();
      int count = 1 + random.nextInt(round % 4 == 0 ? 300 : 6);
      for (int i = 0; i < count; i++) {
        seeds.add(new io.datasynth.seed.Seed(i, "s" + i, randomRecord(random, pieces, 8)));
      }
      SeedGuide guide = new SeedGuide(seeds, 3, round);
      for (int n = 0; n < 200; n++) {
        ObjectNode record = randomRecord(random, pieces, 10);
        if (seeds.size() <= SeedGuide.MAX_ANCHORS) {
          int[] g = SeedGuide.grams(record);
          int best = -1;
          double bestJ = -1;
          for (int i = 0; i < seeds.size(); i++) {
            double j = SeedGuide.jaccard(g, SeedGuide.grams(seeds.get(i).data()));
            if (j > bestJ) {
              bestJ = j;
              best = i;
            }
          }
          assertThat(guide.nearest(record)).as(record.toString()).isEqualTo(best);
        } else {
          assertThat(guide.nearest(record)).isBetween(0, SeedGuide.MAX_ANCHORS - 1);
        }
      }
    }
  }

  @Test
  void gramsAreThoseOfTheRegexAndStreamForm() {
    gramsAreThoseOfTheRegexAndStreamForm(new String[] {"a", "B", "z", " ", "  ", "\t", "\n", "\r\n", "\u000B", "\f",
        "\u00A0", "\u3000", "ﬁ", "Ａ", "中", "文", "Σ", "ς", "😀", "\uD800", "é", "e\u0301", ".", "1", "\u001C"});
  }

  @Test
  void gramsOfAsciiTextAreThoseOfTheRegexAndStreamForm() {
    gramsAreThoseOfTheRegexAndStreamForm(new String[] {"a", "B", "z", " ", "  ", "\t", "\n", "\r\n", "\u000B", "\f",
        ".", "1", "\u001C", "\u001F", "\u0000", "\u007F", "Q"});
  }

  private static void gramsAreThoseOfTheRegexAndStreamForm(String[] pieces) {
    SplittableRandom random = new SplittableRandom(pieces.length);
    for (int n = 0; n < 5_000; n++) {
      ObjectNode record = Json.object();
      for (String field : new String[] {"instruction", "response"}) {
        StringBuilder sb = new StringBuilder();
        int len = random.nextInt(12);
        for (int i = 0; i < len; i++) {
          sb.append(pieces[random.nextInt(pieces.length)]);
        }
        record.put(field, sb.toString());
      }
      assertThat(SeedGuide.grams(record)).as(record.toString()).containsExactly(reference(record));
    }
  }
}
