package io.datasynth.schema;

import java.util.Locale;
import java.util.Optional;

/** The value types a schema field can have, with the spellings accepted for each. */
public enum FieldType {
  TEXT("text", "string"),
  INT("int", "integer"),
  FLOAT("float", "number"),
  BOOL("bool", "boolean"),
  LIST("list", "array"),
  OBJECT("object");

  private final String name;
  private final String[] aliases;

  FieldType(String name, String... aliases) {
    this.name = name;
    this.aliases = aliases;
  }

  /** The canonical spelling written to outputs: text, int, float, bool, list or object. */
  public String typeName() {
    return name;
  }

  /** The type a spelling names (case-insensitive), or empty for an unknown spelling. */
  public static Optional<FieldType> parse(String spelling) {
    String s = spelling.strip().toLowerCase(Locale.ROOT);
    for (FieldType t : values()) {
      if (t.name.equals(s)) {
        return Optional.of(t);
      }
      for (String a : t.aliases) {
        if (a.equals(s)) {
          return Optional.of(t);
        }
      }
    }
    return Optional.empty();
  }

  /** Every accepted spelling, for error messages. */
  public static String spellings() {
    return "text/string, int/integer, float/number, bool/boolean, list/array, object";
  }

  /** Every accepted spelling, for "did you mean" suggestions. */
  public static java.util.List<String> names() {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (FieldType t : values()) {
      names.add(t.name);
      names.addAll(java.util.List.of(t.aliases));
    }
    return names;
  }

  public boolean isNumeric() {
    return this == INT || this == FLOAT;
  }
}
