package io.datasynth.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;

/**
 * Writes a schema back as JSON: as the user wrote it, for output files ({@link #asGiven}), or in DataSynth's own
 * normal form, for comparing two schemas and for fingerprints ({@link #toJson}).
 */
public final class SchemaWriter {
  private SchemaWriter() {}

  /**
   * The schema as the user gave it ({@link Schema#source()}), so that an output keeps {@code 5} as {@code 5} and
   * {@code integer} as {@code integer}; a schema that was not read from JSON is written in the normal form.
   */
  public static ObjectNode asGiven(Schema schema) {
    ObjectNode source = schema.source();
    return source != null ? source : toJson(schema);
  }

  /** The schema in DataSynth's normal form: canonical type names, constraints in one place. */
  public static ObjectNode toJson(Schema schema) {
    ObjectNode root = Json.object();
    if (!schema.projectName().isEmpty()) {
      root.put("project_name", schema.projectName());
    }
    if (!schema.description().isEmpty()) {
      root.put("description", schema.description());
    }
    ArrayNode fields = root.putArray("fields");
    for (Field f : schema.fields()) {
      ObjectNode o = fields.addObject();
      o.put("name", f.name());
      if (!f.displayName().equals(f.name())) {
        o.put("display_name", f.displayName());
      }
      o.put("type", f.type().typeName());
      if (f.itemType() != null) {
        o.put("item_type", f.itemType().typeName());
      }
      if (!f.description().isEmpty()) {
        o.put("description", f.description());
      }
      o.put("required", f.required());
      Constraints c = f.constraints();
      if (!c.isEmpty()) {
        ObjectNode co = o.putObject("constraints");
        if (c.min() != null && c.max() != null) {
          ArrayNode range = co.putArray("range");
          addNumber(range, c.min());
          addNumber(range, c.max());
        } else if (c.min() != null) {
          co.put("minimum", c.min());
        } else if (c.max() != null) {
          co.put("maximum", c.max());
        }
        if (!c.allowed().isEmpty()) {
          co.putArray("enum").addAll(c.allowed());
        }
        if (c.minLength() != null) {
          co.put("min_length", c.minLength());
        }
        if (c.maxLength() != null) {
          co.put("max_length", c.maxLength());
        }
        if (c.pattern() != null) {
          co.put("pattern", c.pattern());
        }
      }
    }
    if (!schema.rubric().isEmpty()) {
      ArrayNode rubric = root.putArray("scoring_rubric");
      for (RubricLevel r : schema.rubric()) {
        ObjectNode o = rubric.addObject();
        o.put("score", r.score());
        if (!r.label().isEmpty()) {
          o.put("label", r.label());
        }
        if (!r.description().isEmpty()) {
          o.put("description", r.description());
        }
      }
    }
    return root;
  }

  private static void addNumber(ArrayNode array, double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      array.add((long) d);
    } else {
      array.add(d);
    }
  }
}
