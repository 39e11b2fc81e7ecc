package io.datasynth.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.json.Json;
import io.datasynth.quality.RecordValidator;
import io.datasynth.quality.Validation;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.text.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A run's diversity plan checked against its schema: the axes in the order combinations are drawn (an axis after
 * the one it depends on), each bound to the field it fixes or only steering the prompt. Immutable.
 *
 * @param axes the axes, parents before the axes that depend on them; empty when the plan has none
 * @param seedGuide whether batches are told which seeds to lean on and which region to move away from
 */
public record Plan(List<Axis> axes, boolean seedGuide) {
  /** Integer ranges with at most this many values are balanced value by value; wider ones in buckets. */
  static final int MAX_INT_VALUES = 11;
  /** How many buckets a wide numeric range is balanced in. */
  static final int BUCKETS = 4;

  public Plan {
    axes = List.copyOf(axes);
  }

  /** Whether the plan has any axis. */
  public boolean hasAxes() {
    return !axes.isEmpty();
  }

  /** Whether some axis fixes a field of the records, so that the validator holds records to it. */
  public boolean fixesFields() {
    return axes.stream().anyMatch(Axis::fixesField);
  }

  /**
   * Checks the settings against the schema and builds the plan.
   *
   * @param notForAll fields {@code --balance all} leaves out (the record's own score field); may be empty
   * @throws ConfigException naming the setting, the field or value at fault, and what to give instead
   */
  public static Plan resolve(Schema schema, PlanSettings settings, Set<String> notForAll) {
    List<Axis> axes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> bound = new HashSet<>();
    for (Axis user : settings.axes()) {
      Axis a = bindUser(schema, user);
      add(axes, names, a, Setting.AXIS);
      if (a.field() != null) {
        bound.add(a.field());
      }
    }
    for (Balance b : settings.balance()) {
      if (b.field().equals(Balance.ALL)) {
        int before = axes.size();
        for (Field f : schema.fields()) {
          if (balanceable(f) && !notForAll.contains(f.name()) && !bound.contains(f.name())
              && !names.contains(f.name()) && !f.name().equals("id") && !f.name().equals("metadata")) {
            axes.add(schemaAxis(f, Map.of()));
            names.add(f.name());
            bound.add(f.name());
          }
        }
        if (axes.size() == before && settings.axes().isEmpty()) {
          throw new ConfigException(Setting.BALANCE, Message.of("error.balance.nothing", Setting.BALANCE));
        }
        continue;
      }
      Field f = schema.field(b.field()).orElseThrow(() -> new ConfigException(Setting.BALANCE,
          Message.of("error.balance.field.unknown", b.field(), String.join(", ", schema.fieldNames()),
              Setting.BALANCE)));
      if (!balanceable(f)) {
        throw new ConfigException(Setting.BALANCE, Message.of("error.balance.field.kind", f.name(), Setting.BALANCE, Setting.AXIS));
      }
      add(axes, names, schemaAxis(f, b.weights()), Setting.BALANCE);
      bound.add(f.name());
    }
    return new Plan(order(axes), settings.seedGuide());
  }

  private static void add(List<Axis> axes, Set<String> names, Axis a, Setting setting) {
    if (!names.add(a.name())) {
      throw new ConfigException(setting, Message.of("error.axis.duplicate", a.name(), setting));
    }
    axes.add(a);
  }

  /** Whether a field has a finite set of values, or a range, to balance. */
  static boolean balanceable(Field f) {
    Constraints c = f.constraints();
    return !c.allowed().isEmpty() || f.type() == FieldType.BOOL
        || f.type().isNumeric() && c.min() != null && c.max() != null;
  }

  private static Axis schemaAxis(Field f, Map<String, Double> weights) {
    Constraints c = f.constraints();
    List<AxisValue> values = new ArrayList<>();
    if (!c.allowed().isEmpty()) {
      for (JsonNode v : c.allowed()) {
        values.add(AxisValue.exact(v, 1));
      }
    } else if (f.type() == FieldType.BOOL) {
      values.add(AxisValue.exact(BooleanNode.TRUE, 1));
      values.add(AxisValue.exact(BooleanNode.FALSE, 1));
    } else if (f.type() == FieldType.INT && c.max() - c.min() + 1 <= MAX_INT_VALUES) {
      for (long i = (long) Math.ceil(c.min()); i <= (long) Math.floor(c.max()); i++) {
        values.add(AxisValue.exact(Json.mapper().getNodeFactory().numberNode(i), 1));
      }
    } else if (f.type() == FieldType.INT) {
      long lo = (long) Math.ceil(c.min());
      long hi = (long) Math.floor(c.max());
      long span = hi - lo + 1;
      for (int i = 0; i < BUCKETS; i++) {
        long a = lo + span * i / BUCKETS;
        long b = lo + span * (i + 1) / BUCKETS - 1;
        values.add(AxisValue.range(a + "–" + b, a, b, true, 1));
      }
    } else {
      double w = (c.max() - c.min()) / BUCKETS;
      for (int i = 0; i < BUCKETS; i++) {
        double a = c.min() + w * i;
        double b = i == BUCKETS - 1 ? c.max() : c.min() + w * (i + 1);
        values.add(AxisValue.range(num(a) + "–" + num(b), a, b, i == BUCKETS - 1, 1));
      }
    }
    if (!weights.isEmpty()) {
      List<AxisValue> all = values;
      List<AxisValue> weighted = new ArrayList<>();
      for (Map.Entry<String, Double> e : weights.entrySet()) {
        AxisValue match = all.stream().filter(v -> sameValue(v, e.getKey())).findFirst()
            .orElseThrow(() -> new ConfigException(Setting.BALANCE, Message.of("error.balance.value.unknown",
                f.name(), e.getKey(), all.stream().map(AxisValue::label).collect(Collectors.joining(", ")),
                Setting.BALANCE)));
        weighted.add(match.withWeight(e.getValue()));
      }
      values = weighted;
    }
    return Axis.of(f.name(), Axis.Source.SCHEMA, f.name(), values);
  }

  /** Whether a value the user typed names this value: its label, or the same number. */
  private static boolean sameValue(AxisValue v, String typed) {
    if (v.label().equals(typed.strip())) {
      return true;
    }
    if (v.value() != null && v.value().isNumber()) {
      try {
        return new java.math.BigDecimal(typed.strip()).compareTo(v.value().decimalValue()) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }

  /** A user axis bound to the field it names (explicitly, or by sharing its name), with values of that field. */
  private static Axis bindUser(Schema schema, Axis a) {
    String field = a.field();
    if (field != null && !schema.hasField(field)) {
      throw new ConfigException(Setting.AXIS, Message.of("error.axis.field.unknown", a.name(), field,
          String.join(", ", schema.fieldNames()), Setting.AXIS));
    }
    if (field == null && schema.hasField(a.name())) {
      field = a.name();
    }
    if (field == null) {
      return a;
    }
    Field f = schema.field(field).orElseThrow();
    List<AxisValue> values = new ArrayList<>();
    for (AxisValue v : a.values()) {
      values.add(fieldValue(a.name(), f, v));
    }
    Map<String, List<AxisValue>> by = new LinkedHashMap<>();
    for (Map.Entry<String, List<AxisValue>> e : a.valuesBy().entrySet()) {
      List<AxisValue> list = new ArrayList<>();
      for (AxisValue v : e.getValue()) {
        list.add(fieldValue(a.name(), f, v));
      }
      by.put(e.getKey(), list);
    }
    return new Axis(a.name(), a.source(), field, values, a.dependsOn(), by);
  }

  /** A user's value as the field's exact value, checked against the field's type and constraints. */
  private static AxisValue fieldValue(String axis, Field f, AxisValue v) {
    Field one = new Field(f.name(), f.displayName(), f.type(), f.description(), true, f.constraints(), f.itemType());
    ObjectNode probe = Json.object();
    probe.set(f.name(), v.value() == null ? Json.mapper().getNodeFactory().textNode(v.label()) : v.value());
    Validation checked = new RecordValidator(new Schema("", "", List.of(one), List.of())).validate(probe);
    if (checked instanceof Validation.Invalid bad) {
      throw new ConfigException(Setting.AXIS, Message.of("error.axis.value.invalid", axis, v.label(), f.name(),
          bad.first().detail(), Setting.AXIS));
    }
    JsonNode clean = ((Validation.Valid) checked).record().get(f.name());
    return new AxisValue(v.label(), clean, null, null, false, v.weight());
  }

  /** The axes with every parent before its children, keeping the given order otherwise. */
  private static List<Axis> order(List<Axis> axes) {
    Map<String, Axis> byName = new LinkedHashMap<>();
    axes.forEach(a -> byName.put(a.name(), a));
    for (Axis a : axes) {
      if (a.dependsOn() == null) {
        continue;
      }
      Axis parent = byName.get(a.dependsOn());
      if (parent == null || parent == a) {
        throw new ConfigException(Setting.AXIS, Message.of("error.axis.depends.unknown", a.name(), a.dependsOn(),
            Setting.AXIS));
      }
      Set<String> labels = new HashSet<>();
      parent.values().forEach(v -> labels.add(v.label()));
      parent.valuesBy().values().forEach(l -> l.forEach(v -> labels.add(v.label())));
      for (String key : a.valuesBy().keySet()) {
        if (!labels.contains(key)) {
          throw new ConfigException(Setting.AXIS, Message.of("error.axis.depends.value", a.name(), key, parent.name(),
              String.join(", ", labels), Setting.AXIS));
        }
      }
    }
    List<Axis> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    Map<String, Integer> visiting = new HashMap<>();
    for (Axis a : axes) {
      place(a, byName, placed, visiting, out);
    }
    return out;
  }

  private static void place(Axis a, Map<String, Axis> byName, Set<String> placed, Map<String, Integer> visiting,
      List<Axis> out) {
    if (placed.contains(a.name())) {
      return;
    }
    if (visiting.containsKey(a.name())) {
      throw new ConfigException(Setting.AXIS, Message.of("error.axis.cycle", String.join(", ",
          visiting.keySet()), Setting.AXIS));
    }
    visiting.put(a.name(), 1);
    if (a.dependsOn() != null) {
      place(byName.get(a.dependsOn()), byName, placed, visiting, out);
    }
    visiting.remove(a.name());
    placed.add(a.name());
    out.add(a);
  }

  /** The plan as written into an output's metadata (see the README's Diversity plans section). */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("axes");
    for (Axis a : axes) {
      ObjectNode j = list.addObject();
      j.put("name", a.name());
      j.put("source", a.source().id());
      if (a.field() == null) {
        j.putNull("field");
      } else {
        j.put("field", a.field());
      }
      if (a.dependsOn() == null) {
        j.putNull("depends_on");
      } else {
        j.put("depends_on", a.dependsOn());
      }
      j.set("values", values(a.values()));
      if (!a.valuesBy().isEmpty()) {
        ObjectNode by = j.putObject("values_by");
        a.valuesBy().forEach((k, v) -> by.set(k, values(v)));
      }
    }
    o.put("seed_guide", seedGuide);
    return o;
  }

  private static ArrayNode values(List<AxisValue> values) {
    ArrayNode arr = Json.mapper().createArrayNode();
    double sum = values.stream().mapToDouble(AxisValue::weight).sum();
    for (AxisValue v : values) {
      ObjectNode j = arr.addObject();
      j.put("label", v.label());
      if (v.value() != null) {
        j.set("value", v.value());
      }
      if (v.isRange()) {
        j.put("min", v.min());
        j.put("max", v.max());
      }
      j.put("weight", Math.round(v.weight() / sum * 1e6) / 1e6);
    }
    return arr;
  }

  static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
        : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
