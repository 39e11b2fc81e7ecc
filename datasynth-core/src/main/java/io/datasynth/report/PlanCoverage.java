package io.datasynth.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diversity plan an output was made under and how well the delivered records cover it, as its metadata says.
 *
 * <p>Read from {@code metadata.plan}: {@code axes} (a list of {@code {name, values}}, each value a string or
 * {@code {value, weight}}; or an object of axis name to values) and {@code coverage} (a list of
 * {@code {combination: {axis: value, …}, target, delivered}}; also accepted at {@code metadata.coverage}, and with
 * {@code values} for {@code combination}). Keys it does not know are left alone.
 *
 * @param axes the plan's axes, in order
 * @param cells each combination with the records aimed at and delivered; empty when the plan does not say
 */
public record PlanCoverage(List<Axis> axes, List<Cell> cells) {
  public PlanCoverage {
    axes = List.copyOf(axes);
    cells = List.copyOf(cells);
  }

  /** One axis of the plan and its values. */
  public record Axis(String name, List<AxisValue> values) {
    public Axis {
      values = List.copyOf(values);
    }
  }

  /**
   * One value of an axis.
   *
   * @param weight its relative weight; 1 when the plan gives none
   */
  public record AxisValue(String value, double weight) {}

  /** One combination of axis values, with the records the plan aimed at and those delivered. */
  public record Cell(Map<String, String> combination, long target, long delivered) {
    public Cell {
      combination = Collections.unmodifiableMap(new LinkedHashMap<>(combination));
    }
  }

  /** The plan in {@code metadata}, or null when it holds none. */
  public static PlanCoverage from(ObjectNode metadata) {
    if (metadata == null) {
      return null;
    }
    JsonNode plan = metadata.path("plan");
    JsonNode coverage = plan.path("coverage").isArray() ? plan.path("coverage") : metadata.path("coverage");
    if (!plan.isObject() && !coverage.isArray()) {
      return null;
    }
    List<Axis> axes = new ArrayList<>();
    JsonNode a = plan.path("axes");
    if (a.isArray()) {
      a.forEach(axis -> axes.add(new Axis(axis.path("name").asText(""), values(axis.path("values")))));
    } else if (a.isObject()) {
      a.properties().forEach(e -> axes.add(new Axis(e.getKey(), values(e.getValue()))));
    }
    List<Cell> cells = new ArrayList<>();
    coverage.forEach(c -> {
      JsonNode combination = c.path("combination").isObject() ? c.path("combination") : c.path("values");
      Map<String, String> values = new LinkedHashMap<>();
      combination.properties().forEach(e -> values.put(e.getKey(), text(e.getValue())));
      cells.add(new Cell(values, c.path("target").asLong(), c.path("delivered").asLong()));
    });
    if (axes.isEmpty() && cells.isEmpty()) {
      return null;
    }
    return new PlanCoverage(axes, cells);
  }

  private static List<AxisValue> values(JsonNode values) {
    List<AxisValue> out = new ArrayList<>();
    values.forEach(v -> out.add(v.isObject()
        ? new AxisValue(text(v.path("value")), v.path("weight").isNumber() ? v.get("weight").asDouble() : 1)
        : new AxisValue(text(v), 1)));
    return out;
  }

  private static String text(JsonNode v) {
    return v.isNumber() ? v.decimalValue().stripTrailingZeros().toPlainString()
        : v.isValueNode() ? v.asText() : Json.compact(v);
  }

  /** Combinations with at least one delivered record. */
  public long covered() {
    return cells.stream().filter(c -> c.delivered() > 0).count();
  }

  /**
   * The records the plan aims at for each value of each axis: summed over the combinations when the plan gives
   * them, else the axis's weights shared out over {@code records}.
   */
  public Map<String, Map<String, Double>> targets(long records) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    if (!cells.isEmpty()) {
      for (Cell c : cells) {
        c.combination().forEach((axis, value) -> out.computeIfAbsent(axis, k -> new LinkedHashMap<>())
            .merge(value, (double) c.target(), Double::sum));
      }
      return out;
    }
    for (Axis axis : axes) {
      double total = axis.values().stream().mapToDouble(AxisValue::weight).sum();
      if (total <= 0) {
        continue;
      }
      Map<String, Double> m = out.computeIfAbsent(axis.name(), k -> new LinkedHashMap<>());
      axis.values().forEach(v -> m.merge(v.value(), records * v.weight() / total, Double::sum));
    }
    return out;
  }
}
