package io.datasynth.testkit;

/**
 * Whether a reply thinks or reasons before it answers, and how many hidden tokens that spends: the one place that
 * decides it for both styles.
 */
final class Reasoning {
  private Reasoning() {}

  /** Whether an Anthropic request has the model think up front (manual or adaptive thinking, or its default). */
  static boolean anthropicThinks(CompletionRequest request, ModelRule rule) {
    CompletionRequest.Thinking thinking = request.thinking();
    if (thinking == null) {
      return rule.thinksByDefault();
    }
    return thinking.type().equals("enabled") || thinking.type().equals("adaptive");
  }

  /** Whether an OpenAI request reasons: a reasoning model whose effective effort is not {@code none}. */
  static boolean openAiReasons(CompletionRequest request, ModelRule rule) {
    return rule.reasoning() && !"none".equals(rule.effectiveEffort(request.effort()));
  }

  /**
   * The hidden tokens a reply spends before its text: {@code perReply} when the request thinks or reasons, at most
   * the manual {@code budget_tokens} and the output budget; 0 otherwise.
   */
  static int tokens(ApiStyle style, CompletionRequest request, ModelRule rule, int perReply) {
    boolean reasons =
        style == ApiStyle.ANTHROPIC ? anthropicThinks(request, rule) : openAiReasons(request, rule);
    if (!reasons || perReply <= 0) {
      return 0;
    }
    int spent = Math.min(perReply, request.maxTokens());
    CompletionRequest.Thinking thinking = request.thinking();
    if (thinking != null && thinking.budgetTokens() != null) {
      spent = Math.min(spent, thinking.budgetTokens());
    }
    return spent;
  }

  /** Whether Anthropic thinking blocks carry their summarized text ({@code summarized}) or none ({@code omitted}). */
  static boolean summarized(CompletionRequest request, ModelRule rule) {
    CompletionRequest.Thinking thinking = request.thinking();
    String display = thinking != null && thinking.display() != null ? thinking.display() : rule.display();
    return display.equals("summarized");
  }
}
