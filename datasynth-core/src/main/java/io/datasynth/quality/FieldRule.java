package io.datasynth.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.SchemaPattern;
import io.datasynth.text.Message;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The checks for one schema field, compiled once: presence, type with coercion, range, enum, length, pattern. */
final class FieldRule {
  private static final int MAX_QUOTED = 60;

  private final Field field;
  private final boolean exempt;
  private final SchemaPattern pattern;
  private final BigDecimal min;
  private final BigDecimal max;
  private final List<JsonNode> allowed;

  FieldRule(Field field) {
    this.field = field;
    this.exempt = field.name().equals("id") || field.name().equals("metadata");
    Constraints c = field.constraints();
    this.pattern = c.pattern() == null ? null : compile(field.name(), c.pattern());
    this.min = c.min() == null ? null : BigDecimal.valueOf(c.min());
    this.max = c.max() == null ? null : BigDecimal.valueOf(c.max());
    List<JsonNode> values = new ArrayList<>();
    for (JsonNode a : c.allowed()) {
      JsonNode coerced = Coercion.coerce(field.type(), a);
      values.add(coerced == null ? a : coerced);
    }
    this.allowed = List.copyOf(values);
  }

  String name() {
    return field.name();
  }

  /**
   * Checks one value, adding any violations to {@code out}; returns the value to keep (coerced), or null when
   * there is nothing to keep. Fields named {@code id} or {@code metadata} are never required and never checked,
   * as in the original tool.
   */
  JsonNode check(JsonNode value, List<Violation> out) {
    String name = field.name();
    if (value == null || value.isNull() || value.isMissingNode()) {
      if (field.required() && !exempt) {
        out.add(new Violation(name, Rule.MISSING, Message.of("rule.missing", name)));
      }
      return null;
    }
    if (exempt) {
      return value;
    }
    JsonNode v = typed(name, field.type(), value, out);
    if (v == null) {
      return null;
    }
    if (field.type() == FieldType.TEXT && field.required() && v.asText().isBlank()) {
      out.add(new Violation(name, Rule.EMPTY, Message.of("rule.empty", name)));
      return null;
    }
    if (v.isNumber()) {
      checkRange(name, v, out);
    }
    if (!allowed.isEmpty() && allowed.stream().noneMatch(a -> sameValue(a, v))) {
      out.add(new Violation(name, Rule.ENUM, Message.of("rule.enum", name, quote(v), allowedText())));
    }
    checkLength(name, v, out);
    if (pattern != null && v.isTextual() && !pattern.find(v.asText())) {
      out.add(new Violation(name, Rule.PATTERN, Message.of("rule.pattern", name, quote(v), pattern.regex())));
    }
    return v;
  }

  private JsonNode typed(String name, FieldType type, JsonNode value, List<Violation> out) {
    JsonNode v = Coercion.coerce(type, value);
    if (v == null) {
      out.add(typeViolation(name, name, type, value));
      return null;
    }
    FieldType itemType = field.itemType();
    if (type != FieldType.LIST || itemType == null) {
      return v;
    }
    ArrayNode items = JsonNodeFactory.instance.arrayNode(v.size());
    boolean ok = true;
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = Coercion.coerce(itemType, v.get(i));
      if (item == null) {
        out.add(typeViolation(name, name + "[" + i + "]", itemType, v.get(i)));
        ok = false;
      } else {
        items.add(item);
      }
    }
    return ok ? items : null;
  }

  private static Violation typeViolation(String name, String where, FieldType type, JsonNode value) {
    return new Violation(name, Rule.TYPE, Message.of("rule.type", where, type.typeName(), Coercion.typeOf(value)));
  }

  private void checkRange(String name, JsonNode v, List<Violation> out) {
    BigDecimal d = Coercion.decimal(v);
    if (d == null) {
      return;
    }
    boolean low = min != null && d.compareTo(min) < 0;
    boolean high = max != null && d.compareTo(max) > 0;
    if (!low && !high) {
      return;
    }
    String value = v.asText();
    Message message;
    if (min != null && max != null) {
      message = Message.of("rule.range", name, value, number(min), number(max));
    } else if (low) {
      message = Message.of("rule.range.low", name, value, number(min));
    } else {
      message = Message.of("rule.range.high", name, value, number(max));
    }
    out.add(new Violation(name, Rule.RANGE, message));
  }

  private void checkLength(String name, JsonNode v, List<Violation> out) {
    Constraints c = field.constraints();
    if (c.minLength() == null && c.maxLength() == null || !(v.isTextual() || v.isArray())) {
      return;
    }
    int length = v.isTextual() ? v.asText().codePointCount(0, v.asText().length()) : v.size();
    if (c.minLength() != null && length < c.minLength()) {
      out.add(new Violation(name, Rule.LENGTH, Message.of("rule.length.short", name, length, c.minLength())));
    }
    if (c.maxLength() != null && length > c.maxLength()) {
      out.add(new Violation(name, Rule.LENGTH, Message.of("rule.length.long", name, length, c.maxLength())));
    }
  }

  /** JSON equality where numbers compare by value (1 equals 1.0) and text compares exactly. */
  static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      BigDecimal x = Coercion.decimal(a);
      BigDecimal y = Coercion.decimal(b);
      return x != null && y != null ? x.compareTo(y) == 0 : a.equals(b);
    }
    return a.equals(b);
  }

  private String allowedText() {
    StringBuilder sb = new StringBuilder("[");
    for (JsonNode a : allowed) {
      sb.append(sb.length() > 1 ? ", " : "").append(a.isTextual() ? a.asText() : a.toString());
    }
    return sb.append(']').toString();
  }

  private static String quote(JsonNode v) {
    if (!v.isTextual()) {
      return abbreviate(v.toString());
    }
    return "'" + abbreviate(v.asText()) + "'";
  }

  private static String abbreviate(String s) {
    if (s.codePointCount(0, s.length()) <= MAX_QUOTED) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, MAX_QUOTED)) + "…";
  }

  private static String number(BigDecimal d) {
    return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger().toString() : d.stripTrailingZeros().toPlainString();
  }

  private static SchemaPattern compile(String name, String regex) {
    try {
      return SchemaPattern.compile(regex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + name + "': " + e.getMessage() + "; fix the pattern in the "
          + "schema (" + SchemaPattern.SYNTAX + ")", e);
    }
  }
}
