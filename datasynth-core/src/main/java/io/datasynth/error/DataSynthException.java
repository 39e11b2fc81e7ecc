package io.datasynth.error;

/**
 * A failure the user can act on: bad input, bad configuration or a run that could not finish.
 *
 * <p>The message is one line that names what happened, which input caused it and what to try next. It never
 * contains an API key.
 */
public abstract sealed class DataSynthException extends RuntimeException
    permits InputException, ConfigException, RunFailedException {

  protected DataSynthException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether the user's input or settings caused this (exit code 2), rather than the run itself (exit code 1). */
  public abstract boolean isUsageError();
}
