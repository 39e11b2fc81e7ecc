package io.datasynth.schedule;

import io.datasynth.text.Message;
import java.time.Duration;

/** What the scheduler tells the run about calls; on the scheduler's thread, returning quickly. */
public interface SchedulerListener {
  SchedulerListener NONE = new SchedulerListener() {};

  /** Called after every event and at least once a second while waiting. */
  default void onTick() {}

  /** A call will be retried after {@code delay}. */
  default void onRetry(Call call, Message reason, Duration delay) {}

  /** Every send waits {@code pause} because the provider asked (429 or retry-after). */
  default void onPause(Duration pause, Message reason) {}

  default void onNotice(Message message) {}
}
