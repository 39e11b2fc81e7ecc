package io.datasynth.engine;

/** How a run ended and its final counts. */
public record EngineResult(RunOutcome outcome, RunStats stats) {
  public boolean completed() {
    return outcome instanceof RunOutcome.Completed;
  }
}
