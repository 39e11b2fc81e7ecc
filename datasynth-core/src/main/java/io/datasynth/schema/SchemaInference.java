package io.datasynth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schema read off the records themselves, for files that carry none: each key becomes a field, in the order
 * keys first appear, typed by the values it holds.
 *
 * <p>Strings make text, whole numbers int, other numbers (or a mix with whole ones) float, booleans bool, arrays
 * list (with an item type when every item is of one such type), objects object; a key whose values are of
 * different types becomes object, which formats with typed columns store as JSON text. A field is required when
 * every record has a non-null value for it. Not thread-safe.
 */
public final class SchemaInference {
  private final Map<String, Seen> keys = new LinkedHashMap<>();
  private long records;

  /** What the values of one key have been so far. */
  private static final class Seen {
    FieldType type;
    boolean mixed;
    FieldType itemType;
    boolean itemsMixed;
    boolean anyItem;
    long present;
  }

  /**
   * The schema of {@code records}.
   *
   * @param file the file they come from, for the error when there is nothing to infer from
   * @throws InputException when no record has a non-null value
   */
  public static Schema infer(Path file, Iterable<ObjectNode> records) {
    SchemaInference inference = new SchemaInference();
    records.forEach(inference::add);
    return inference.schema(file);
  }

  /** Takes one more record into account. */
  public void add(ObjectNode record) {
    records++;
    record.properties().forEach(e -> {
      JsonNode v = e.getValue();
      Seen s = keys.computeIfAbsent(e.getKey(), k -> new Seen());
      if (v.isNull()) {
        return;
      }
      s.present++;
      FieldType t = typeOf(v);
      s.type = merge(s, s.type, t);
      if (v.isArray()) {
        for (JsonNode item : v) {
          if (item.isNull()) {
            continue;
          }
          FieldType it = typeOf(item);
          if (!s.anyItem) {
            s.itemType = it;
            s.anyItem = true;
          } else if (s.itemType != it) {
            boolean numeric = s.itemType != null && s.itemType.isNumeric() && it.isNumeric();
            s.itemType = numeric ? FieldType.FLOAT : null;
            s.itemsMixed |= !numeric;
          }
        }
      }
    });
  }

  /** How many records were added. */
  public long records() {
    return records;
  }

  /**
   * The schema of the records added so far.
   *
   * @throws InputException when no record has a non-null value
   */
  public Schema schema(Path file) {
    List<Field> fields = new ArrayList<>();
    keys.forEach((name, s) -> {
      if (s.type == null) {
        return;
      }
      FieldType item = s.type == FieldType.LIST && !s.itemsMixed && s.itemType != null
          && s.itemType != FieldType.LIST && s.itemType != FieldType.OBJECT ? s.itemType : null;
      fields.add(new Field(name, name, s.type, "", s.present == records, Constraints.NONE, item));
    });
    if (fields.isEmpty()) {
      throw InputException.of(file, io.datasynth.text.Message.of(records == 0 ? "infer.no_records"
          : "infer.no_values"), io.datasynth.text.Message.of("infer.fix", io.datasynth.error.Setting.SCHEMA));
    }
    return new Schema("", "", fields, List.of());
  }

  private static FieldType merge(Seen s, FieldType was, FieldType now) {
    if (was == null || was == now || s.mixed) {
      return s.mixed ? FieldType.OBJECT : now;
    }
    if (was.isNumeric() && now.isNumeric()) {
      return FieldType.FLOAT;
    }
    s.mixed = true;
    return FieldType.OBJECT;
  }

  private static FieldType typeOf(JsonNode v) {
    if (v.isTextual()) {
      return FieldType.TEXT;
    }
    if (v.isIntegralNumber()) {
      return FieldType.INT;
    }
    if (v.isNumber()) {
      return FieldType.FLOAT;
    }
    if (v.isBoolean()) {
      return FieldType.BOOL;
    }
    if (v.isArray()) {
      return FieldType.LIST;
    }
    return FieldType.OBJECT;
  }
}
