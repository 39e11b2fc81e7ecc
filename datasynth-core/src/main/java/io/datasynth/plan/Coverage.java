package io.datasynth.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tracks how far the delivered records cover a plan's target distribution, and draws each batch's combination
 * from it: on every axis the value furthest below its target (counting records already asked for), ties broken by
 * the combinations used least, then by a hash of the random seed and the batch index. The targets are the total
 * shared out by the values' weights (largest remainders; a conditional axis shares out each of its parent's
 * values' targets). A record is wanted only while every value it has on a field-fixing axis is below its target,
 * so the delivered set matches the target distribution exactly for those fields.
 *
 * <p>Deterministic: the same plan, seed and sequence of calls give the same combinations. Not thread-safe: owned
 * by the run's thread.
 */
public final class Coverage {
  private final Plan plan;
  private final long total;
  private final long seed;
  /** Per axis: the parent's label (empty for an axis without a parent) to its cell. */
  private final List<Map<String, Cell>> cells = new ArrayList<>();
  /** Records delivered or expected per combination prefix (the labels of the first axes, each ended by \u0001). */
  private final Map<String, Double> joint = new HashMap<>();
  private final Map<String, Long> used = new HashMap<>();
  /** How many records' worth of weight the overall yield has in a value's own yield. */
  private static final int PRIOR_RECORDS = 5;

  /** One axis's values under one parent value. */
  private static final class Cell {
    final List<AxisValue> values;
    final long[] target;
    final long[] delivered;
    final double[] pending;
    /** Records asked for by answered batches that chose each value, and how many of those were delivered. */
    final long[] asked;
    final long[] hits;

    Cell(List<AxisValue> values, long[] target) {
      this.values = values;
      this.target = target;
      this.delivered = new long[values.size()];
      this.pending = new double[values.size()];
      this.asked = new long[values.size()];
      this.hits = new long[values.size()];
    }

    /**
     * The share of records asked for with value {@code i} that were delivered, pulled towards the run's overall
     * yield while few have been asked: a value the model rarely writes gets larger batches, not more of them.
     */
    double yield(int i, double overall) {
      return (hits[i] + PRIOR_RECORDS * overall) / (asked[i] + PRIOR_RECORDS);
    }

    int index(String label) {
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i).label().equals(label)) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * A batch's combination and size, with what it reserved; hand it back to {@link #settle} when its reply is in.
   *
   * @param combination the values its records are asked to have
   * @param size how many records to ask for
   * @param expected the records it is expected to deliver, reserved against the targets until settled
   */
  public record Draw(Combination combination, int size, double expected) {}

  /**
   * @param total the records the run delivers in all
   * @param seed the run's random seed
   */
  public Coverage(Plan plan, long total, long seed) {
    this.plan = plan;
    this.total = total;
    this.seed = seed;
    Map<String, Map<String, Long>> labelTargets = new HashMap<>();
    for (int a = 0; a < plan.axes().size(); a++) {
      Axis axis = plan.axes().get(a);
      Map<String, Cell> byParent = new LinkedHashMap<>();
      Map<String, Long> mine = new LinkedHashMap<>();
      if (axis.dependsOn() == null) {
        byParent.put("", cell(axis.values(), total, a, ""));
      } else {
        for (Map.Entry<String, Long> p : labelTargets.get(axis.dependsOn()).entrySet()) {
          byParent.put(p.getKey(), cell(axis.valuesFor(p.getKey()), p.getValue(), a, p.getKey()));
        }
      }
      for (Cell c : byParent.values()) {
        for (int i = 0; i < c.values.size(); i++) {
          mine.merge(c.values.get(i).label(), c.target[i], Long::sum);
        }
      }
      labelTargets.put(axis.name(), mine);
      cells.add(byParent);
    }
  }

  private Cell cell(List<AxisValue> values, long n, int axis, String parent) {
    double sum = values.stream().mapToDouble(AxisValue::weight).sum();
    long[] target = new long[values.size()];
    double[] rest = new double[values.size()];
    long given = 0;
    for (int i = 0; i < values.size(); i++) {
      double exact = n * values.get(i).weight() / sum;
      target[i] = (long) Math.floor(exact);
      rest[i] = exact - target[i];
      given += target[i];
    }
    Integer[] order = new Integer[values.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    String salt = axis + "\u0001" + parent;
    Arrays.sort(order, (x, y) -> rest[x] != rest[y] ? Double.compare(rest[y], rest[x])
        : Long.compare(hash(salt, values.get(x).label()), hash(salt, values.get(y).label())));
    for (int k = 0; given < n; k++, given++) {
      target[order[k % order.length]]++;
    }
    return new Cell(values, target);
  }

  public Plan plan() {
    return plan;
  }

  /** The records the targets add up to. */
  public long total() {
    return total;
  }

  /**
   * The combination and size of the next batch; what it is expected to deliver is reserved until {@link #settle}.
   *
   * @param batchIndex the batch's index, for the seeded tie-break
   * @param maxSize the most records the batch may ask for
   * @param yield the share of asked-for records expected to be delivered, above 0
   */
  public Draw next(long batchIndex, int maxSize, double yield) {
    List<Combination.Choice> choices = new ArrayList<>();
    Map<String, String> chosen = new HashMap<>();
    int size = Math.max(1, maxSize);
    double share = Double.POSITIVE_INFINITY;
    StringBuilder key = new StringBuilder();
    List<double[]> reserve = new ArrayList<>();
    for (int a = 0; a < plan.axes().size(); a++) {
      Axis axis = plan.axes().get(a);
      Cell c = cellFor(a, axis, chosen);
      if (c == null || c.values.isEmpty()) {
        continue;
      }
      int best = -1;
      double bestGap = 0;
      double bestJoint = 0;
      long bestHash = 0;
      for (int i = 0; i < c.values.size(); i++) {
        double gap = c.target[i] - c.delivered[i] - c.pending[i];
        double usedBefore = joint.getOrDefault(key + c.values.get(i).label() + "\u0001", 0.0);
        long h = hash(batchIndex + "\u0001" + a, c.values.get(i).label());
        if (best < 0 || gap > bestGap + 1e-9 || Math.abs(gap - bestGap) <= 1e-9
            && (usedBefore < bestJoint - 1e-9 || Math.abs(usedBefore - bestJoint) <= 1e-9 && h < bestHash)) {
          best = i;
          bestGap = gap;
          bestJoint = usedBefore;
          bestHash = h;
        }
      }
      AxisValue v = c.values.get(best);
      choices.add(new Combination.Choice(axis, v));
      chosen.put(axis.name(), v.label());
      key.append(v.label()).append('\u0001');
      if (axis.fixesField()) {
        // Sized from what is still missing, not what is reserved: at the tail a batch that asks for one record of
        // a value the model rarely writes would fail more often than it succeeds.
        double missing = Math.max(bestGap, c.target[best] - c.delivered[best]);
        double own = Math.max(c.yield(best, yield), 1e-3);
        size = (int) Math.min(size, Math.max(1, Math.ceil(missing / own - 1e-9)));
        share = Math.min(share, own);
      }
      reserve.add(new double[] {a, best});
    }
    Combination combination = new Combination(choices);
    // Reserved at the values' own shares, so that a rare value is not asked for again before its batch is back.
    double expected = size * (Double.isInfinite(share) ? Math.max(yield, 1e-3) : share);
    for (int r = 0; r < reserve.size(); r++) {
      int a = (int) reserve.get(r)[0];
      cellFor(a, plan.axes().get(a), chosen).pending[(int) reserve.get(r)[1]] += expected;
    }
    addJoint(combination.key(), expected);
    return new Draw(combination, size, expected);
  }

  /** Releases what a batch given up on reserved. */
  public void settle(Draw d) {
    Map<String, String> labels = d.combination().labels();
    forEachCell(labels, (c, i) -> c.pending[i] = Math.max(0, c.pending[i] - d.expected()));
    addJoint(d.combination().key(), -d.expected());
  }

  /**
   * Releases what an answered batch reserved and learns from it how often its values are delivered.
   *
   * @param delivered the batch's records delivered (each also counted with {@link #delivered})
   */
  public void answered(Draw d, long delivered) {
    settle(d);
    forEachCell(d.combination().labels(), (c, i) -> {
      c.asked[i] += d.size();
      c.hits[i] += delivered;
    });
  }

  /** Whether a record with these labels is still wanted: every field-fixing value of it is below its target. */
  public boolean wants(Map<String, String> labels) {
    boolean[] ok = {true};
    for (int a = 0; a < plan.axes().size(); a++) {
      Axis axis = plan.axes().get(a);
      if (!axis.fixesField()) {
        continue;
      }
      Cell c = cellFor(a, axis, labels);
      int i = c == null ? -1 : c.index(labels.getOrDefault(axis.name(), ""));
      if (i < 0 || c.delivered[i] >= c.target[i]) {
        ok[0] = false;
      }
    }
    return ok[0];
  }

  /** Counts a delivered record with these labels. */
  public void delivered(Map<String, String> labels) {
    forEachCell(labels, (c, i) -> c.delivered[i]++);
    addJoint(key(labels), 1.0);
    used.merge(key(labels), 1L, Long::sum);
  }

  /** Takes back a delivered record with these labels (the judge rejected it). */
  public void withdrawn(Map<String, String> labels) {
    forEachCell(labels, (c, i) -> c.delivered[i] = Math.max(0, c.delivered[i] - 1));
    addJoint(key(labels), -1.0);
    used.computeIfPresent(key(labels), (k, n) -> n > 1 ? n - 1 : null);
  }

  /**
   * The labels a delivered record has: on a field-fixing axis the value its field holds, on another axis what its
   * provenance says it was asked for. An axis whose value cannot be told is left out.
   *
   * @param asked the plan labels of its provenance; may be empty
   */
  public Map<String, String> labelsOf(ObjectNode record, Map<String, String> asked) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int a = 0; a < plan.axes().size(); a++) {
      Axis axis = plan.axes().get(a);
      if (axis.fixesField()) {
        Cell c = cellFor(a, axis, labels);
        if (c == null) {
          continue;
        }
        JsonNode v = record.get(axis.field());
        for (AxisValue value : c.values) {
          if (value.matches(v)) {
            labels.put(axis.name(), value.label());
            break;
          }
        }
      } else if (asked.containsKey(axis.name())) {
        labels.put(axis.name(), asked.get(axis.name()));
      }
    }
    return labels;
  }

  private Cell cellFor(int a, Axis axis, Map<String, String> chosen) {
    String parent = axis.dependsOn() == null ? "" : chosen.get(axis.dependsOn());
    return parent == null ? null : cells.get(a).get(parent);
  }

  private void forEachCell(Map<String, String> labels, java.util.function.ObjIntConsumer<Cell> action) {
    for (int a = 0; a < plan.axes().size(); a++) {
      Axis axis = plan.axes().get(a);
      Cell c = cellFor(a, axis, labels);
      if (c == null) {
        continue;
      }
      int i = c.index(labels.getOrDefault(axis.name(), ""));
      if (i >= 0) {
        action.accept(c, i);
      }
    }
  }

  private void addJoint(String fullKey, double amount) {
    for (int i = fullKey.indexOf('\u0001'); i >= 0; i = fullKey.indexOf('\u0001', i + 1)) {
      joint.merge(fullKey.substring(0, i + 1), amount, Double::sum);
    }
  }

  private String key(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder();
    for (Axis axis : plan.axes()) {
      if (labels.containsKey(axis.name())) {
        sb.append(labels.get(axis.name())).append('\u0001');
      }
    }
    return sb.toString();
  }

  /**
   * The largest distance between a field-fixing value's delivered count and its target, over every such value: 0
   * when the delivered set matches the target distribution exactly.
   */
  public long maxDeviation() {
    long max = 0;
    for (int a = 0; a < plan.axes().size(); a++) {
      if (!plan.axes().get(a).fixesField()) {
        continue;
      }
      for (Cell c : cells.get(a).values()) {
        for (int i = 0; i < c.values.size(); i++) {
          max = Math.max(max, Math.abs(c.delivered[i] - c.target[i]));
        }
      }
    }
    return max;
  }

  /** Coverage as written into an output's metadata (see the README's Diversity plans section). */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("total", total);
    long delivered = 0;
    ArrayNode axes = o.putArray("axes");
    for (int a = 0; a < plan.axes().size(); a++) {
      Axis axis = plan.axes().get(a);
      ObjectNode j = axes.addObject();
      j.put("name", axis.name());
      if (axis.field() == null) {
        j.putNull("field");
      } else {
        j.put("field", axis.field());
      }
      ArrayNode values = j.putArray("values");
      long sum = 0;
      for (Map.Entry<String, Cell> e : cells.get(a).entrySet()) {
        Cell c = e.getValue();
        for (int i = 0; i < c.values.size(); i++) {
          ObjectNode v = values.addObject();
          v.put("label", c.values.get(i).label());
          if (axis.dependsOn() != null) {
            v.put("parent", e.getKey());
          }
          v.put("target", c.target[i]);
          v.put("delivered", c.delivered[i]);
          sum += c.delivered[i];
        }
      }
      if (a == 0) {
        delivered = sum;
      }
    }
    o.put("delivered", delivered);
    o.put("max_deviation", maxDeviation());
    o.put("combinations_used", used.size());
    return o;
  }

  private long hash(String salt, String label) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < salt.length(); i++) {
      h = (h ^ salt.charAt(i)) * 0x100000001B3L;
    }
    h ^= 0x5bd1e995;
    for (int i = 0; i < label.length(); i++) {
      h = (h ^ label.charAt(i)) * 0x100000001B3L;
    }
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 29);
  }
}
