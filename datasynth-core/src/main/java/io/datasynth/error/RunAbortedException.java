package io.datasynth.error;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An unexpected failure, a bug or running out of memory, that stopped a generation run after its journal was
 * opened. It carries what the user needs to go on: the journal keeps every record accepted before the failure, and
 * running the same command again resumes from it. The cause is the failure itself.
 *
 * <p>The run's code throws it, wrapping whatever escaped the engine; adapters find it with {@link #in(Throwable)}
 * and say "the journal is intact" instead of showing a stack trace. Expected failures ({@link DataSynthException})
 * are not wrapped: they already say what to do.
 */
public final class RunAbortedException extends RuntimeException {
  private final transient Path journal;
  private final long journaledRecords;

  private RunAbortedException(Path journal, long journaledRecords, Throwable cause) {
    super("the run stopped on an unexpected error; its journal " + journal + " is intact", cause);
    this.journal = journal;
    this.journaledRecords = journaledRecords;
  }

  /**
   * Wraps a failure that escaped a run whose journal is {@code journal}; a failure that is already one of these, or
   * is a {@link DataSynthException}, is returned as it is (rethrow it as such).
   *
   * @param journaledRecords the records the journal held when the run stopped, or -1 when unknown
   */
  public static RuntimeException of(Throwable failure, Path journal, long journaledRecords) {
    Objects.requireNonNull(journal, "journal");
    if (failure instanceof RunAbortedException r) {
      return r;
    }
    if (failure instanceof DataSynthException d) {
      return d;
    }
    return new RunAbortedException(journal, journaledRecords, failure);
  }

  /** The one in a failure's chain of causes, if any. */
  public static Optional<RunAbortedException> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RunAbortedException r) {
        return Optional.of(r);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** The journal that holds the records accepted so far. */
  public Path journal() {
    return journal;
  }

  /** The records the journal held when the run stopped, or -1 when unknown. */
  public long journaledRecords() {
    return journaledRecords;
  }
}
