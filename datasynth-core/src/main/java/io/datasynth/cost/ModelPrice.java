package io.datasynth.cost;

import io.datasynth.provider.Usage;
import java.util.Objects;

/**
 * What one model costs, in US dollars per million tokens of each kind.
 *
 * <p>Prices are the provider's standard rates; {@link #cost(Usage, Billing)} applies the batch discount. They do not
 * cover long-context surcharges, regional or priority tiers, or tool fees.
 *
 * @param model the model id the price is listed under, e.g. {@code claude-sonnet-4-5}; never blank
 * @param inputPerMTok uncached input tokens
 * @param outputPerMTok output tokens, reasoning tokens included
 * @param cachedInputPerMTok input tokens read from the prompt cache
 * @param cacheWritePerMTok input tokens written to the prompt cache (Anthropic's 5-minute cache write; for
 *     providers that bill cache writes as plain input, the input price)
 * @param cacheWrite1hPerMTok input tokens written to the prompt cache with a one-hour lifetime (Anthropic: twice
 *     the input price)
 * @param batchFactor what a batch request costs as a fraction of the same request online (0.5: half price), for
 *     every kind of token; above 0, at most 1
 */
public record ModelPrice(
    String model,
    double inputPerMTok,
    double outputPerMTok,
    double cachedInputPerMTok,
    double cacheWritePerMTok,
    double cacheWrite1hPerMTok,
    double batchFactor) {

  private static final double TOKENS_PER_MTOK = 1_000_000.0;
  /** Both batch APIs bill every token at half the online price. */
  public static final double DEFAULT_BATCH_FACTOR = 0.5;
  /** Anthropic bills one-hour cache writes at twice the input price. */
  public static final double DEFAULT_1H_WRITE_MULTIPLIER = 2.0;

  /** A price with the documented defaults for one-hour cache writes and batches. */
  public ModelPrice(String model, double inputPerMTok, double outputPerMTok, double cachedInputPerMTok,
      double cacheWritePerMTok) {
    this(model, inputPerMTok, outputPerMTok, cachedInputPerMTok, cacheWritePerMTok,
        inputPerMTok * DEFAULT_1H_WRITE_MULTIPLIER, DEFAULT_BATCH_FACTOR);
  }

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException if the model is blank or a price is negative, NaN or infinite
   */
  public ModelPrice {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model is blank; give the model id the price is for");
    }
    requirePrice(model, "inputPerMTok", inputPerMTok);
    requirePrice(model, "outputPerMTok", outputPerMTok);
    requirePrice(model, "cachedInputPerMTok", cachedInputPerMTok);
    requirePrice(model, "cacheWritePerMTok", cacheWritePerMTok);
    requirePrice(model, "cacheWrite1hPerMTok", cacheWrite1hPerMTok);
    if (!(batchFactor > 0 && batchFactor <= 1)) {
      throw new IllegalArgumentException("batchFactor of " + model + " is " + batchFactor
          + "; a batch costs a fraction above 0 and at most 1 of the online price");
    }
  }

  /**
   * The cost in US dollars of {@code usage} (not null) at these prices. Each kind of token is billed once;
   * reasoning tokens are billed as the output tokens they are part of, not again.
   */
  public double cost(Usage usage) {
    double micros = usage.inputTokens() * inputPerMTok
        + usage.cacheReadTokens() * cachedInputPerMTok
        + (usage.cacheWriteTokens() - usage.cacheWrite1hTokens()) * cacheWritePerMTok
        + usage.cacheWrite1hTokens() * cacheWrite1hPerMTok
        + usage.outputTokens() * outputPerMTok;
    return micros / TOKENS_PER_MTOK;
  }

  /** The cost in US dollars of {@code usage} billed as {@code billing}: batches at {@link #batchFactor()}. */
  public double cost(Usage usage, Billing billing) {
    double online = cost(usage);
    return billing == Billing.BATCH ? online * batchFactor : online;
  }

  /**
   * What {@code usage} would have cost, billed as {@code billing}, had nothing been cached: every cache read and
   * write billed as plain input.
   */
  public double uncachedCost(Usage usage, Billing billing) {
    Usage plain = new Usage(usage.promptTokens(), usage.outputTokens(), 0, 0, usage.reasoningTokens());
    return cost(plain, billing);
  }

  private static void requirePrice(String model, String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(
          name + " of " + model + " is " + value + "; prices must be finite and at least 0");
    }
  }
}
