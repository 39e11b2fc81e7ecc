package io.datasynth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCounterTest {

  @Test
  void countsOneTokenPerFourLatinCharactersRoundedUp() {
    assertThat(TokenCounter.count("abcd")).isEqualTo(1);
    assertThat(TokenCounter.count("abcde")).isEqualTo(2);
    assertThat(TokenCounter.count("x".repeat(400))).isEqualTo(100);
  }

  @Test
  void countsOneTokenPerCjkCharacter() {
    assertThat(TokenCounter.count("生成七条")).isEqualTo(4);
    assertThat(TokenCounter.count("こんにちは")).isEqualTo(5);
    assertThat(TokenCounter.count("한국어")).isEqualTo(3);
    assertThat(TokenCounter.count("生成 7 条")).isEqualTo(2 + 1 + 1);
  }

  @Test
  void countsAtLeastOneToken() {
    assertThat(TokenCounter.count("")).isEqualTo(1);
    assertThat(TokenCounter.count("a")).isEqualTo(1);
  }

  @Test
  void findsTheLongestPrefixWithinABudget() {
    assertThat(TokenCounter.prefixWithin("abcdefghij", 2)).isEqualTo(8);
    assertThat(TokenCounter.prefixWithin("生成七条", 2)).isEqualTo(2);
    assertThat(TokenCounter.prefixWithin("short", 100)).isEqualTo(5);
  }

  @Test
  void neverSplitsASurrogatePair() {
    String text = "𠀀𠀁𠀂";

    int cut = TokenCounter.prefixWithin(text, 2);

    assertThat(cut).isEqualTo(4);
    assertThat(Character.isHighSurrogate(text.charAt(cut - 1))).isFalse();
  }
}
