package io.datasynth.quality;

import java.util.Objects;

/**
 * One way a candidate record breaks the schema.
 *
 * @param field the field at fault; empty when the whole record is at fault ({@link Rule#NOT_AN_OBJECT})
 * @param rule the rule broken; never null
 * @param message what is wrong, in the original tool's words where it had them, e.g. {@code quality: 10 out of
 *     range [1, 5]}; never null
 */
public record Violation(String field, Rule rule, String message) {
  public Violation {
    field = field == null ? "" : field;
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }
}
