package io.datasynth.error;

import io.datasynth.text.Message;

/** A run that started with good input and could not finish: provider errors, a full disk, a stalled run. */
public final class RunFailedException extends DataSynthException {

  /** A failure as data, rendered by each adapter in its user's words. */
  public RunFailedException(Message detail, Throwable cause) {
    super(detail, cause);
  }

  @Override
  public boolean isUsageError() {
    return false;
  }
}
