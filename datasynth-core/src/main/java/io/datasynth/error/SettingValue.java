package io.datasynth.error;

import java.util.Objects;

/**
 * A setting with the value a message tells the user to give it ("pass --no-resume", MCP {@code resume: false}), so
 * each adapter can word the pair its own way.
 *
 * @param value the value: a boolean, number or text as the setting takes it
 */
public record SettingValue(Setting setting, Object value) {
  public SettingValue {
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(value, "value");
  }

  public static SettingValue of(Setting setting, Object value) {
    return new SettingValue(setting, value);
  }
}
