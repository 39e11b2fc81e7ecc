package io.datasynth.sink.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.function.Consumer;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Turns Parquet rows into JSON records: strings and enums to text, JSON columns parsed, integers and decimals to
 * numbers, lists (standard three-level, legacy two-level and bare repeated fields) to arrays, maps and other groups
 * to objects. Missing optional values leave their key out. Not thread-safe.
 */
final class RecordConverter extends RecordMaterializer<ObjectNode> {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Struct root;
  private ObjectNode current;

  RecordConverter(MessageType schema) {
    this.root = new Struct(schema, v -> current = (ObjectNode) v);
  }

  @Override
  public ObjectNode getCurrentRecord() {
    return current;
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  private static Converter converter(Type type, Consumer<JsonNode> sink) {
    if (type.isPrimitive()) {
      return new Value(type.asPrimitiveType(), sink);
    }
    GroupType group = type.asGroupType();
    LogicalTypeAnnotation a = group.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && group.getFieldCount() == 1
        && group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      return new ListOf(group, sink);
    }
    if ((a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) && group.getFieldCount() == 1
        && !group.getType(0).isPrimitive() && group.getType(0).asGroupType().getFieldCount() == 2) {
      return new MapOf(group, sink);
    }
    return new Struct(group, sink);
  }

  /** A group read as an object; repeated fields become arrays. */
  private static final class Struct extends GroupConverter {
    private final Converter[] fields;
    private final Consumer<JsonNode> sink;
    private ObjectNode node;

    Struct(GroupType type, Consumer<JsonNode> sink) {
      this.sink = sink;
      this.fields = new Converter[type.getFieldCount()];
      for (int i = 0; i < fields.length; i++) {
        Type f = type.getType(i);
        String name = f.getName();
        Consumer<JsonNode> put = f.isRepetition(Type.Repetition.REPEATED) ? v -> node.withArray(name).add(v)
            : v -> node.set(name, v);
        fields[i] = converter(f, put);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return fields[fieldIndex];
    }

    @Override
    public void start() {
      node = NODES.objectNode();
    }

    @Override
    public void end() {
      sink.accept(node);
    }
  }

  /** A LIST-annotated group read as an array. */
  private static final class ListOf extends GroupConverter {
    private final Converter repeated;
    private final Consumer<JsonNode> sink;
    private ArrayNode array;

    ListOf(GroupType type, Consumer<JsonNode> sink) {
      this.sink = sink;
      Type r = type.getType(0);
      boolean threeLevel = !r.isPrimitive() && r.asGroupType().getFieldCount() == 1 && !r.getName().equals("array")
          && !r.getName().endsWith("_tuple");
      this.repeated = threeLevel ? new Element(r.asGroupType(), v -> array.add(v)) : converter(r, v -> array.add(v));
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return repeated;
    }

    @Override
    public void start() {
      array = NODES.arrayNode();
    }

    @Override
    public void end() {
      sink.accept(array);
    }
  }

  /** The repeated middle group of a three-level list: one element, null when it holds none. */
  private static final class Element extends GroupConverter {
    private final Converter element;
    private final Consumer<JsonNode> sink;
    private JsonNode value;

    Element(GroupType type, Consumer<JsonNode> sink) {
      this.sink = sink;
      this.element = converter(type.getType(0), v -> value = v);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return element;
    }

    @Override
    public void start() {
      value = null;
    }

    @Override
    public void end() {
      sink.accept(value == null ? NODES.nullNode() : value);
    }
  }

  /** A MAP-annotated group read as an object keyed by the keys' text. */
  private static final class MapOf extends GroupConverter {
    private final GroupConverter entry;
    private final Consumer<JsonNode> sink;
    private ObjectNode node;

    MapOf(GroupType type, Consumer<JsonNode> sink) {
      this.sink = sink;
      GroupType kv = type.getType(0).asGroupType();
      JsonNode[] key = new JsonNode[1];
      JsonNode[] value = new JsonNode[1];
      Converter k = converter(kv.getType(0), v -> key[0] = v);
      Converter val = converter(kv.getType(1), v -> value[0] = v);
      this.entry = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
          return fieldIndex == 0 ? k : val;
        }

        @Override
        public void start() {
          key[0] = null;
          value[0] = null;
        }

        @Override
        public void end() {
          node.set(key[0] == null ? "null" : key[0].asText(), value[0] == null ? NODES.nullNode() : value[0]);
        }
      };
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return entry;
    }

    @Override
    public void start() {
      node = NODES.objectNode();
    }

    @Override
    public void end() {
      sink.accept(node);
    }
  }

  /** One primitive value. */
  private static final class Value extends PrimitiveConverter {
    private final PrimitiveType type;
    private final LogicalTypeAnnotation annotation;
    private final Consumer<JsonNode> sink;

    Value(PrimitiveType type, Consumer<JsonNode> sink) {
      this.type = type;
      this.annotation = type.getLogicalTypeAnnotation();
      this.sink = sink;
    }

    @Override
    public void addBinary(Binary value) {
      if (annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
        try {
          sink.accept(Json.mapper().readTree(value.getBytes()));
        } catch (IOException e) {
          throw new UncheckedIOException("column " + type.getName() + " holds text that is not JSON", e);
        }
      } else if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
        sink.accept(NODES.numberNode(new BigDecimal(new BigInteger(value.getBytes()), d.getScale())));
      } else if (annotation == null && type.getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
        sink.accept(NODES.textNode(Base64.getEncoder().encodeToString(value.getBytes())));
      } else {
        sink.accept(NODES.textNode(value.toStringUsingUTF8()));
      }
    }

    @Override
    public void addBoolean(boolean value) {
      sink.accept(NODES.booleanNode(value));
    }

    @Override
    public void addDouble(double value) {
      sink.accept(NODES.numberNode(value));
    }

    @Override
    public void addFloat(float value) {
      sink.accept(NODES.numberNode(value));
    }

    @Override
    public void addInt(int value) {
      addLong(value);
    }

    @Override
    public void addLong(long value) {
      if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
        sink.accept(NODES.numberNode(BigDecimal.valueOf(value, d.getScale())));
      } else if (value == (int) value) {
        sink.accept(NODES.numberNode((int) value));  // as a JSON parser gives it, so records compare equal
      } else {
        sink.accept(NODES.numberNode(value));
      }
    }
  }
}
