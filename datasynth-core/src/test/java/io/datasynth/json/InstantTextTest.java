package io.datasynth.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantTextTest {
  @Test
  void writesWhatInstantToStringWritesAndReadsItBack() {
    SplittableRandom random = new SplittableRandom(1);
    int[] nanos = {0, 1, 999_999_999, 1_000_000, 120_000_000, 1_000, 123_456_000, 100};
    for (int i = 0; i < 100_000; i++) {
      long seconds = random.nextLong(-100_000_000_000L, 400_000_000_000L);
      int nano = i % 2 == 0 ? nanos[random.nextInt(nanos.length)] : random.nextInt(1_000_000_000);
      Instant at = Instant.ofEpochSecond(i % 7 == 0 ? seconds - seconds % 60 : seconds, nano);

      String text = InstantText.format(at);

      assertThat(text).isEqualTo(at.toString());
      assertThat(InstantText.parse(text)).isEqualTo(at);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-02t07:01:47z", "2026-12-02T07:01:47+01:00", "2016-12-31T23:59:60Z",
      "+12026-12-02T07:01:47Z", "2026-12-02T07:01:47.1234Z", "2026-12-02T07:01:47.000000001Z",
      "2026-12-02T07:01:47.Z"})
  void readsOtherFormsAsInstantParseDoes(String text) {
    assertThat(InstantText.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-30T07:01:47Z", "2026-13-02T07:01:47Z", "2026-12-02T24:01:47Z", "2026-12-02T07:61:47Z",
      "2026-12-02T07:01:4xZ", "2026-12-02 07:01:47Z", "2026-12-02T07:01:47.1234567890Z", ""})
  void rejectsWhatInstantParseRejects(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> InstantText.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
