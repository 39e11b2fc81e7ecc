package io.datasynth.prompt;

/**
 * How prompts are written.
 *
 * @param dataType the dataset kind, or null to detect it from the field names
 * @param language the prompt language, or null to detect it from the seeds
 * @param diversity 0 (stay close to the examples) to 1 (vary as much as possible)
 * @param examplesPerPrompt how many seeds each prompt shows (fewer when there are fewer seeds)
 * @param seed the random seed for sampling examples: the same seed gives the same prompts
 * @param template a user template, or null for the built-in ones
 */
public record PromptSettings(
    DataType dataType, Language language, double diversity, int examplesPerPrompt, long seed,
    Template template) {

  public static final double DEFAULT_DIVERSITY = 0.5;
  public static final int DEFAULT_EXAMPLES = 3;

  public PromptSettings {
    if (!(diversity >= 0 && diversity <= 1)) {
      throw new IllegalArgumentException("diversity must be between 0 and 1, was " + diversity);
    }
    if (examplesPerPrompt < 1) {
      throw new IllegalArgumentException("examplesPerPrompt must be at least 1, was " + examplesPerPrompt);
    }
  }

  public static PromptSettings defaults() {
    return new PromptSettings(null, null, DEFAULT_DIVERSITY, DEFAULT_EXAMPLES, 0L, null);
  }
}
