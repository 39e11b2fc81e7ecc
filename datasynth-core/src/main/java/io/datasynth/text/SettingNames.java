package io.datasynth.text;

import io.datasynth.error.Setting;

/** How an adapter names a setting to its users: a command-line flag, an MCP argument, a config key. */
@FunctionalInterface
public interface SettingNames {
  /** Settings by their config and MCP key, {@code batch_size}. */
  SettingNames KEYS = Setting::key;

  String name(Setting setting);
}
