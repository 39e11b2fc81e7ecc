package io.datasynth.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.quality.PlanFit;
import io.datasynth.quality.RejectReason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values a batch's records are asked to have: one value per axis of the plan, in the plan's axis order.
 * Immutable.
 */
public record Combination(List<Choice> choices) implements PlanFit {

  /** The value chosen on one axis. */
  public record Choice(Axis axis, AxisValue value) {}

  public Combination {
    choices = List.copyOf(choices);
  }

  /** No axes: what a batch without a plan has. */
  public static final Combination NONE = new Combination(List.of());

  public boolean isEmpty() {
    return choices.isEmpty();
  }

  /** Axis name to value label, in axis order: what provenance and coverage record. */
  public Map<String, String> labels() {
    Map<String, String> m = new LinkedHashMap<>();
    choices.forEach(c -> m.put(c.axis().name(), c.value().label()));
    return m;
  }

  /** The fields the combination fixes to one exact value, as a JSON object (empty when none). */
  public ObjectNode fixedValues() {
    ObjectNode o = Json.object();
    for (Choice c : choices) {
      if (c.axis().fixesField() && c.value().value() != null) {
        o.set(c.axis().field(), c.value().value().deepCopy());
      }
    }
    return o;
  }

  /** How a record falls outside the field values this combination fixes, if it does. */
  @Override
  public Optional<RejectReason.OffPlan> check(ObjectNode record) {
    for (Choice c : choices) {
      if (!c.axis().fixesField()) {
        continue;
      }
      JsonNode actual = record.get(c.axis().field());
      if (!c.value().matches(actual)) {
        return Optional.of(new RejectReason.OffPlan(c.axis().field(), c.value().label(),
            actual == null || actual.isNull() ? "null" : actual.isTextual() ? actual.asText() : actual.toString()));
      }
    }
    return Optional.empty();
  }

  /** A key naming this combination's labels, for counting. */
  String key() {
    StringBuilder sb = new StringBuilder();
    for (Choice c : choices) {
      sb.append(c.value().label()).append('\u0001');
    }
    return sb.toString();
  }
}
