package io.datasynth.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-field statistics of a dataset: how many records have each field, text lengths, numeric ranges and, for
 * enums, booleans and small integer ranges, the distribution of values.
 */
public final class DatasetStats {
  /** Integer fields whose range spans at most this many values get a value distribution. */
  public static final int MAX_DISTRIBUTION_RANGE = 20;

  private final Schema schema;
  private final Map<String, Acc> fields = new LinkedHashMap<>();
  private long records;

  public DatasetStats(Schema schema) {
    this.schema = schema;
    schema.fields().forEach(f -> fields.put(f.name(), new Acc(f)));
  }

  /** The stats file next to an output: {@code synthetic.json} → {@code synthetic.stats.json}. */
  public static Path pathFor(Path output) {
    return OutputFiles.of(output).stats();
  }

  public void add(ObjectNode record) {
    records++;
    fields.values().forEach(a -> a.add(record.get(a.field.name())));
  }

  public ObjectNode toJson() {
    ObjectNode root = Json.object();
    root.put("record_count", records);
    ObjectNode out = root.putObject("fields");
    fields.values().forEach(a -> out.set(a.field.name(), a.toJson()));
    return root;
  }

  /** Running totals for one field. */
  private static final class Acc {
    final Field field;
    long present;
    long missing;
    long lenMin = Long.MAX_VALUE;
    long lenMax;
    long lenSum;
    double numMin = Double.POSITIVE_INFINITY;
    double numMax = Double.NEGATIVE_INFINITY;
    double numSum;
    long numCount;
    final Map<String, Long> values = new TreeMap<>();

    Acc(Field field) {
      this.field = field;
    }

    void add(JsonNode v) {
      if (v == null || v.isNull() || v.isMissingNode()) {
        missing++;
        return;
      }
      present++;
      long len = -1;
      if (v.isTextual()) {
        len = v.asText().codePointCount(0, v.asText().length());
      } else if (v.isArray()) {
        len = v.size();
      }
      if (len >= 0) {
        lenMin = Math.min(lenMin, len);
        lenMax = Math.max(lenMax, len);
        lenSum += len;
      }
      if (v.isNumber()) {
        double d = v.asDouble();
        numMin = Math.min(numMin, d);
        numMax = Math.max(numMax, d);
        numSum += d;
        numCount++;
      }
      if (distributed()) {
        values.merge(v.isTextual() ? v.asText() : v.toString(), 1L, Long::sum);
      }
    }

    boolean distributed() {
      Constraints c = field.constraints();
      return !c.allowed().isEmpty() || field.type() == FieldType.BOOL
          || (field.type() == FieldType.INT && c.min() != null && c.max() != null
              && c.max() - c.min() < MAX_DISTRIBUTION_RANGE);
    }

    /** An int field's bound as an integer ({@code 3}, not {@code 3.0}); other numbers as they are. */
    private void number(ObjectNode o, String key, double value) {
      if (field.type() == FieldType.INT && value == Math.rint(value) && Math.abs(value) < 0x1p53) {
        o.put(key, (long) value);
      } else {
        o.put(key, value);
      }
    }

    ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("type", field.type().typeName());
      o.put("count", present);
      o.put("missing", missing);
      if (lenSum > 0 || lenMax > 0 || (present > 0 && lenMin != Long.MAX_VALUE)) {
        ObjectNode l = o.putObject("length");
        l.put("min", lenMin);
        l.put("avg", round((double) lenSum / Math.max(1, present)));
        l.put("max", lenMax);
      }
      if (numCount > 0) {
        number(o, "min", numMin);
        o.put("avg", round(numSum / numCount));
        number(o, "max", numMax);
      }
      if (distributed() && !values.isEmpty()) {
        ObjectNode d = o.putObject("distribution");
        values.forEach(d::put);
      }
      return o;
    }

    private static double round(double d) {
      return Math.round(d * 100) / 100.0;
    }
  }
}
