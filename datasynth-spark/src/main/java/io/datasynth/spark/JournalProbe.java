package io.datasynth.spark;

import io.datasynth.journal.JournalEvent;
import java.io.Serializable;
import java.util.List;

/**
 * Sees every batch of events a task journals, right after it is on the job's storage: for monitoring, and for tests
 * that stop a task midway. Runs on the executor, on the task's writer thread; must return quickly. An exception
 * thrown here fails the task attempt, as a crash would, and Spark retries it.
 */
@FunctionalInterface
public interface JournalProbe extends Serializable {
  /** A probe that does nothing. */
  JournalProbe NONE = (partition, attempt, events) -> {};

  /**
   * Events were appended to a partition's journal.
   *
   * @param attempt the task attempt, from 0
   */
  void appended(int partition, int attempt, List<? extends JournalEvent> events);
}
