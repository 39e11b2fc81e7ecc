package io.datasynth.cli;

import io.datasynth.error.DataSynthException;
import io.datasynth.error.Setting;
import io.datasynth.error.SettingValue;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import io.datasynth.text.SettingNames;
import java.util.Locale;

/** How the command line words core messages: settings as its flags. */
public final class CliText {
  /** Each setting as the flag that sets it; a value as the flag that gives it, {@code --no-resume}. */
  static final SettingNames FLAGS = new SettingNames() {
    @Override
    public String name(Setting s) {
      return flag(s);
    }

    @Override
    public String value(SettingValue v) {
      return flagWithValue(v);
    }
  };

  private final Messages messages;

  CliText(Locale locale) {
    this.messages = new Messages(locale, FLAGS);
  }

  public static CliText english() {
    return new CliText(Locale.ROOT);
  }

  public String render(Message m) {
    return messages.render(m);
  }

  /** An exception's message, rendered from its data when it has some. */
  public String message(Throwable e) {
    return e instanceof DataSynthException d && d.detail() != null ? render(d.detail()) : e.getMessage();
  }

  static String flagWithValue(SettingValue v) {
    if (v.value() instanceof Boolean on) {
      return switch (v.setting()) {
        case RESUME -> on ? "--resume" : "--no-resume";
        case VALIDATE -> on ? "--validate" : "--no-validate";
        default -> on ? "--" + v.setting().key().replace('_', '-') : "--no-" + v.setting().key().replace('_', '-');
      };
    }
    String flag = flag(v.setting());
    return flag.substring(flag.lastIndexOf('/') + 1) + " " + v.value();
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
