package io.datasynth.generate;

import io.datasynth.quality.Rule;
import io.datasynth.quality.Validation;

/**
 * Which invalid records are sent back to be fixed rather than thrown away: those of a structured run that break a
 * rule the reply's schema could not state (a text length, a blank required text, a pattern, a numeric range), at
 * most {@code rounds} times each. A wrong type, a missing field or a value outside an enum cannot come back from a
 * structured reply, and in free text a re-roll is as good.
 *
 * @param rounds the most repair requests per record; 0 repairs nothing
 */
public record RepairPolicy(int rounds) {
  /** Nothing is repaired. */
  public static final RepairPolicy NONE = new RepairPolicy(0);

  public RepairPolicy {
    if (rounds < 0) {
      throw new IllegalArgumentException("repair rounds must be 0 or more, was " + rounds);
    }
  }

  /** Whether a record that failed this way, repaired {@code done} times already, gets another repair. */
  public boolean repairs(Validation.Invalid invalid, int done) {
    return done < rounds && repairable(invalid.first().rule());
  }

  static boolean repairable(Rule rule) {
    return switch (rule) {
      case LENGTH, EMPTY, PATTERN, RANGE -> true;
      default -> false;
    };
  }
}
