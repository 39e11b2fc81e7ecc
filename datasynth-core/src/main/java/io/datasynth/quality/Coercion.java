package io.datasynth.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.datasynth.schema.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The unambiguous conversions of JSON values to field types: {@code 5.0} or {@code " 5 "} for an int,
 * {@code "2.5"} for a float, {@code "TRUE"} for a bool. A boolean is never a number and a number is never text.
 */
final class Coercion {
  /** Numbers with more digits than this before the point are not coerced. */
  private static final int MAX_DIGITS = 400;

  private static final int MAX_NUMERIC_TEXT = 1_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Coercion() {}

  /** The value as {@code type} wants it, or null when it cannot be one. */
  static JsonNode coerce(FieldType type, JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    return switch (type) {
      case TEXT -> v.isTextual() ? v : null;
      case INT -> toInt(v);
      case FLOAT -> toFloat(v);
      case BOOL -> toBool(v);
      case LIST -> v.isArray() ? v : null;
      case OBJECT -> v.isObject() ? v : null;
    };
  }

  /** The type a value has, in the words error messages use: string, int, float, bool, list, object or null. */
  static String typeOf(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isIntegralNumber()) {
      return "int";
    }
    if (v.isNumber()) {
      return "float";
    }
    return v.isArray() ? "list" : v.isObject() ? "object" : "value";
  }

  private static JsonNode toInt(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v;
    }
    BigDecimal d = v.isNumber() ? decimal(v) : v.isTextual() ? parse(v.asText()) : null;
    if (d == null || d.precision() - d.scale() > MAX_DIGITS
        || !(d.signum() == 0 || d.stripTrailingZeros().scale() <= 0)) {
      return null;
    }
    BigInteger i = d.toBigIntegerExact();
    if (i.bitLength() < Integer.SIZE) {
      return NODES.numberNode(i.intValue());
    }
    return i.bitLength() < Long.SIZE ? NODES.numberNode(i.longValue()) : NODES.numberNode(i);
  }

  private static JsonNode toFloat(JsonNode v) {
    if (v.isNumber()) {
      return decimal(v) == null ? null : v;
    }
    BigDecimal d = v.isTextual() ? parse(v.asText()) : null;
    if (d == null || Double.isInfinite(d.doubleValue())) {
      return null;
    }
    return NODES.numberNode(d.doubleValue());
  }

  private static JsonNode toBool(JsonNode v) {
    if (v.isBoolean()) {
      return v;
    }
    if (v.isTextual()) {
      String s = v.asText().strip().toLowerCase(Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return BooleanNode.valueOf(s.equals("true"));
      }
    }
    return null;
  }

  /** The exact value of a number node, or null for NaN and infinities. */
  static BigDecimal decimal(JsonNode n) {
    if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
      return null;
    }
    return n.decimalValue();
  }

  private static BigDecimal parse(String text) {
    String s = text.strip();
    if (s.isEmpty() || s.length() > MAX_NUMERIC_TEXT) {
      return null;
    }
    try {
      BigDecimal d = new BigDecimal(s);
      return d.precision() - d.scale() > MAX_DIGITS ? null : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
