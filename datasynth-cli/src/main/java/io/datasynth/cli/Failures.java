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
 * @param text the user's language
 */
record Failures(Redactor redactor, String launcher, long maxHeapBytes, CliText text) {
  /** Failures told in English. */
  Failures(Redactor redactor, String launcher, long maxHeapBytes) {
    this(redactor, launcher, maxHeapBytes, CliText.english());
  }

  /** Messages are cut here: a failure's text may quote a whole input. */
  private static final int MAX_DETAIL = 300;

  /** The one line for stderr, starting with {@code error:} or {@code internal error:}. */
  String describe(Throwable failure) {
    Optional<RunAbortedException> aborted = RunAbortedException.in(failure);
    String journal = aborted.map(this::journalNote).orElse("");
    if (outOfMemory(failure)) {
      return text.text("cli.error", text.text("cli.failure.memory", gib(maxHeapBytes), journal, moreMemory()));
    }
    Throwable shown = aborted.isPresent() && aborted.get().getCause() != null ? aborted.get().getCause() : failure;
    String detail = io.datasynth.text.Spaces.collapse(redactor.scrub(shown.toString()));
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL) + "…";
    }
    return text.text("cli.failure.internal", detail, journal);
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

  private String journalNote(RunAbortedException r) {
    return text.text("cli.failure.journal", r.journal(), r.journaledRecords() >= 0
        ? text.text("cli.failure.journal.records", text.records(r.journaledRecords())) : "");
  }

  /** How to start DataSynth with twice the heap (at least 2 GiB), the way the user started it. */
  private String moreMemory() {
    long gib = Math.max(2, (long) Math.ceil(2.0 * maxHeapBytes / (1L << 30)));
    String xmx = "-Xmx" + gib + "g";
    return launcher != null ? "DATASYNTH_JAVA_OPTS=" + xmx + " " + launcher + " …"
        : text.text("cli.failure.memory.jar", xmx);
  }

  private static String gib(long bytes) {
    return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
        : String.format(Locale.ROOT, "%d MiB", bytes >> 20);
  }
}
