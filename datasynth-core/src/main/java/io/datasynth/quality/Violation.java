package io.datasynth.quality;

import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import java.util.Objects;

/**
 * One way a candidate record breaks the schema.
 *
 * @param field the field at fault; empty when the whole record is at fault ({@link Rule#NOT_AN_OBJECT})
 * @param rule the rule broken; never null
 * @param detail what is wrong, as a message each adapter renders in its user's language, in English the original
 *     tool's words where it had them, e.g. {@code quality: 10 out of range [1, 5]}; never null
 */
public record Violation(String field, Rule rule, Message detail) {
  public Violation {
    field = field == null ? "" : field;
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(detail, "detail");
  }

  /** The detail in English: what files, journals and repair prompts keep. */
  public String message() {
    return Messages.english().render(detail);
  }
}
