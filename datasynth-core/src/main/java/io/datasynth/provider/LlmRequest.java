package io.datasynth.provider;

/**
 * One chat completion request: a system instruction and one user message.
 *
 * @param system the system instruction; may be empty
 * @param user the user message; not empty
 * @param maxTokens the output token limit, at least 1
 * @param temperature sampling temperature, already capped at the provider's maximum
 */
public record LlmRequest(String system, String user, int maxTokens, double temperature) {
  public LlmRequest {
    if (user == null || user.isEmpty()) {
      throw new IllegalArgumentException("user message is empty");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
    }
    system = system == null ? "" : system;
  }
}
