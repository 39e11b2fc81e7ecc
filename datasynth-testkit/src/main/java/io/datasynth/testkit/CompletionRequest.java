package io.datasynth.testkit;

/**
 * A completion request of either API style that passed the style's schema checks, reduced to what the fake's
 * model rules and replies need.
 *
 * @param model the requested model; never blank
 * @param limits the output-limit fields as sent
 * @param maxTokens the output budget in force: the limit sent or the style's default
 * @param sampling the sampling parameters as sent
 * @param thinking Anthropic's {@code thinking} field; null when absent (and always for OpenAI)
 * @param effort Anthropic's {@code output_config.effort} or OpenAI's {@code reasoning_effort}; null when absent
 * @param verbosity OpenAI's {@code verbosity}; null when absent
 * @param stream whether the client asked for server-sent events
 * @param includeUsage OpenAI's {@code stream_options.include_usage}
 * @param endsWithAssistant whether the last message is the assistant's (a prefill)
 * @param prompt all request text (system and messages) joined by newlines
 * @param inputTokens the {@link TokenCounter} count of {@code prompt}
 * @param format the structured-output format asked for ({@code response_format} / {@code output_config.format});
 *     null for free text
 * @param cache where the prompt may be cached: its blocks' prefix hashes and breakpoints
 */
record CompletionRequest(
    String model,
    Limits limits,
    int maxTokens,
    Sampling sampling,
    Thinking thinking,
    String effort,
    String verbosity,
    boolean stream,
    boolean includeUsage,
    boolean endsWithAssistant,
    String prompt,
    int inputTokens,
    ResponseFormat format,
    CacheLayout cache) {

  /** Whether the client asked for a JSON reply. */
  boolean jsonObject() {
    return format != null;
  }

  /**
   * The output-limit fields as sent; each null when absent.
   *
   * @param maxTokens {@code max_tokens}
   * @param maxCompletionTokens OpenAI's {@code max_completion_tokens}
   */
  record Limits(Integer maxTokens, Integer maxCompletionTokens) {
    /** The limit the request set, preferring {@code max_completion_tokens}; null when it set none. */
    Integer given() {
      return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    /** The name of the field {@link #given()} came from; null when none. */
    String givenName() {
      return maxCompletionTokens != null ? "max_completion_tokens" : maxTokens != null ? "max_tokens" : null;
    }
  }

  /** The sampling parameters as sent; each null when absent. */
  record Sampling(Double temperature, Double topP, Integer topK, Double presencePenalty, Double frequencyPenalty) {
    static final Sampling NONE = new Sampling(null, null, null, null, null);
  }

  /**
   * Anthropic's {@code thinking} field.
   *
   * @param type {@code enabled}, {@code adaptive}, {@code disabled} or {@code between_tools}
   * @param budgetTokens {@code budget_tokens} of manual extended thinking; null otherwise
   * @param display {@code summarized} or {@code omitted}; null when absent
   */
  record Thinking(String type, Integer budgetTokens, String display) {}

  /** The limit the request set; null when it set none. */
  Integer maxTokensGiven() {
    return limits.given();
  }
}
