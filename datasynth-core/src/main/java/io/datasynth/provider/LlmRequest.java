package io.datasynth.provider;

/**
 * One chat completion request: a system instruction and one user message.
 *
 * @param system the system instruction; may be empty
 * @param user the user message; not empty
 * @param maxTokens the output token limit, reasoning included, at least 1
 * @param temperature the sampling temperature, or null for the model's default (nothing is sent)
 * @param reasoningEffort the reasoning effort to ask for, or null for the model's default (nothing is sent)
 */
public record LlmRequest(String system, String user, int maxTokens, Double temperature, String reasoningEffort) {
  public LlmRequest {
    if (user == null || user.isEmpty()) {
      throw new IllegalArgumentException("user message is empty");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
    }
    system = system == null ? "" : system;
  }

  /** A request with the model's default sampling and reasoning. */
  public static LlmRequest of(String system, String user, int maxTokens) {
    return new LlmRequest(system, user, maxTokens, null, null);
  }
}
