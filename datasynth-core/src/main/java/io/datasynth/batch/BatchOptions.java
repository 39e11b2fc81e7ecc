package io.datasynth.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a {@link BatchDispatcher} gathers, submits and waits.
 *
 * @param settle a batch is submitted once no call has joined it for this long (calls arrive in bursts: the first
 *     wave at once, the retries of a batch within a few seconds of each other)
 * @param firstPoll the first wait before looking at a new batch; each later wait doubles, up to {@code maxPoll}
 * @param maxPoll the longest wait between two looks at a batch
 * @param deadline when the user stops waiting for batches: they are cancelled, their finished items collected,
 *     and what is left is sent online; null for no deadline
 * @param topUpOnline whether every call after the first batch goes online (the user wants it done now) rather
 *     than into the next batch
 * @param warmUp whether to send one call online and wait for its reply before submitting a batch, so that the
 *     batch reads a warm prompt cache
 * @param warmUpEvery a warm-up older than this is repeated before the next batch (the cache entry's lifetime)
 * @param onlineConcurrency the most calls sent online at once
 */
public record BatchOptions(Duration settle, Duration firstPoll, Duration maxPoll, Instant deadline,
    boolean topUpOnline, boolean warmUp, Duration warmUpEvery, int onlineConcurrency) {

  /** Seconds at first, then minutes. */
  public static final Duration FIRST_POLL = Duration.ofSeconds(5);
  public static final Duration MAX_POLL = Duration.ofMinutes(5);
  public static final Duration SETTLE = Duration.ofSeconds(2);
  /** Just under the one-hour cache lifetime batch mode asks for. */
  public static final Duration WARM_UP_EVERY = Duration.ofMinutes(50);

  public BatchOptions {
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(firstPoll, "firstPoll");
    Objects.requireNonNull(maxPoll, "maxPoll");
    Objects.requireNonNull(warmUpEvery, "warmUpEvery");
    if (onlineConcurrency < 1) {
      throw new IllegalArgumentException("onlineConcurrency must be at least 1, was " + onlineConcurrency);
    }
  }

  /** The defaults, with a deadline (or null) and the online concurrency. */
  public static BatchOptions defaults(Instant deadline, boolean topUpOnline, boolean warmUp, int onlineConcurrency) {
    return new BatchOptions(SETTLE, FIRST_POLL, MAX_POLL, deadline, topUpOnline, warmUp, WARM_UP_EVERY,
        onlineConcurrency);
  }

  /** These options with other waits: for tests against a fake whose batches end in milliseconds. */
  public BatchOptions withWaits(Duration settleFor, Duration first, Duration max) {
    return new BatchOptions(settleFor, first, max, deadline, topUpOnline, warmUp, warmUpEvery, onlineConcurrency);
  }
}
