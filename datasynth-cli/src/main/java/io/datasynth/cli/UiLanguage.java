package io.datasynth.cli;

import io.datasynth.error.ConfigException;
import io.datasynth.text.UiLocale;
import java.util.Locale;
import java.util.Map;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;

/**
 * The language DataSynth speaks to its user: {@code --ui-lang zh|en}, else {@code DATASYNTH_UI_LANG}, else the
 * locale's messages category ({@code LC_ALL}, then {@code LC_MESSAGES}, then {@code LANG}, as POSIX orders them).
 * Chinese for any {@code zh} locale, English otherwise ({@code C}, {@code POSIX}, unset or anything else).
 */
final class UiLanguage {
  /** The environment variable that chooses the language, for scripts and MCP clients. */
  static final String VARIABLE = UiLocale.VARIABLE;

  private UiLanguage() {}

  /**
   * The language to use.
   *
   * @param flag the value of {@code --ui-lang}, or null when not given
   * @throws ConfigException when {@code flag} or {@value #VARIABLE} is neither zh nor en
   */
  static Locale choose(String flag, Map<String, String> env) {
    if (flag != null) {
      return explicit(flag, Setting.UI_LANG);
    }
    String chosen = env.get(VARIABLE);
    if (chosen != null && !chosen.isBlank()) {
      return explicit(chosen, VARIABLE);
    }
    return UiLocale.of(env);
  }

  /** The language of the environment alone, for code that sees no command line (a context made in a test). */
  static Locale fromEnvironment(Map<String, String> env) {
    try {
      return choose(null, env);
    } catch (ConfigException e) {
      return Locale.ROOT;
    }
  }

  /** @param where the setting or the variable that gave the value */
  private static Locale explicit(String value, Object where) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("zh") || v.startsWith("zh_") || v.startsWith("zh-") || v.equals("cn") || v.equals("chinese")) {
      return Locale.CHINESE;
    }
    if (v.equals("en") || v.startsWith("en_") || v.startsWith("en-") || v.equals("english")) {
      return Locale.ROOT;
    }
    throw new ConfigException(Setting.UI_LANG, Message.of("error.ui_lang", value, where));
  }
}
