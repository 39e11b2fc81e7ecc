package io.datasynth.cost;

import io.datasynth.provider.Usage;
import java.util.Objects;

/**
 * What one model costs, in US dollars per million tokens of each kind.
 *
 * <p>Prices are the provider's standard (non-batch) rates. They do not cover batch discounts, long-context
 * surcharges, regional or priority tiers, or tool fees.
 *
 * @param model the model id the price is listed under, e.g. {@code claude-sonnet-4-5}; never blank
 * @param inputPerMTok uncached input tokens
 * @param outputPerMTok output tokens, reasoning tokens included
 * @param cachedInputPerMTok input tokens read from the prompt cache
 * @param cacheWritePerMTok input tokens written to the prompt cache (Anthropic's 5-minute cache write; for
 *     providers that bill cache writes as plain input, the input price)
 */
public record ModelPrice(
    String model,
    double inputPerMTok,
    double outputPerMTok,
    double cachedInputPerMTok,
    double cacheWritePerMTok) {

  private static final double TOKENS_PER_MTOK = 1_000_000.0;

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
  }

  /**
   * The cost in US dollars of {@code usage} (not null) at these prices. Each kind of token is billed once;
   * reasoning tokens are billed as the output tokens they are part of, not again.
   */
  public double cost(Usage usage) {
    double micros = usage.inputTokens() * inputPerMTok
        + usage.cacheReadTokens() * cachedInputPerMTok
        + usage.cacheWriteTokens() * cacheWritePerMTok
        + usage.outputTokens() * outputPerMTok;
    return micros / TOKENS_PER_MTOK;
  }

  private static void requirePrice(String model, String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(
          name + " of " + model + " is " + value + "; prices must be finite and at least 0");
    }
  }
}
