package io.datasynth.engine;

/** How a run ended. */
public sealed interface RunOutcome {

  /** Every requested record was accepted. */
  record Completed() implements RunOutcome {}

  /** The run stopped early on purpose; the records so far are kept. */
  record Stopped(Reason reason, String message) implements RunOutcome {}

  /** The run could not go on (provider refused, failures persisted, acceptance collapsed). */
  record Failed(String message) implements RunOutcome {}

  /** Why a run stopped early. */
  enum Reason {
    INTERRUPTED,
    BUDGET,
    MAX_REQUESTS
  }
}
