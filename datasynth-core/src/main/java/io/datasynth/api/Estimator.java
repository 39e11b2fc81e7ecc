package io.datasynth.api;

import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.TokenCounter;
import io.datasynth.prompt.Prompt;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.provider.Usage;
import io.datasynth.recipe.Inputs;

/**
 * Estimates a run's tokens and cost before spending anything: it builds the real prompts for the real inputs and
 * counts their tokens, and sizes replies from the seeds.
 */
final class Estimator {
  /** Prompts beyond this many are not built; their tokens are extrapolated from the ones that were. */
  static final int MAX_SAMPLED_BATCHES = 200;

  private Estimator() {}

  static CostEstimate estimate(Inputs inputs, SynthesisConfig config, PromptBuilder prompts, TokenCounter counter,
      ModelPrice price) {
    int count = config.count();
    int batches = (count + config.batchSize() - 1) / config.batchSize();
    int sampled = Math.min(batches, MAX_SAMPLED_BATCHES);
    long sampledInput = 0;
    for (int i = 0; i < sampled; i++) {
      int size = Math.min(config.batchSize(), count - i * config.batchSize());
      Prompt p = prompts.build(i, size);
      sampledInput += counter.count(p.system()) + counter.count(p.user()) + 16;
    }
    long input = Math.round((double) sampledInput * batches / sampled);
    double perRecord = Sizing.averageTokensPerRecord(inputs.schema(), inputs.seeds(), counter);
    long output = Math.round(perRecord * count) + (long) Sizing.REPLY_OVERHEAD * batches;
    Double cost = price == null ? null : price.cost(new Usage(input, output, 0, 0, 0));
    return new CostEstimate(count, batches, input, output, config.model(), cost, counter.description(), sampled);
  }
}
