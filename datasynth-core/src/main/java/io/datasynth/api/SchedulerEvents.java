package io.datasynth.api;

import io.datasynth.engine.EngineListener;
import io.datasynth.generate.GenerationStage;
import io.datasynth.schedule.Call;
import io.datasynth.schedule.SchedulerListener;
import io.datasynth.text.Message;
import java.time.Duration;

/** Passes the scheduler's retries, pauses and notices on to the engine's listener, a retry named by its batch. */
class SchedulerEvents implements SchedulerListener {
  private final EngineListener listener;

  SchedulerEvents(EngineListener listener) {
    this.listener = listener;
  }

  @Override
  public void onRetry(Call call, Message reason, Duration delay) {
    long batch = call.tag() instanceof GenerationStage.Batch b ? b.index() : -1;
    listener.onRetry(batch, call.attempt(), reason, delay);
  }

  @Override
  public void onPause(Duration pause, Message reason) {
    listener.onPause(pause, reason);
  }

  @Override
  public void onNotice(Message message) {
    listener.onNotice(message);
  }
}
