package io.datasynth.api;

import io.datasynth.cost.Billing;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.TokenCounter;
import io.datasynth.prompt.Prompt;
import io.datasynth.provider.Usage;
import io.datasynth.recipe.Inputs;

/**
 * Estimates a run's tokens and cost before spending anything: it builds the real prompts for the real inputs and
 * counts their tokens, and sizes replies from the seeds.
 */
public final class Estimator {
  /** Prompts beyond this many are not built; their tokens are extrapolated from the ones that were. */
  static final int MAX_SAMPLED_BATCHES = 200;
  /** Without inputs: prompt tokens assumed per request (a schema, a rubric and three short examples). */
  public static final int GENERIC_PROMPT_TOKENS_PER_BATCH = 1_200;
  /** Without inputs: output tokens assumed per record (a short instruction and a paragraph of answer). */
  public static final int GENERIC_OUTPUT_TOKENS_PER_RECORD = 250;
  /** How a generic estimate was made, for reports. */
  public static final io.datasynth.text.Message GENERIC_BASIS = io.datasynth.text.Message.of("estimate.generic",
      GENERIC_PROMPT_TOKENS_PER_BATCH, GENERIC_OUTPUT_TOKENS_PER_RECORD);

  private Estimator() {}

  /**
   * The reasoning tokens an estimate counts per request: half the reserve left for them, since the reserve is a
   * ceiling the model rarely fills.
   */
  static long expectedReasoning(int reserve) {
    return reserve / 2;
  }

  /** An estimate without inputs, from {@link #GENERIC_BASIS}. */
  static CostEstimate generic(SynthesisConfig config, int reasoningReserve, ModelPrice price) {
    int batches = (config.count() + config.batchSize() - 1) / config.batchSize();
    long input = (long) batches * GENERIC_PROMPT_TOKENS_PER_BATCH;
    long reasoning = batches * expectedReasoning(reasoningReserve);
    long output = (long) config.count() * GENERIC_OUTPUT_TOKENS_PER_RECORD + reasoning;
    Double cost = price == null ? null : price.cost(new Usage(input, output, 0, 0, 0));
    return new CostEstimate(config.count(), batches, input, output, reasoning, config.model(), cost, GENERIC_BASIS,
        0, 0, 0, false, cost);
  }

  /**
   * An estimate from the run's own prompts.
   *
   * @param plan the prompts and cache hint the run would use; with a hint, the prefix is counted as written by the
   *     first request and read by every later one (a provider may miss the cache now and then, so this is the best
   *     case for the cache)
   * @param billing online, or batch at the batch discount
   */
  static CostEstimate estimate(Inputs inputs, SynthesisConfig config, CostPlan plan, TokenCounter counter,
      int reasoningReserve, ModelPrice price, Billing billing) {
    int count = config.count();
    int batches = (count + config.batchSize() - 1) / config.batchSize();
    int sampled = Math.min(batches, MAX_SAMPLED_BATCHES);
    long sampledInput = 0;
    for (int i = 0; i < sampled; i++) {
      int size = Math.min(config.batchSize(), count - i * config.batchSize());
      Prompt p = plan.prompts().build(i, size);
      sampledInput += counter.count(p.system()) + counter.count(p.user()) + 16;
    }
    long input = Math.round((double) sampledInput * batches / sampled);
    double perRecord = Sizing.averageTokensPerRecord(inputs.schema(), inputs.seeds(), counter);
    long reasoning = batches * expectedReasoning(reasoningReserve);
    long output = Math.round(perRecord * count) + (long) Sizing.REPLY_OVERHEAD * batches + reasoning;
    long write = 0;
    long read = 0;
    if (plan.cache() != null && batches > 0) {
      write = Math.min(input, plan.prefixTokens());
      read = Math.min(input - write, (long) plan.prefixTokens() * (batches - 1));
    }
    boolean longLived = plan.cache() != null && plan.cache().longLived();
    Usage usage = new Usage(input - write - read, output, read, write, 0, longLived ? write : 0);
    Double cost = price == null ? null : price.cost(usage, billing);
    Double list = price == null ? null : price.uncachedCost(usage, Billing.ONLINE);
    return new CostEstimate(count, batches, input, output, reasoning, config.model(), cost, counter.explanation(),
        sampled, read, write, billing == Billing.BATCH, list);
  }
}
