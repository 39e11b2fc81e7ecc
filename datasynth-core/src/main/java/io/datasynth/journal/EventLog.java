package io.datasynth.journal;

import java.util.List;

/**
 * Where a run's decisions are recorded before they count: {@link JournalEvent}s appended durably, in order. The
 * {@link Journal} beside a local output is one; a job split across machines keeps one per slice on its own storage.
 * Not thread-safe: owned by the run's single writer.
 */
public interface EventLog {

  /** Appends events durably; they count once this returns. */
  void append(List<? extends JournalEvent> events);

  /** Appends one event durably. */
  default void append(JournalEvent event) {
    append(List.of(event));
  }

  /**
   * Appends events that count only after the next {@link #force} (or {@link #append}, which forces what came
   * before it too): a writer that decides several replies in a row makes them durable with one forced write. By
   * default the same as {@link #append}.
   */
  default void write(List<? extends JournalEvent> events) {
    append(events);
  }

  /** Makes every event {@link #write} appended durable; they count once this returns. Nothing to do by default. */
  default void force() {}
}
