package io.datasynth.engine;

import io.datasynth.quality.RejectReason;
import io.datasynth.record.Provenance;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import java.time.Duration;

/**
 * Receives a run's events on the run's thread; implementations must return quickly. Every method has an empty
 * default. Messages are data, rendered by the listener in its user's words.
 */
public interface EngineListener {
  EngineListener NONE = new EngineListener() {};

  /** Called after every event and at least once a second while the run waits. */
  default void onProgress(RunStats stats) {}

  /** A request will be retried after {@code delay} because of {@code reason}. */
  default void onRetry(long batch, int attempt, Message reason, Duration delay) {}

  /** Every send waits {@code pause} because the provider asked (429 or retry-after). */
  default void onPause(Duration pause, Message reason) {}

  /** A record that was paid for is not delivered (for {@code -v}). */
  default void onRejected(RejectReason reason, Provenance provenance) {}

  /** A one-line notice worth showing the user (e.g. max_tokens raised after truncated replies). */
  default void onNotice(String message) {}

  /** A notice as data; by default rendered in English and passed to {@link #onNotice(String)}. */
  default void onNotice(Message message) {
    onNotice(Messages.english().render(message));
  }
}
