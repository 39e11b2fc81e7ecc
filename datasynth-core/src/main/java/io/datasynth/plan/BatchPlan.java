package io.datasynth.plan;

import io.datasynth.seed.Seed;
import java.util.List;

/**
 * What the plan asks of one prompt: the combinations its records must have, the seed examples to lean on, and the
 * region of the seed set to move away from. Immutable.
 *
 * @param parts the records asked for, by combination, in order; empty when the plan has no axes
 * @param examples the seeds to show, or null to let the prompt builder sample them
 * @param avoid seeds that records so far resemble most, to move away from; may be empty
 */
public record BatchPlan(List<Part> parts, List<Seed> examples, List<Seed> avoid) {
  /** Nothing planned: examples sampled, no combination. */
  public static final BatchPlan NONE = new BatchPlan(List.of(), null, List.of());

  public BatchPlan {
    parts = List.copyOf(parts);
    examples = examples == null ? null : List.copyOf(examples);
    avoid = List.copyOf(avoid);
  }

  /** The combination of a prompt with one part, or {@link Combination#NONE}. */
  public Combination combination() {
    return parts.size() == 1 ? parts.get(0).combination() : Combination.NONE;
  }
}
