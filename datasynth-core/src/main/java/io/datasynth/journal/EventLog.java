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
}
