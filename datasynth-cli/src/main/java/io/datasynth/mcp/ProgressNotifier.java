package io.datasynth.mcp;

import io.datasynth.cost.CostFormat;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunStats;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a run's progress into MCP progress notifications: {@code progress} is the records accepted so far and
 * {@code total} the records asked for. A notification goes out only when the count grew (MCP requires progress to
 * increase), at most every {@link #MIN_INTERVAL_NANOS}, and always for the last record.
 *
 * <p>Called on the engine thread; sending never throws into the engine (a client that went away only stops the
 * notifications). Notices (e.g. "resuming …") go to the log on stderr.
 */
final class ProgressNotifier implements EngineListener {
  static final long MIN_INTERVAL_NANOS = 100_000_000L;
  private static final Logger LOG = LoggerFactory.getLogger(ProgressNotifier.class);

  private final Object token;
  private final ToolCall.Progress sink;
  private final LongSupplier nanoTime;
  private long lastProgress;
  private long lastSentNanos;
  private boolean failed;

  /**
   * @param token the request's progress token; null sends nothing
   * @param sink where notifications go (the session, in either protocol era)
   */
  ProgressNotifier(Object token, ToolCall.Progress sink, LongSupplier nanoTime) {
    this.token = token;
    this.sink = sink;
    this.nanoTime = nanoTime;
    this.lastSentNanos = nanoTime.getAsLong() - MIN_INTERVAL_NANOS;
  }

  @Override
  public synchronized void onProgress(RunStats s) {
    if (token == null || failed) {
      return;
    }
    long accepted = Math.min(s.accepted(), s.target());
    long now = nanoTime.getAsLong();
    if (accepted <= lastProgress || (accepted < s.target() && now - lastSentNanos < MIN_INTERVAL_NANOS)) {
      return;
    }
    String message = accepted + " of " + s.target() + " records, " + s.requestsSent() + " requests"
        + (s.costUsd() == null ? "" : ", " + CostFormat.usd(s.costUsd()));
    try {
      sink.send(accepted, s.target(), message);
      lastProgress = accepted;
      lastSentNanos = now;
    } catch (RuntimeException e) {
      failed = true;
      LOG.warn("could not send progress ({}); the run goes on", e.toString());
    }
  }

  @Override
  public void onNotice(String message) {
    LOG.info("{}", message);
  }

  @Override
  public void onPause(java.time.Duration pause, io.datasynth.text.Message reason) {
    LOG.info("pausing {} ms: {}", pause.toMillis(), io.datasynth.text.Messages.english().render(reason));
  }
}
