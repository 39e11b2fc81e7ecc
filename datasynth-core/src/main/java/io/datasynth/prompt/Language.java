package io.datasynth.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.seed.Seed;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The language the prompt is written in: Chinese when most seeds are Chinese, otherwise English. */
public enum Language {
  ZH,
  EN;

  /** Parses {@code zh} or {@code en} (case-insensitive); empty otherwise. */
  public static Optional<Language> parse(String code) {
    return switch (code.strip().toLowerCase(Locale.ROOT)) {
      case "zh", "zh-cn", "cn", "chinese" -> Optional.of(ZH);
      case "en", "english" -> Optional.of(EN);
      default -> Optional.empty();
    };
  }

  /** Seed sets larger than this are judged on an even sample of this many: a majority shows in any such sample. */
  static final int SAMPLED = 2_000;

  /** A seed counts as Chinese when at least 30% of its letters are CJK ideographs; ZH when most seeds are. */
  public static Language detect(List<Seed> seeds) {
    int n = Math.min(seeds.size(), SAMPLED);
    long chinese = 0;
    for (int i = 0; i < n; i++) {
      if (isChinese(seeds.get((int) ((long) i * seeds.size() / n)).data())) {
        chinese++;
      }
    }
    return n == 0 || chinese * 2 < n ? EN : ZH;
  }

  static boolean isChinese(JsonNode data) {
    long[] counts = new long[2];
    count(data, counts);
    long letters = counts[0] + counts[1];
    return letters > 0 && counts[0] * 10 >= letters * 3;
  }

  private static void count(JsonNode node, long[] counts) {
    if (node.isTextual()) {
      node.asText().codePoints().forEach(cp -> {
        if (cp >= 0x2E80 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
          counts[0]++;
        } else if (Character.isLetter(cp)) {
          counts[1]++;
        }
      });
    } else if (node.isContainerNode()) {
      node.forEach(child -> count(child, counts));
    }
  }
}
