package io.datasynth.cli;

import io.datasynth.error.DataSynthException;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import io.datasynth.text.SettingNames;
import java.util.Locale;

/** How the command line words core messages: settings as its flags. */
final class CliText {
  /** Each setting as the flag that sets it. */
  static final SettingNames FLAGS = CliText::flag;

  private final Messages messages;

  CliText(Locale locale) {
    this.messages = new Messages(locale, FLAGS);
  }

  static CliText english() {
    return new CliText(Locale.ROOT);
  }

  String render(Message m) {
    return messages.render(m);
  }

  /** An exception's message, rendered from its data when it has some. */
  String message(Throwable e) {
    return e instanceof DataSynthException d && d.detail() != null ? render(d.detail()) : e.getMessage();
  }

  static String flag(Setting s) {
    return switch (s) {
      case COUNT -> "-n/--count";
      case PROVIDER -> "-p/--provider";
      case MODEL -> "-m/--model";
      case TEMPERATURE -> "-t/--temperature";
      case OUTPUT -> "-o/--output";
      case VALIDATE -> "--no-validate";
      case RESUME -> "--resume/--no-resume";
      default -> "--" + s.key().replace('_', '-');
    };
  }
}
