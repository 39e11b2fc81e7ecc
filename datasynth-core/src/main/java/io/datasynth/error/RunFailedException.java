package io.datasynth.error;

/** A run that started with good input and could not finish: provider errors, a full disk, a stalled run. */
public final class RunFailedException extends DataSynthException {

  public RunFailedException(String message) {
    super(message, null);
  }

  public RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean isUsageError() {
    return false;
  }
}
