package io.datasynth.error;

import io.datasynth.text.Message;

/**
 * A setting that cannot work, named with its value and the fix, e.g. "concurrency is 0; set it to at least 1
 * (--concurrency)".
 */
public final class ConfigException extends DataSynthException {
  private final Setting setting;

  /**
   * A setting that cannot work, as data.
   *
   * @param setting the setting at fault, or null when it is a combination of inputs
   * @param detail what is wrong and what to do; its arguments name settings as {@link Setting}s
   */
  public ConfigException(Setting setting, Message detail) {
    super(detail, null);
    this.setting = setting;
  }

  public ConfigException(String message) {
    super(message, null);
    this.setting = null;
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
    this.setting = null;
  }

  /** The setting at fault, or null when not known. */
  public Setting setting() {
    return setting;
  }

  @Override
  public boolean isUsageError() {
    return true;
  }
}
