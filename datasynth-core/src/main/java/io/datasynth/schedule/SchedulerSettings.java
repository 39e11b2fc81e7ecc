package io.datasynth.schedule;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The knobs of the call scheduler, validated by the API layer's builder.
 *
 * @param maxConcurrency the most calls in flight at once
 * @param maxRetries retries per call after its first attempt
 * @param retryDelay the first back-off delay
 * @param temperatureMax the highest temperature a retry may raise a call's temperature to
 * @param maxCost stop before a call whose worst case would take the spend past this (USD); null for no cap
 * @param maxRequests the most calls to send, retries included; 0 for no cap
 * @param maxWait the longest single wait a provider may ask for; a longer one stops the run
 * @param randomSeed seeds the back-off jitter
 */
public record SchedulerSettings(int maxConcurrency, int maxRetries, Duration retryDelay, double temperatureMax,
    BigDecimal maxCost, long maxRequests, Duration maxWait, long randomSeed) {

  /** Each retry of a call that has a temperature raises it by this much. */
  public static final double TEMPERATURE_STEP = 0.05;
  /** Consecutive calls given up that stop a run which had succeeded before. */
  public static final int FAILURE_STREAK = 3;
  /** The longest wait a provider may ask for before a run stops instead of waiting. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(15);

  public SchedulerSettings {
    if (maxConcurrency < 1 || maxRetries < 0 || retryDelay == null || maxWait == null) {
      throw new IllegalArgumentException("invalid scheduler settings: " + maxConcurrency + "/" + maxRetries);
    }
  }
}
