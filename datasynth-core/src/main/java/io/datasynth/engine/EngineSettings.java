package io.datasynth.engine;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The knobs of one generation run, already validated by the API layer's builder.
 *
 * @param target how many accepted records to deliver
 * @param batchSize records asked for per request
 * @param maxConcurrency the most requests in flight at once
 * @param maxRetries retries per batch after its first attempt
 * @param retryDelay the first back-off delay
 * @param temperature the base temperature; each retry adds {@link #TEMPERATURE_STEP}
 * @param tokensPerRecord the output tokens one record needs, from the seeds' sizes; sizes {@code max_tokens}
 * @param maxTokens a fixed {@code max_tokens}, or 0 to size it per batch from {@code tokensPerRecord}
 * @param maxCost stop before a request whose worst case would take the spend past this (USD); null for no cap
 * @param maxRequests the most requests to send (retries included); 0 for no cap
 * @param randomSeed seeds the back-off jitter
 */
public record EngineSettings(
    int target,
    int batchSize,
    int maxConcurrency,
    int maxRetries,
    Duration retryDelay,
    double temperature,
    int tokensPerRecord,
    int maxTokens,
    BigDecimal maxCost,
    long maxRequests,
    long randomSeed) {

  public static final double TEMPERATURE_STEP = 0.05;
  /** {@code max_tokens} never exceeds this when sized automatically. */
  public static final int MAX_AUTO_TOKENS = 32_000;
  /** Replies whose acceptance rate falls below this over {@link #COLLAPSE_WINDOW} replies stop the run. */
  public static final double COLLAPSE_RATE = 0.05;
  public static final int COLLAPSE_WINDOW = 10;
  /** Consecutive failed batches (retries exhausted) that stop a run which had succeeded before. */
  public static final int FAILURE_STREAK = 3;

  public EngineSettings {
    if (target < 1 || batchSize < 1 || maxConcurrency < 1 || maxRetries < 0 || tokensPerRecord < 1) {
      throw new IllegalArgumentException("invalid engine settings: " + target + "/" + batchSize + "/"
          + maxConcurrency + "/" + maxRetries + "/" + tokensPerRecord);
    }
  }

  /** {@code max_tokens} for a request asking for {@code records} records. */
  int maxTokensFor(int records, double growth) {
    if (maxTokens > 0) {
      return maxTokens;
    }
    long sized = (long) Math.ceil(tokensPerRecord * growth * records * 1.3) + 200;
    return (int) Math.max(256, Math.min(MAX_AUTO_TOKENS, sized));
  }
}
