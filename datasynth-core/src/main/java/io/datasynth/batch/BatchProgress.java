package io.datasynth.batch;

import io.datasynth.provider.batch.BatchState;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a run's provider batches, for progress lines, the summary and {@code status}.
 *
 * @param batches every batch this run submitted or resumed, oldest first
 * @param waiting calls gathered for the next batch and not submitted yet
 */
public record BatchProgress(List<Batch> batches, int waiting) {
  public static final BatchProgress NONE = new BatchProgress(List.of(), 0);

  public BatchProgress {
    batches = List.copyOf(batches);
  }

  /**
   * One batch.
   *
   * @param id the provider's id; null while it is being created
   * @param requests the items it holds
   * @param state the provider's last answer about it; null before the first
   * @param submittedAt when it was submitted
   * @param collected whether its results have been handed back
   */
  public record Batch(String id, int requests, BatchState state, Instant submittedAt, boolean collected) {
    public boolean running() {
      return !collected;
    }
  }

  /** Batches still waiting at the provider or not collected yet. */
  public List<Batch> running() {
    return batches.stream().filter(Batch::running).toList();
  }

  /** The item counts of the running batches, as the provider last reported them. */
  public BatchState.Counts runningCounts() {
    BatchState.Counts c = BatchState.Counts.NONE;
    for (Batch b : running()) {
      c = c.plus(b.state() == null ? new BatchState.Counts(b.requests(), b.requests(), 0, 0, 0, 0)
          : b.state().counts());
    }
    return c;
  }
}
