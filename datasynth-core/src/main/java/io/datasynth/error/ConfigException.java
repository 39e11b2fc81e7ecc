package io.datasynth.error;

/**
 * A setting that cannot work, named with its value and the fix, e.g. "concurrency is 0; set it to at least 1
 * (--concurrency)".
 *
 * <p>{@link #setting()} names the setting at fault when one is, the way a config file or an MCP tool spells it
 * ({@code batch_size}), so an adapter can point at where the value came from.
 */
public final class ConfigException extends DataSynthException {
  private final String setting;

  public ConfigException(String message) {
    this(null, message, null);
  }

  public ConfigException(String message, Throwable cause) {
    this(null, message, cause);
  }

  private ConfigException(String setting, String message, Throwable cause) {
    super(message, cause);
    this.setting = setting;
  }

  /** A problem with one setting, named in snake case as in a config file ({@code near_dup}). */
  public static ConfigException forSetting(String setting, String message) {
    return new ConfigException(setting, message, null);
  }

  /** The setting at fault in snake case, or null when the problem is not one setting's. */
  public String setting() {
    return setting;
  }

  @Override
  public boolean isUsageError() {
    return true;
  }
}
