package io.datasynth.judge;

import io.datasynth.schema.Field;
import io.datasynth.schema.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the field in which a record grades itself (DataRecipe's {@code score} or {@code quality}). */
public final class SelfScore {
  /** Field names, lower case, that hold a record's own score. */
  static final List<String> NAMES = List.of("score", "quality", "quality_score", "self_score", "rating", "grade");

  private SelfScore() {}

  /** The schema's self-score field: a numeric field (or one whose allowed values are numbers) named as above. */
  public static Optional<String> field(Schema schema) {
    for (String n : NAMES) {
      for (Field f : schema.fields()) {
        if (f.name().toLowerCase(Locale.ROOT).equals(n) && numeric(f)) {
          return Optional.of(f.name());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean numeric(Field f) {
    return f.type().isNumeric() || !f.constraints().allowed().isEmpty()
        && f.constraints().allowed().stream().allMatch(v -> v.isNumber());
  }
}
