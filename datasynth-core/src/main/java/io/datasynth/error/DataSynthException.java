package io.datasynth.error;

import io.datasynth.text.Message;
import io.datasynth.text.Messages;

/**
 * A failure the user can act on: bad input, bad configuration or a run that could not finish.
 *
 * <p>The message is one line that names what happened, which input caused it and what to try next. It never
 * contains an API key.
 */
public abstract sealed class DataSynthException extends RuntimeException
    permits InputException, ConfigException, RunFailedException {
  private final transient Message detail;

  /** An exception whose message is data, rendered by each adapter in its user's words. */
  protected DataSynthException(Message detail, Throwable cause) {
    super(Messages.english().render(detail), cause);
    this.detail = detail;
  }

  /** The message as data; never null. */
  public Message detail() {
    return detail;
  }

  /** Whether the user's input or settings caused this (exit code 2), rather than the run itself (exit code 1). */
  public abstract boolean isUsageError();
}
