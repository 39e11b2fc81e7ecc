package io.datasynth.mcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool's input schema: a JSON Schema object with one described property per argument, the required ones listed,
 * and no other properties allowed. Built once per tool; immutable once built.
 */
final class ToolSchema {
  private final Map<String, Object> schema;
  private final Set<String> names;

  private ToolSchema(Map<String, Object> schema, Set<String> names) {
    this.schema = schema;
    this.names = names;
  }

  static Builder builder() {
    return new Builder();
  }

  /** The schema as the SDK takes it (a JSON object as nested maps and lists). */
  Map<String, Object> asMap() {
    return schema;
  }

  /** The argument names, in declaration order. */
  Set<String> names() {
    return names;
  }

  /** Declares arguments in order; {@link #build()} fixes them. Not thread-safe. */
  static final class Builder {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    private Builder() {}

    Builder string(String name, String description) {
      return add(name, prop("string", description));
    }

    Builder choice(String name, String description, List<String> values) {
      Map<String, Object> p = prop("string", description);
      p.put("enum", List.copyOf(values));
      return add(name, p);
    }

    Builder integer(String name, String description, int min, int max, Integer defaultValue) {
      Map<String, Object> p = prop("integer", description);
      p.put("minimum", min);
      p.put("maximum", max);
      if (defaultValue != null) {
        p.put("default", defaultValue);
      }
      return add(name, p);
    }

    /** A number above {@code exclusiveMin} (when not null) or from {@code min}, up to {@code max} (when not null). */
    Builder number(String name, String description, Double min, Double exclusiveMin, Double max) {
      Map<String, Object> p = prop("number", description);
      if (min != null) {
        p.put("minimum", min);
      }
      if (exclusiveMin != null) {
        p.put("exclusiveMinimum", exclusiveMin);
      }
      if (max != null) {
        p.put("maximum", max);
      }
      return add(name, p);
    }

    Builder bool(String name, String description, boolean defaultValue) {
      Map<String, Object> p = prop("boolean", description);
      p.put("default", defaultValue);
      return add(name, p);
    }

    /** Marks arguments already declared as required. */
    Builder required(String... names) {
      for (String n : names) {
        if (!properties.containsKey(n)) {
          throw new IllegalStateException("required argument " + n + " is not declared");
        }
        required.add(n);
      }
      return this;
    }

    ToolSchema build() {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("type", "object");
      s.put("properties", Collections.unmodifiableMap(new LinkedHashMap<>(properties)));
      if (!required.isEmpty()) {
        s.put("required", List.copyOf(required));
      }
      s.put("additionalProperties", false);
      return new ToolSchema(Collections.unmodifiableMap(s),
          Collections.unmodifiableSet(new LinkedHashSet<>(properties.keySet())));
    }

    private Builder add(String name, Map<String, Object> p) {
      if (properties.putIfAbsent(name, Collections.unmodifiableMap(p)) != null) {
        throw new IllegalStateException("argument " + name + " is declared twice");
      }
      return this;
    }

    private static Map<String, Object> prop(String type, String description) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("type", type);
      p.put("description", description);
      return p;
    }
  }
}
