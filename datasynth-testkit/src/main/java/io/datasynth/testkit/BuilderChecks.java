package io.datasynth.testkit;

import java.time.Duration;
import java.util.List;

/** The checks of {@link FakeProvider.Builder}: each failure names the setting, its value and the fix. */
final class BuilderChecks {
  private BuilderChecks() {}

  static void check(long value, String name, long min, long max, String fix) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " is " + value + "; " + fix);
    }
  }

  static void notNegative(Duration value, String name, String option) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(
          name + " is " + value + "; use zero or a positive duration" + (option.isEmpty() ? "" : " (" + option + ")"));
    }
  }

  static void limit(long value, String name, String option) {
    if (value < 0) {
      throw new IllegalArgumentException(
          name + " is " + value + "; set a positive limit, or 0 for no limit (" + option + ")");
    }
  }

  static void rate(double value, String name, String option) {
    if (!(value >= 0 && value <= 1 + 1e-9)) {
      throw new IllegalArgumentException(name + " is " + value + "; use a fraction between 0 and 1 (" + option + ")");
    }
  }

  static void key(String apiKey) {
    if (apiKey != null && apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey is blank; give a key, or null to accept any (--api-key)");
    }
  }

  static void models(List<String> models) {
    for (String model : models) {
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("models holds a blank name " + models + "; give model names or none");
      }
    }
  }
}
