package io.datasynth.provider;

import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import java.util.Locale;
import java.util.Objects;

/**
 * An API key. It is only ever read to build a request header: {@link #toString()} never shows it, so it cannot leak
 * into logs, messages or outputs by accident. A key holds only visible ASCII characters (what an HTTP header can
 * carry); surrounding spaces and line breaks are stripped.
 */
public final class ApiKey {
  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * Wraps a key given in code.
   *
   * @throws IllegalArgumentException when it is blank or holds a character an HTTP header cannot carry; the message
   *     never shows the key
   */
  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "value");
    Message problem = problem(value.strip());
    if (problem != null) {
      throw new IllegalArgumentException(Messages.english().text("key.code", problem));
    }
    return new ApiKey(value.strip());
  }

  /**
   * Wraps a key read from an environment variable, checked before any request is built.
   *
   * @param variable the variable's name, for the message
   * @throws ConfigException naming the variable and the first bad character by code point and position, never the
   *     value
   */
  public static ApiKey fromVariable(String variable, String value) {
    Objects.requireNonNull(value, "value");
    Message problem = problem(value.strip());
    if (problem != null) {
      throw new ConfigException(Setting.API_KEY_ENV, Message.of("key.unusable", variable, problem));
    }
    return new ApiKey(value.strip());
  }

  /** What makes a key unusable, without showing it; null when it is fine. */
  private static Message problem(String key) {
    if (key.isEmpty()) {
      return Message.of("key.blank");
    }
    for (int i = 0; i < key.length(); ) {
      int cp = key.codePointAt(i);
      if (cp < 0x21 || cp > 0x7E) {
        String name = Character.getName(cp);
        return Message.of(cp == 0x200B || cp == 0xFEFF || cp == 0x00A0 ? "key.character.pasted" : "key.character",
            "U+" + String.format(Locale.ROOT, "%04X", cp) + (name == null ? "" : " " + name),
            key.codePointCount(0, i) + 1, key.codePointCount(0, key.length()));
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  /** The key itself, for the request header only. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }
}
