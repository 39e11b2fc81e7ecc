package io.datasynth.prompt;

import io.datasynth.schema.Schema;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The kind of dataset, which picks the prompt's task description and output guidance. */
public enum DataType {
  INSTRUCTION_RESPONSE("instruction_response"),
  PREFERENCE("preference"),
  MULTI_TURN("multi_turn"),
  GENERIC("generic");

  private final String id;

  DataType(String id) {
    this.id = id;
  }

  /** The name used on the command line and in configs, e.g. {@code instruction_response}. */
  public String id() {
    return id;
  }

  /** Parses a name (case-insensitive, {@code -} or {@code _}); empty when unknown. */
  public static Optional<DataType> parse(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(t -> t.id.equals(n)).findFirst();
  }

  public static String names() {
    return Arrays.stream(values()).map(DataType::id).collect(Collectors.joining(", "));
  }

  /**
   * Whether a schema has the fields this type's prompt talks about: {@link #GENERIC} fits every schema, the others
   * fit the schemas {@link #detect} would give them.
   */
  public boolean fits(Schema schema) {
    Set<String> names = schema.fieldNames().stream()
        .map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    return switch (this) {
      case GENERIC -> true;
      case PREFERENCE -> names.containsAll(Set.of("prompt", "chosen", "rejected"));
      case MULTI_TURN -> names.contains("conversation") || names.contains("conversations")
          || names.contains("messages");
      case INSTRUCTION_RESPONSE -> PromptFields.pair(schema).isPresent();
    };
  }

  /**
   * Detects the type from the field names: {prompt, chosen, rejected} is a preference set, a
   * {@code conversation}/{@code messages} list is multi-turn, an instruction/response, input/output or
   * question/answer pair is instruction-response; anything else is generic.
   */
  public static DataType detect(Schema schema) {
    Set<String> names = schema.fieldNames().stream()
        .map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    if (names.containsAll(Set.of("prompt", "chosen", "rejected"))) {
      return PREFERENCE;
    }
    if (names.contains("conversation") || names.contains("conversations") || names.contains("messages")) {
      return MULTI_TURN;
    }
    if (PromptFields.pair(schema).isPresent()) {
      return INSTRUCTION_RESPONSE;
    }
    return GENERIC;
  }
}
