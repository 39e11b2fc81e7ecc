package io.datasynth.testkit;

/**
 * A validated completion request of either API style, reduced to what the fake needs.
 *
 * @param model the requested model; never blank
 * @param maxTokensGiven the {@code max_tokens} (or {@code max_completion_tokens}) sent; null when absent
 * @param maxTokens the output budget in force: the given value or the style's default
 * @param temperature the temperature sent; null when absent
 * @param prompt all request text (system and messages) joined by newlines
 * @param inputTokens the {@link TokenCounter} count of {@code prompt}
 * @param jsonObject whether the client asked for a JSON object reply (OpenAI {@code response_format})
 */
record CompletionRequest(
    String model,
    Integer maxTokensGiven,
    int maxTokens,
    Double temperature,
    String prompt,
    int inputTokens,
    boolean jsonObject) {}
