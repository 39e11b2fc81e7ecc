package io.datasynth.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.Encoding;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LineCountsTest {
  /** Pieces that stress the pre-tokenising patterns at line starts: letters of several scripts, marks, digits. */
  private static final List<String> PARTS = List.of("Example", " 1:", "\n", "\n", "\n", "\r\n", "\n\n", "```json",
      "```", "{", "}", "  \"instruction\": \"", "\",", "的", "长城是", "样例 ", "é", "e\u0301", "\u0301", "😀", "  ", "\t",
      "'s", "'T", "'ll", "123456", "7", "...", "/", "//", "A", "z", " ", "Ünïcödé", "ΑΒΓ", "\u00A0", "\u3000", "।",
      "ज़", "가나다", "カタカナ", "ひら", "## This batch", "Generate exactly 5 new records.", "- ", "*", "\"", "'");

  private static String randomText(Random random, int parts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      sb.append(PARTS.get(random.nextInt(PARTS.size())));
    }
    return sb.toString();
  }

  @Nested
  class WhenTextsAreCutBeforeLinesThatStartWithALetter {
    @Test
    void addsUpToExactlyTheCountOfTheWholeTextInO200kAndCl100k() {
      Random random = new Random(11);
      for (Encoding encoding : List.of(Encodings.o200k(), Encodings.cl100k())) {
        LineCounts counts = new LineCounts(encoding);
        for (int t = 0; t < 2_000; t++) {
          String text = randomText(random, 60 + random.nextInt(200));

          assertThat(counts.count(text)).as("text %s", text).isEqualTo(encoding.countTokensOrdinary(text));
        }
      }
    }

    @Test
    void countsARepeatedPromptFromWhatItRemembersAndGivesTheSameNumber() {
      LineCounts counts = new LineCounts(Encodings.o200k());
      String example = "Example 1:\n```json\n{\n  \"instruction\": \"Give three tips.\"\n}\n```\n";
      String prompt = "## Examples (2)\n" + example + example.replace('1', '2') + "\n## This batch\n"
          + "Generate exactly 5 new records.\n" + "x".repeat(300);

      int first = counts.count(prompt);
      int remembered = counts.remembered();

      assertThat(counts.count(prompt)).isEqualTo(first).isEqualTo(Encodings.o200k().countTokensOrdinary(prompt));
      assertThat(remembered).isGreaterThan(2);
      assertThat(counts.remembered()).isEqualTo(remembered);
    }

    @Test
    void countsShortAndEmptyTextsWhole() {
      LineCounts counts = new LineCounts(Encodings.o200k());

      assertThat(counts.count("")).isZero();
      assertThat(counts.count("One line\nAnother line")).isEqualTo(
          Encodings.o200k().countTokensOrdinary("One line\nAnother line"));
      assertThat(counts.remembered()).isZero();
    }
  }

  @Nested
  class WhenManyDifferentTextsAreCounted {
    @Test
    void remembersNoMoreThanItsBound() {
      LineCounts counts = new LineCounts(Encodings.o200k());
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < LineCounts.MAX_ENTRIES + 500; i++) {
        text.append("Line number ").append(i).append('\n');
      }

      int n = counts.count(text.toString());

      assertThat(n).isEqualTo(Encodings.o200k().countTokensOrdinary(text.toString()));
      assertThat(counts.remembered()).isBetween(1, LineCounts.MAX_ENTRIES);
    }

    @Test
    void doesNotRememberAPieceLongerThanItsLimit() {
      LineCounts counts = new LineCounts(Encodings.o200k());
      String text = "word ".repeat(LineCounts.MAX_PIECE_CHARS);

      assertThat(counts.count(text)).isEqualTo(Encodings.o200k().countTokensOrdinary(text));
      assertThat(counts.remembered()).isZero();
    }
  }
}
