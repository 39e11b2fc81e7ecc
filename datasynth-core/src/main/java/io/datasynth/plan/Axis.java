package io.datasynth.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One dimension of a diversity plan: the values each batch's combination picks one of, with their weights.
 *
 * @param name how prompts and coverage name the axis, e.g. {@code intent} or {@code persona}; never blank
 * @param source where the axis came from
 * @param field the schema field the axis fixes (records must carry the chosen value), or null for an axis that only
 *     steers the prompt
 * @param values the values, in order; empty only for a conditional axis whose every parent value has its own list
 * @param dependsOn the axis whose chosen value decides this one's values, or null
 * @param valuesBy for a conditional axis, the values for each label of the parent axis; a parent label missing here
 *     uses {@code values}
 */
public record Axis(String name, Source source, String field, List<AxisValue> values, String dependsOn,
    Map<String, List<AxisValue>> valuesBy) {

  /** Where an axis came from. */
  public enum Source {
    /** An enum, boolean or ranged field of the schema. */
    SCHEMA,
    /** {@code --axis}, {@code --axes} or the library's settings. */
    USER;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Axis {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    values = List.copyOf(values);
    Map<String, List<AxisValue>> copy = new LinkedHashMap<>();
    if (valuesBy != null) {
      valuesBy.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    }
    valuesBy = java.util.Collections.unmodifiableMap(copy);
    if (values.isEmpty() && valuesBy.isEmpty()) {
      throw new IllegalArgumentException("axis " + name + " has no values");
    }
  }

  /** An axis with one list of values. */
  public static Axis of(String name, Source source, String field, List<AxisValue> values) {
    return new Axis(name, source, field, values, null, Map.of());
  }

  /** The values to choose from when the parent axis chose {@code parentLabel} (null for an axis without one). */
  public List<AxisValue> valuesFor(String parentLabel) {
    if (dependsOn == null || parentLabel == null) {
      return values;
    }
    return valuesBy.getOrDefault(parentLabel, values);
  }

  /** Whether records must carry the chosen value in {@link #field}. */
  public boolean fixesField() {
    return field != null;
  }
}
