package io.datasynth.error;

import io.datasynth.text.Message;

/**
 * A setting that cannot work, named with its value and the fix, e.g. "concurrency is 0; set it to at least 1". The
 * setting at fault, when there is one, is data, so each adapter can name it its own way.
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

  /** A combination of inputs that cannot work, as data, with the failure that showed it. */
  public ConfigException(Message detail, Throwable cause) {
    super(detail, cause);
    this.setting = null;
  }

  /** The setting at fault, or null when the problem is not one setting's. */
  public Setting setting() {
    return setting;
  }

  @Override
  public boolean isUsageError() {
    return true;
  }
}
