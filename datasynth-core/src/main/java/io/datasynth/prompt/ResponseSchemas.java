package io.datasynth.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.model.ModelProfile.StructuredOutput;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.util.Objects;

/**
 * The JSON Schema of a structured reply, {@code {"records": [record, …]}}, made from a dataset schema within what
 * one structured-output mechanism documents:
 *
 * <ul>
 *   <li>every object has {@code additionalProperties: false}; types, {@code enum} and descriptions everywhere;
 *   <li>Anthropic ({@code output_config.format}): no numeric or length bounds and no patterns; {@code minItems} only
 *       0 or 1; optional fields are left out of {@code required};
 *   <li>OpenAI strict ({@code response_format} {@code json_schema}, {@code strict: true}): every property is
 *       required, so an optional field may be null ({@code anyOf} with {@code null}); {@code minimum},
 *       {@code maximum}, {@code minItems} and {@code maxItems} are stated; no lengths and no patterns;
 *   <li>OpenAI-compatible servers ({@code json_schema} without strict) and JSON mode: the same bounds, optional
 *       fields left out of {@code required}.
 * </ul>
 *
 * Rules no mechanism states (text lengths, patterns, bounds Anthropic cannot take) stay in the prompt and in
 * validation, and a record breaking them can be repaired. Free-form objects and lists of unknown or nested items
 * cannot be stated with {@code additionalProperties: false}; such a schema gets {@link Result.Unsupported}.
 */
public final class ResponseSchemas {
  /** The one property of the root object, holding the records. */
  public static final String RECORDS = "records";

  private ResponseSchemas() {}

  /** What a schema comes to for one mechanism. */
  public sealed interface Result {
    /** The reply's schema, fitted to the mechanism. */
    record Fitted(ObjectNode schema) implements Result {}

    /**
     * The schema cannot be stated in this mechanism.
     *
     * @param field the field at fault; empty when the model has no mechanism at all
     * @param why what cannot be stated
     */
    record Unsupported(String field, String why) implements Result {}
  }

  /** The reply schema for {@code schema} in {@code mechanism}. */
  public static Result of(Schema schema, StructuredOutput mechanism) {
    Objects.requireNonNull(mechanism, "mechanism");
    if (mechanism == StructuredOutput.NONE) {
      return new Result.Unsupported("", "the model has no structured outputs");
    }
    boolean strict = mechanism == StructuredOutput.OPENAI_JSON_SCHEMA_STRICT;
    boolean anthropic = mechanism == StructuredOutput.ANTHROPIC_JSON_SCHEMA;
    ObjectNode record = Json.object();
    record.put("type", "object");
    ObjectNode properties = record.putObject("properties");
    ArrayNode required = record.putArray("required");
    for (Field f : schema.fields()) {
      ObjectNode value = Json.object();
      String problem = value(f, value, anthropic);
      if (problem != null) {
        return new Result.Unsupported(f.name(), problem);
      }
      boolean mandatory = f.required() && !f.name().equals("id") && !f.name().equals("metadata");
      if (strict && !mandatory) {
        ObjectNode nullable = Json.object();
        ArrayNode anyOf = nullable.putArray("anyOf");
        anyOf.add(value);
        anyOf.addObject().put("type", "null");
        properties.set(f.name(), nullable);
      } else {
        properties.set(f.name(), value);
      }
      if (mandatory || strict) {
        required.add(f.name());
      }
    }
    record.put("additionalProperties", false);
    ObjectNode root = Json.object();
    root.put("type", "object");
    ObjectNode records = root.putObject("properties").putObject(RECORDS);
    records.put("type", "array");
    records.set("items", record);
    root.putArray("required").add(RECORDS);
    root.put("additionalProperties", false);
    return new Result.Fitted(root);
  }

  /** Fills {@code out} with a field's schema; returns why it cannot be stated, or null. */
  private static String value(Field f, ObjectNode out, boolean anthropic) {
    Constraints c = f.constraints();
    if (!f.description().isBlank()) {
      out.put("description", f.description());
    }
    switch (f.type()) {
      case TEXT -> out.put("type", "string");
      case INT -> out.put("type", "integer");
      case FLOAT -> out.put("type", "number");
      case BOOL -> out.put("type", "boolean");
      case LIST -> {
        if (f.itemType() == null || f.itemType() == FieldType.LIST || f.itemType() == FieldType.OBJECT) {
          return "a list of " + (f.itemType() == null ? "items of any type" : f.itemType().typeName() + "s")
              + " cannot be stated with additionalProperties: false";
        }
        out.put("type", "array");
        out.putObject("items").put("type", switch (f.itemType()) {
          case INT -> "integer";
          case FLOAT -> "number";
          case BOOL -> "boolean";
          default -> "string";
        });
        if (anthropic) {
          if (c.minLength() != null && c.minLength() >= 1) {
            out.put("minItems", 1);
          }
        } else {
          if (c.minLength() != null) {
            out.put("minItems", c.minLength());
          }
          if (c.maxLength() != null) {
            out.put("maxItems", c.maxLength());
          }
        }
        return null;
      }
      case OBJECT -> {
        return "a free-form object cannot be stated with additionalProperties: false";
      }
    }
    if (!c.allowed().isEmpty()) {
      ArrayNode values = out.putArray("enum");
      for (JsonNode v : c.allowed()) {
        if (v.isContainerNode()) {
          return "an allowed value that is not a string, number or boolean cannot be stated";
        }
        values.add(v);
      }
    }
    if (!anthropic && f.type().isNumeric()) {
      if (c.min() != null) {
        putNumber(out, "minimum", c.min(), f.type());
      }
      if (c.max() != null) {
        putNumber(out, "maximum", c.max(), f.type());
      }
    }
    return null;
  }

  private static void putNumber(ObjectNode out, String key, double v, FieldType type) {
    if (type == FieldType.INT && v == Math.rint(v) && Math.abs(v) < 1e15) {
      out.put(key, (long) v);
    } else {
      out.put(key, v);
    }
  }
}
