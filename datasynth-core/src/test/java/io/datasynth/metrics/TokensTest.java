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
}
