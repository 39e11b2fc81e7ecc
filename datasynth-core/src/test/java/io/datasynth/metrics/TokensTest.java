package io.datasynth.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {
  @Test
  void countsEachChineseCharacterAsOneToken() {
    assertThat(Tokens.of("退换货政策")).hasSize(5);
  }

  @Test
  void sameCharacterGivesTheSameToken() {
    long[] t = Tokens.of("好好学习");
    assertThat(t[0]).isEqualTo(t[1]);
    assertThat(t[1]).isNotEqualTo(t[2]);
  }

  @Test
  void wordsOfOtherScriptsAreOneTokenEachAndCaseDoesNotMatter() {
    long[] t = Tokens.of("Return the ORDER, return it.");
    assertThat(t).hasSize(5);
    assertThat(t[0]).isEqualTo(t[3]);
  }

  @Test
  void mixedTextSplitsAtTheScriptBoundaryAndIgnoresPunctuation() {
    // "iPhone" is one word, then 3 characters, then "15" as one token; the full-width comma separates only.
    assertThat(Tokens.of("iPhone退货，15")).hasSize(4);
  }

  @Test
  void emptyAndPunctuationOnlyTextHasNoTokens() {
    assertThat(Tokens.of("")).isEmpty();
    assertThat(Tokens.of("，。！  ...")).isEmpty();
  }

  @Test
  void theAsciiShortcutsTokenizeAsTheUnicodeRulesDo() {
    // The general rule, by the Character API alone, for every character and for texts that mix scripts.
    java.util.Random random = new java.util.Random(11);
    int[] pool = {'a', 'Z', '7', ' ', ',', '-', '_', 'é', 'Ä', 'ß', 'ı', 'İ', 'Ω', 'ж', '\u0301', '\u0903', '\u02EA',
        '中', '文', 'ก', 'ア', '，', 0x1F600, 0x20000, 0x10400};
    for (int t = 0; t < 2_000; t++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(30); k > 0; k--) {
        text.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      assertThat(Tokens.of(text.toString())).as(text.toString()).containsExactly(reference(text.toString()));
    }
    for (int cp = 0; cp < 0x0E00; cp++) {
      assertThat(Tokens.isUnspaced(cp)).isEqualTo(unspacedByScript(cp));
    }
  }

  private static long[] reference(String text) {
    java.util.List<Long> out = new java.util.ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      boolean single = unspacedByScript(cp);
      boolean wordPart = !single && (Character.isLetterOrDigit(cp)
          || Character.getType(cp) == Character.NON_SPACING_MARK
          || Character.getType(cp) == Character.COMBINING_SPACING_MARK);
      if (!wordPart && word.length() > 0) {
        out.add(Hashes.of(word, 0, word.length()));
        word.setLength(0);
      }
      if (single) {
        out.add(Hashes.mix(cp | (1L << 40)));
      } else if (wordPart) {
        word.appendCodePoint(Character.toLowerCase(cp));
      }
    }
    if (word.length() > 0) {
      out.add(Hashes.of(word, 0, word.length()));
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private static boolean unspacedByScript(int cp) {
    return switch (Character.UnicodeScript.of(cp)) {
      case HAN, HIRAGANA, KATAKANA, BOPOMOFO, YI, THAI, LAO, KHMER, MYANMAR -> true;
      default -> false;
    };
  }
}
