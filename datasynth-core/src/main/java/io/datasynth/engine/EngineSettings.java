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
 * @param temperature the base temperature, or null to send none (the model's default); each retry adds
 *     {@link #TEMPERATURE_STEP}, up to {@code temperatureMax}
 * @param temperatureMax the model's highest temperature; ignored when {@code temperature} is null
 * @param reasoningEffort the reasoning effort to ask for, or null for the model's default
 * @param reasoningReserve output tokens left for reasoning on top of the records' own; grows when a reply spends
 *     its whole budget reasoning
 * @param modelMaxTokens the largest output limit the model accepts
 * @param tokensPerRecord the output tokens one record needs, from the seeds' sizes; sizes {@code max_tokens}
 * @param maxTokens a fixed {@code max_tokens}, or 0 to size it per batch from {@code tokensPerRecord} and the
 *     reasoning reserve
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
    Double temperature,
    double temperatureMax,
    String reasoningEffort,
    int reasoningReserve,
    int modelMaxTokens,
    int tokensPerRecord,
    int maxTokens,
    BigDecimal maxCost,
    long maxRequests,
    long randomSeed) {

  public static final double TEMPERATURE_STEP = 0.05;
  /** The records' own share of {@code max_tokens} never exceeds this when sized automatically. */
  public static final int MAX_AUTO_TOKENS = 32_000;
  /** Replies whose acceptance rate falls below this over {@link #COLLAPSE_WINDOW} replies stop the run. */
  public static final double COLLAPSE_RATE = 0.05;
  public static final int COLLAPSE_WINDOW = 10;
  /** Consecutive failed batches (retries exhausted) that stop a run which had succeeded before. */
  public static final int FAILURE_STREAK = 3;

  public EngineSettings {
    if (target < 1 || batchSize < 1 || maxConcurrency < 1 || maxRetries < 0 || tokensPerRecord < 1
        || reasoningReserve < 0 || modelMaxTokens < 1) {
      throw new IllegalArgumentException("invalid engine settings: " + target + "/" + batchSize + "/"
          + maxConcurrency + "/" + maxRetries + "/" + tokensPerRecord + "/" + reasoningReserve + "/"
          + modelMaxTokens);
    }
  }

  /**
   * {@code max_tokens} for a request asking for {@code records} records: the records' estimated size (grown by
   * {@code growth} after cut-off replies) plus {@code reserve} for reasoning, within the model's maximum.
   */
  int maxTokensFor(int records, double growth, int reserve) {
    if (maxTokens > 0) {
      return maxTokens;
    }
    long visible = Math.max(256, Math.min(MAX_AUTO_TOKENS, (long) Math.ceil(tokensPerRecord * growth * records
        * 1.3) + 200));
    return (int) Math.min(modelMaxTokens, visible + reserve);
  }
}
