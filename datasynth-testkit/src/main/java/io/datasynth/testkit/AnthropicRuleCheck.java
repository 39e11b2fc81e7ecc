package io.datasynth.testkit;

import java.util.Optional;

/**
 * The per-model rules of the Anthropic Messages API: the one place that decides whether a model accepts a request
 * that passed {@link AnthropicParser}. Messages are the API's where they are documented or widely reported.
 */
final class AnthropicRuleCheck {
  private AnthropicRuleCheck() {}

  /** The 400 the API answers {@code request} with on a model of {@code rule}; empty when the model accepts it. */
  static Optional<ApiError> check(CompletionRequest request, ModelRule rule) {
    String model = request.model();
    if (rule.maxOutput() != null && request.maxTokens() > rule.maxOutput()) {
      return refuse("max_tokens", "max_tokens: " + request.maxTokens() + " > " + rule.maxOutput()
          + ", which is the maximum allowed number of output tokens for " + model);
    }
    if (!rule.prefill() && request.endsWithAssistant()) {
      return refuse("messages",
          "This model does not support assistant message prefill. The conversation must end with a user message.");
    }
    CompletionRequest.Thinking thinking = request.thinking();
    if (thinking != null && !rule.thinkingTypes().contains(thinking.type())) {
      return refuse("thinking", thinkingTypeRefused(thinking.type(), rule));
    }
    Optional<ApiError> sampling = sampling(request.sampling(), rule, Reasoning.anthropicThinks(request, rule));
    if (sampling.isPresent()) {
      return sampling;
    }
    String effort = request.effort();
    if (effort != null && rule.efforts().isEmpty()) {
      return refuse("output_config.effort", "output_config.effort: this model does not support the effort parameter");
    }
    if (effort != null && !rule.efforts().contains(effort)) {
      return refuse("output_config.effort", "output_config.effort: \"" + effort + "\" is not supported for this model;"
          + " it supports " + String.join(", ", rule.efforts()));
    }
    if (request.format() != null && rule.structured() != ModelRule.Structured.JSON_SCHEMA) {
      return refuse("output_config.format", "output_config.format: structured outputs are not supported for " + model
          + "; use a model that supports them, or leave output_config.format out");
    }
    if (request.format() != null && request.endsWithAssistant()) {
      return refuse("output_config.format", "output_config.format cannot be combined with an assistant message"
          + " prefill; end the conversation with a user message");
    }
    return Optional.empty();
  }

  private static Optional<ApiError> sampling(CompletionRequest.Sampling sampling, ModelRule rule, boolean thinks) {
    Double temperature = sampling.temperature();
    Double topP = sampling.topP();
    if (rule.sampling() != ModelRule.Sampling.ANY) {
      if (temperature != null && temperature != 1.0) {
        return refuse("temperature", "`temperature` is deprecated for this model.");
      }
      if (topP != null && topP != 1.0) {
        return refuse("top_p", "`top_p` is deprecated for this model.");
      }
      if (sampling.topK() != null) {
        return refuse("top_k", "`top_k` is deprecated for this model.");
      }
      return Optional.empty();
    }
    if (!rule.temperatureWithTopP() && temperature != null && topP != null) {
      return refuse("temperature",
          "`temperature` and `top_p` cannot both be specified for this model. Please use only one.");
    }
    if (thinks && temperature != null && temperature != 1.0) {
      return refuse("temperature",
          "`temperature` may only be set to 1 when thinking is enabled or in adaptive thinking mode.");
    }
    if (thinks && sampling.topK() != null) {
      return refuse("top_k", "`top_k` is not supported when thinking is enabled or in adaptive thinking mode.");
    }
    if (thinks && topP != null && topP < 0.95) {
      return refuse("top_p", "`top_p` must be between 0.95 and 1 when thinking is enabled or in adaptive thinking"
          + " mode.");
    }
    return Optional.empty();
  }

  private static String thinkingTypeRefused(String type, ModelRule rule) {
    String refused = "\"thinking.type." + type + "\" is not supported for this model.";
    if (rule.thinkingTypes().contains("adaptive")) {
      return refused + " Use \"thinking.type.adaptive\" and \"output_config.effort\" to control thinking behavior.";
    }
    if (rule.thinkingTypes().contains("enabled")) {
      return refused + " Use \"thinking.type.enabled\" with \"budget_tokens\" to control thinking behavior.";
    }
    return refused + " This model does not support extended thinking.";
  }

  private static Optional<ApiError> refuse(String param, String message) {
    return Optional.of(ApiError.invalid(param, message));
  }
}
