package io.datasynth.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.schema.Field;
import io.datasynth.schema.Schema;
import io.datasynth.text.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema check for candidate records, which also returns each valid one cleaned: fields in schema order,
 * values coerced, extra keys and null optional values dropped.
 *
 * <p>Rules, per field in schema order: a required field must be present and non-null (fields named {@code id}
 * or {@code metadata} are never required and never checked, as in the original tool); a required text field
 * must not be blank; the value must have the field's type, after coercing unambiguous spellings (an integral
 * {@code 5.0} or the text {@code " 5 "} for an int, numeric text for a float, {@code "true"}/{@code "false"} in any
 * case for a bool; a boolean is never a number); list items must have the list's item type; numbers must lie in
 * the inclusive range; values must be among the allowed ones (numbers compared by value, text exactly); text
 * length in code points and list length in items must lie within bounds; text must contain a match of the
 * pattern. A preference record ({@code chosen} and {@code rejected} fields) whose two answers are equal is invalid.
 * All violations are collected; the first is the rejection reason.
 *
 * <p>Immutable and thread-safe.
 */
public final class RecordValidator {
  private final List<FieldRule> rules;
  /** Whether records are preference pairs ({@code chosen} and {@code rejected} fields) that must differ. */
  private final boolean preference;

  /**
   * A validator for a schema; patterns are compiled here.
   *
   * @throws IllegalArgumentException when a field's pattern is not a valid regular expression
   */
  public RecordValidator(Schema schema) {
    List<FieldRule> list = new ArrayList<>();
    for (Field f : schema.fields()) {
      list.add(new FieldRule(f));
    }
    this.rules = List.copyOf(list);
    this.preference = schema.hasField("chosen") && schema.hasField("rejected");
  }

  /**
   * Checks one candidate.
   *
   * @param candidate a parsed record; may be null or not an object, which gives {@link Rule#NOT_AN_OBJECT}
   * @return the cleaned record, or every violation; never null. The candidate is not changed.
   */
  public Validation validate(JsonNode candidate) {
    if (candidate == null || !candidate.isObject()) {
      return new Validation.Invalid(List.of(new Violation("", Rule.NOT_AN_OBJECT,
          Message.of("rule.not_object", Message.of("rule.kind." + Coercion.typeOf(candidate))))));
    }
    ObjectNode clean = Json.object();
    List<Violation> violations = new ArrayList<>();
    for (FieldRule rule : rules) {
      JsonNode kept = rule.check(candidate.get(rule.name()), violations);
      if (kept != null) {
        clean.set(rule.name(), kept.isContainerNode() ? kept.deepCopy() : kept);
      }
    }
    if (preference && clean.hasNonNull("chosen") && clean.get("chosen").equals(clean.get("rejected"))) {
      violations.add(new Violation("rejected", Rule.SAME_CHOICE, Message.of("rule.same_choice")));
    }
    return violations.isEmpty() ? new Validation.Valid(clean) : new Validation.Invalid(violations);
  }
}
