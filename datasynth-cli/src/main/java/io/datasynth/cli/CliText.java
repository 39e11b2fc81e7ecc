package io.datasynth.cli;

import io.datasynth.error.Command;
import io.datasynth.error.DataSynthException;
import io.datasynth.error.Setting;
import io.datasynth.error.SettingValue;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import io.datasynth.text.SettingNames;
import java.util.Locale;

/** How the command line words messages, in the user's language ({@link UiLanguage}): settings as its flags. */
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

    @Override
    public String command(Command c) {
      return "datasynth " + c.key();
    }
  };

  private final Messages messages;

  /** The command line's own bundle, looked up before the core's. */
  static final String BUNDLE = "io.datasynth.cli.cli";

  CliText(Locale locale) {
    this(locale, FLAGS);
  }

  private CliText(Locale locale, SettingNames names) {
    this.messages = new Messages(locale, names, java.util.List.of(BUNDLE));
  }

  public static CliText english() {
    return new CliText(Locale.ROOT);
  }

  /** The language the environment asks for ({@code DATASYNTH_UI_LANG}, else the locale), for other launchers. */
  public static CliText forEnvironment(java.util.Map<String, String> env) {
    return new CliText(UiLanguage.fromEnvironment(env));
  }

  public String render(Message m) {
    return messages.render(m);
  }

  /** The text of one key of either bundle with these arguments. */
  public String text(String key, Object... args) {
    return messages.text(key, args);
  }

  /** The same language with settings named by their keys ({@code batch_size}), as a config file names them. */
  CliText asKeys() {
    return new CliText(messages.locale(), SettingNames.KEYS);
  }

  /** A kind of failure ({@code overloaded}, {@code server error}, …), as the core labels it, in this language. */
  String failure(String label) {
    String key = io.datasynth.provider.CallResult.Failure.messageKey(label);
    return messages.has(key) ? text(key) : label;
  }

  /** Whether this speaks Chinese. */
  boolean chinese() {
    return Messages.isChinese(messages.locale());
  }

  /** "1 record", "2 records", "3 条记录": a count with its noun in the right form, thousands separated. */
  String records(long n) {
    return text("cli.records", n);
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
