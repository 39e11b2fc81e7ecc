package io.datasynth.quality;

/** The rule a candidate record broke, in the order {@link RecordValidator} checks them for each field. */
public enum Rule {
  /** The candidate is not a JSON object. */
  NOT_AN_OBJECT,
  /** A required field is absent or null. */
  MISSING,
  /** A required text field is blank. */
  EMPTY,
  /** A value has the wrong type and cannot be coerced (e.g. {@code "abc"} for an int). */
  TYPE,
  /** A number is outside the field's inclusive range. */
  RANGE,
  /** A value is not one of the field's allowed values. */
  ENUM,
  /** Text (in code points) or a list (in items) is shorter or longer than allowed. */
  LENGTH,
  /** Text contains no match of the field's pattern. */
  PATTERN,
  /** A preference record whose {@code chosen} answer is its {@code rejected} one: it prefers nothing. */
  SAME_CHOICE
}
