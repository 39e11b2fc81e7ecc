package io.datasynth.prompt;

import io.datasynth.schema.Field;
import io.datasynth.schema.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the schema's own names for the roles a prompt talks about (the "instruction" and "response"). */
final class PromptFields {
  private static final List<String[]> PAIRS = List.of(
      new String[] {"instruction", "response"},
      new String[] {"instruction", "output"},
      new String[] {"input", "output"},
      new String[] {"question", "answer"},
      new String[] {"query", "response"},
      new String[] {"prompt", "response"},
      new String[] {"prompt", "completion"});

  private PromptFields() {}

  /** The schema's (request, reply) field names, in the schema's own spelling; empty when it has no such pair. */
  static Optional<String[]> pair(Schema schema) {
    for (String[] p : PAIRS) {
      Optional<Field> a = find(schema, p[0]);
      Optional<Field> b = find(schema, p[1]);
      if (a.isPresent() && b.isPresent()) {
        return Optional.of(new String[] {a.get().name(), b.get().name()});
      }
    }
    return Optional.empty();
  }

  /** The schema's spelling of a field name, matched case-insensitively; the name itself when absent. */
  static String spelling(Schema schema, String name) {
    return find(schema, name).map(Field::name).orElse(name);
  }

  /** The first field among {@code names} that the schema has, in its own spelling, or {@code fallback}. */
  static String firstOf(Schema schema, String fallback, String... names) {
    for (String n : names) {
      Optional<Field> f = find(schema, n);
      if (f.isPresent()) {
        return f.get().name();
      }
    }
    return fallback;
  }

  private static Optional<Field> find(Schema schema, String name) {
    return schema.fields().stream()
        .filter(f -> f.name().toLowerCase(Locale.ROOT).equals(name)).findFirst();
  }
}
