package io.datasynth.error;

/**
 * A setting that cannot work, named with its value and the fix, e.g. "concurrency is 0; set it to at least 1
 * (--concurrency)".
 */
public final class ConfigException extends DataSynthException {

  public ConfigException(String message) {
    super(message, null);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean isUsageError() {
    return true;
  }
}
