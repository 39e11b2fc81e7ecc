package io.datasynth.engine;

/**
 * Lets another thread (a Ctrl-C handler, an MCP cancellation) stop a run: {@link #stop()} stops scheduling and lets
 * requests in flight finish so that what they bring is kept; {@link #abort()} also cancels them. Thread-safe.
 */
public final class RunControl {
  private volatile boolean stopRequested;
  private volatile boolean abortRequested;

  public void stop() {
    stopRequested = true;
  }

  public void abort() {
    stopRequested = true;
    abortRequested = true;
  }

  public boolean isStopRequested() {
    return stopRequested;
  }

  public boolean isAbortRequested() {
    return abortRequested;
  }
}
