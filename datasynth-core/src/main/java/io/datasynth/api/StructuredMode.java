package io.datasynth.api;

import java.util.Locale;
import java.util.Optional;

/** Whether replies are asked for as structured output (JSON the provider holds to a schema made from the schema). */
public enum StructuredMode {
  /** When the model has a structured-output mechanism and the schema can be stated in it. */
  AUTO,
  /** Always; a model or schema that cannot is an error. */
  ON,
  /** Never: the schema is only described in the prompt. */
  OFF;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StructuredMode> parse(String s) {
    for (StructuredMode m : values()) {
      if (m.id().equals(s.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
