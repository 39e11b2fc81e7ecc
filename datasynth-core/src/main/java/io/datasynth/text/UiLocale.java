package io.datasynth.text;

import java.util.Locale;
import java.util.Map;

/**
 * The language an environment asks DataSynth to speak: {@code DATASYNTH_UI_LANG}, else the locale's messages category
 * ({@code LC_ALL}, then {@code LC_MESSAGES}, then {@code LANG}, as POSIX orders them). {@link Locale#CHINESE} for any
 * {@code zh} value, {@link Locale#ROOT} (English) otherwise. Stateless.
 */
public final class UiLocale {
  /** The environment variable that chooses the language over the locale, for scripts and MCP clients. */
  public static final String VARIABLE = "DATASYNTH_UI_LANG";

  private UiLocale() {}

  /** The language of an environment; never null. */
  public static Locale of(Map<String, String> env) {
    for (String v : new String[] {VARIABLE, "LC_ALL", "LC_MESSAGES", "LANG"}) {
      String value = env.get(v);
      if (value != null && !value.isBlank()) {
        return named(value);
      }
    }
    return Locale.ROOT;
  }

  /** {@code zh_CN.UTF-8}, {@code zh-TW}, {@code zh} are Chinese; everything else is English. */
  public static Locale named(String value) {
    return value.strip().toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.CHINESE : Locale.ROOT;
  }
}
