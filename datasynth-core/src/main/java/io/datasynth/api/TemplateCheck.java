package io.datasynth.api;

import io.datasynth.error.Setting;
import io.datasynth.prompt.Template;
import io.datasynth.text.Message;
import java.util.Optional;

/**
 * Whether a user's template asks for the records' format: without {@code {{output_format}}} the model is not told the
 * fields and their types, and most replies are then rejected, so the user is warned before anything is paid for.
 */
final class TemplateCheck {
  private TemplateCheck() {}

  /** The warning for a template without {@code {{output_format}}}, or empty. */
  static Optional<Message> check(SynthesisConfig config) {
    Template t = config.template();
    return t != null && !t.text().contains("{{output_format}}")
        ? Optional.of(Message.of("notice.template.no_output_format", Setting.TEMPLATE)) : Optional.empty();
  }
}
