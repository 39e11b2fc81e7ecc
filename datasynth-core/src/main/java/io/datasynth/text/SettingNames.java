package io.datasynth.text;

import io.datasynth.error.Command;
import io.datasynth.error.Setting;
import io.datasynth.error.SettingValue;

/** How an adapter names a setting or a command to its users: a command-line flag, an MCP argument or tool. */
@FunctionalInterface
public interface SettingNames {
  /** Settings by their config and MCP key, {@code batch_size}; a value as {@code force: true}. */
  SettingNames KEYS = Setting::key;

  String name(Setting setting);

  /** A setting given a value, {@code resume: false} unless the adapter words it otherwise. */
  default String value(SettingValue v) {
    Object value = v.value() instanceof String s ? "\"" + s + "\"" : v.value();
    return name(v.setting()) + ": " + value;
  }

  /** A command to run next, by its command-line name unless the adapter words it otherwise. */
  default String command(Command c) {
    return c.key();
  }
}
