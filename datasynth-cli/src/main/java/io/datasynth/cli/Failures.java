package io.datasynth.cli;

import io.datasynth.error.RunAbortedException;
import io.datasynth.secret.Redactor;
import java.util.Locale;
import java.util.Optional;

/**
 * Words for failures nobody planned for: running out of memory, or a bug. One line, never a stack trace (that
 * takes {@code --stacktrace}), saying what happened, whether a run's journal is intact and what to do.
 *
 * @param redactor masks keys in whatever the failure's message quotes
 * @param launcher how the user started DataSynth ({@code bin/datasynth}), or null for {@code java -jar}
 * @param maxHeapBytes the JVM's heap limit, to suggest a larger one
 */
record Failures(Redactor redactor, String launcher, long maxHeapBytes) {
  /** Messages are cut here: a failure's text may quote a whole input. */
  private static final int MAX_DETAIL = 300;

  /** The one line for stderr, starting with {@code error:} or {@code internal error:}. */
  String describe(Throwable failure) {
    Optional<RunAbortedException> aborted = RunAbortedException.in(failure);
    String journal = aborted.map(Failures::journalNote).orElse("");
    if (outOfMemory(failure)) {
      return "error: DataSynth ran out of memory (the Java heap of " + gib(maxHeapBytes) + " is full)" + journal
          + "; give Java more memory: " + moreMemory();
    }
    Throwable shown = aborted.isPresent() && aborted.get().getCause() != null ? aborted.get().getCause() : failure;
    String detail = redactor.scrub(shown.toString()).replaceAll("\\s+", " ");
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL) + "…";
    }
    return "internal error: " + detail + journal + " (re-run with --stacktrace for details and report it)";
  }

  /** Whether an {@link OutOfMemoryError} is the failure or one of its causes. */
  static boolean outOfMemory(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private static String journalNote(RunAbortedException r) {
    return "; the run stopped, and its journal " + r.journal() + " is intact"
        + (r.journaledRecords() >= 0 ? " (" + r.journaledRecords() + " records)" : "")
        + ": run the same command again to resume";
  }

  /** How to start DataSynth with twice the heap (at least 2 GiB), the way the user started it. */
  private String moreMemory() {
    long gib = Math.max(2, (long) Math.ceil(2.0 * maxHeapBytes / (1L << 30)));
    String xmx = "-Xmx" + gib + "g";
    return launcher != null ? "DATASYNTH_JAVA_OPTS=" + xmx + " " + launcher + " …"
        : "java " + xmx + " -jar datasynth.jar … (with bin/datasynth: DATASYNTH_JAVA_OPTS=" + xmx + ")";
  }

  private static String gib(long bytes) {
    return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
        : String.format(Locale.ROOT, "%d MiB", bytes >> 20);
  }
}
