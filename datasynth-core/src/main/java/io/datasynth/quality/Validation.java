package io.datasynth.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/** The outcome of checking one candidate against the schema: the cleaned record, or every violation. */
public sealed interface Validation permits Validation.Valid, Validation.Invalid {

  /**
   * The candidate passed.
   *
   * @param record the schema's fields in schema order with coerced values; extra keys and null optional values
   *     removed; a fresh tree the caller owns
   */
  record Valid(ObjectNode record) implements Validation {
    public Valid {
      Objects.requireNonNull(record, "record");
    }
  }

  /**
   * The candidate failed.
   *
   * @param violations every violation found, in schema field order; never empty
   */
  record Invalid(List<Violation> violations) implements Validation {
    public Invalid {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("an invalid record needs at least one violation");
      }
    }

    /** The first violation: the rejection reason counted in run statistics. */
    public Violation first() {
      return violations.get(0);
    }
  }
}
