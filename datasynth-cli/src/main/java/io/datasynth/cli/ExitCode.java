package io.datasynth.cli;

/** The process exit codes, in one place. */
public final class ExitCode {
  /** Everything asked for was done. */
  public static final int OK = 0;
  /** The run failed (provider errors, a full disk, invalid records found by validate, a failed post-hook). */
  public static final int FAILED = 1;
  /** Bad usage or bad input: nothing was done. */
  public static final int USAGE = 2;
  /** Stopped by Ctrl-C; what was accepted is kept. */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
