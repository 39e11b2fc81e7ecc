package io.datasynth.schedule;

import io.datasynth.provider.CallResult;
import io.datasynth.provider.Usage;
import io.datasynth.text.Message;

/**
 * One kind of work a run does through the {@link CallScheduler}: generating records, judging them. A stage decides
 * what to ask for and what the answers mean; the scheduler decides when calls go out, under the limits, and
 * retries them. Every method but {@link #prepare} runs on the scheduler's one thread, so a stage needs no locks.
 */
public interface Stage {

  /** The next call this stage wants sent, or null when it has nothing to send now. Asked while there is room. */
  Call next();

  /**
   * Work on a completed reply that may run on the HTTP thread that received it, such as parsing and validation;
   * its result is handed to {@link #completed}. Must be thread-safe.
   */
  default Object prepare(Call call, CallResult.Completed reply) {
    return null;
  }

  /**
   * A call completed.
   *
   * @param prepared what {@link #prepare} returned
   * @param usage the tokens billed (estimated when the server reported none)
   */
  void completed(Call call, CallResult.Completed reply, Object prepared, Usage usage);

  /**
   * The scheduler has handed over every reply that was waiting: a stage that journaled their decisions without
   * forcing them (see {@link io.datasynth.journal.EventLog#write}) forces them now, with one write, and only then
   * counts them. Called before anything else is sent or reported.
   */
  default void settle() {}

  /** The scheduler gave up on a call: its retries ran out, or the run is stopping. */
  default void gaveUp(Call call, Message reason) {}

  /** Whether the stage needs nothing more: the run ends when every stage is finished. */
  boolean finished();
}
