package io.datasynth.provider;

/**
 * Token usage a provider reported for one call, or a sum of them.
 *
 * <p>The five counts do not overlap except for {@code reasoningTokens}, which is a part of
 * {@code outputTokens}, so every token is billed exactly once:
 *
 * <ul>
 *   <li>{@code inputTokens}: uncached input tokens. Anthropic's {@code usage.input_tokens}; for OpenAI,
 *       {@code prompt_tokens - prompt_tokens_details.cached_tokens}.
 *   <li>{@code outputTokens}: generated tokens, including any reasoning or thinking tokens. Anthropic's
 *       {@code output_tokens}; OpenAI's {@code completion_tokens}.
 *   <li>{@code cacheReadTokens}: input tokens served from the prompt cache. Anthropic's
 *       {@code cache_read_input_tokens}; OpenAI's {@code prompt_tokens_details.cached_tokens}.
 *   <li>{@code cacheWriteTokens}: input tokens written to the prompt cache. Anthropic's
 *       {@code cache_creation_input_tokens}; 0 for OpenAI, which does not report writes separately.
 *   <li>{@code reasoningTokens}: the part of {@code outputTokens} the model spent reasoning. OpenAI's
 *       {@code completion_tokens_details.reasoning_tokens}; 0 when the provider does not report it
 *       (Anthropic counts thinking inside {@code output_tokens} without a breakdown).
 *   <li>{@code cacheWrite1hTokens}: the part of {@code cacheWriteTokens} written with a one-hour lifetime, which
 *       is billed higher than the five-minute default. Anthropic's {@code cache_creation.ephemeral_1h_input_tokens};
 *       0 elsewhere.
 * </ul>
 *
 * <p>All counts are non-negative, {@code reasoningTokens <= outputTokens} and
 * {@code cacheWrite1hTokens <= cacheWriteTokens}; the constructor rejects
 * anything else with {@link IllegalArgumentException}. Immutable and thread-safe.
 */
public record Usage(
    long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens, long reasoningTokens,
    long cacheWrite1hTokens) {

  /** No tokens at all: the identity for {@link #plus(Usage)}. */
  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  /** A usage whose cache writes all have the five-minute lifetime. */
  public Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
      long reasoningTokens) {
    this(inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, 0);
  }

  public Usage {
    requireNonNegative("inputTokens", inputTokens);
    requireNonNegative("outputTokens", outputTokens);
    requireNonNegative("cacheReadTokens", cacheReadTokens);
    requireNonNegative("cacheWriteTokens", cacheWriteTokens);
    requireNonNegative("reasoningTokens", reasoningTokens);
    requireNonNegative("cacheWrite1hTokens", cacheWrite1hTokens);
    if (cacheWrite1hTokens > cacheWriteTokens) {
      throw new IllegalArgumentException("cacheWrite1hTokens is " + cacheWrite1hTokens + " but cacheWriteTokens is "
          + cacheWriteTokens + "; one-hour cache writes are a part of the cache writes");
    }
    if (reasoningTokens > outputTokens) {
      throw new IllegalArgumentException(
          "reasoningTokens is " + reasoningTokens + " but outputTokens is " + outputTokens
              + "; reasoning tokens are a part of the output tokens");
    }
  }

  /**
   * The field-by-field sum of this usage and {@code other} (not null).
   *
   * @throws ArithmeticException if a sum overflows a {@code long}
   */
  public Usage plus(Usage other) {
    return new Usage(
        Math.addExact(inputTokens, other.inputTokens),
        Math.addExact(outputTokens, other.outputTokens),
        Math.addExact(cacheReadTokens, other.cacheReadTokens),
        Math.addExact(cacheWriteTokens, other.cacheWriteTokens),
        Math.addExact(reasoningTokens, other.reasoningTokens),
        Math.addExact(cacheWrite1hTokens, other.cacheWrite1hTokens));
  }

  /** All input tokens, however billed: uncached, read from the cache and written to it. */
  public long promptTokens() {
    return Math.addExact(Math.addExact(inputTokens, cacheReadTokens), cacheWriteTokens);
  }

  /**
   * Every token billed: input + cache reads + cache writes + output. Reasoning tokens are not added again,
   * since they are already inside the output tokens.
   *
   * @throws ArithmeticException if the sum overflows a {@code long}
   */
  public long totalTokens() {
    return Math.addExact(
        Math.addExact(inputTokens, cacheReadTokens), Math.addExact(cacheWriteTokens, outputTokens));
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " is " + value + "; token counts cannot be negative");
    }
  }
}
