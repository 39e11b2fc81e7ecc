package io.datasynth.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One value an axis of a plan can take.
 *
 * @param label how prompts, provenance and coverage name it, e.g. {@code 退换货} or {@code 1–2}; never blank
 * @param value for an axis bound to a schema field, the exact value records must have; null for a range bucket or
 *     an axis that only steers the prompt
 * @param min for a range bucket, its lower bound (inclusive); null otherwise
 * @param max for a range bucket, its upper bound (inclusive when {@code upperInclusive}); null otherwise
 * @param upperInclusive whether a value equal to {@code max} is inside the bucket
 * @param weight its share of the axis, relative to the other values' (above 0)
 */
public record AxisValue(String label, JsonNode value, Double min, Double max, boolean upperInclusive,
    double weight) {

  public AxisValue {
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("an axis value needs a label");
    }
    if (!(weight > 0) || !Double.isFinite(weight)) {
      throw new IllegalArgumentException("weight of " + label + " is " + weight);
    }
  }

  /** A value that only steers the prompt. */
  public static AxisValue of(String label, double weight) {
    return new AxisValue(label, null, null, null, false, weight);
  }

  /** An exact value of a schema field. */
  public static AxisValue exact(JsonNode value, double weight) {
    return new AxisValue(value.isTextual() ? value.asText() : value.toString(), value, null, null, false, weight);
  }

  /** A bucket of a numeric field's range. */
  public static AxisValue range(String label, double min, double max, boolean upperInclusive, double weight) {
    return new AxisValue(label, null, min, max, upperInclusive, weight);
  }

  /** Whether this is a bucket of a range rather than one value. */
  public boolean isRange() {
    return min != null;
  }

  /** This value with another weight. */
  public AxisValue withWeight(double w) {
    return new AxisValue(label, value, min, max, upperInclusive, w);
  }

  /** Whether a record's field value is this value (an exact value, or inside the bucket). */
  public boolean matches(JsonNode actual) {
    if (actual == null || actual.isNull()) {
      return false;
    }
    if (isRange()) {
      if (!actual.isNumber()) {
        return false;
      }
      double d = actual.asDouble();
      return d >= min && (upperInclusive ? d <= max : d < max);
    }
    if (value == null) {
      return true;
    }
    if (value.isNumber() && actual.isNumber()) {
      return value.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return value.equals(actual);
  }
}
