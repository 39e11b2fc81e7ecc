package io.datasynth.testkit;

import java.util.List;
import java.util.Optional;

/**
 * The per-model rules of the OpenAI Chat Completions API: the one place that decides whether a model accepts a
 * request that passed {@link OpenAiParser}. Messages, {@code param} and {@code code} are OpenAI's as its error
 * bodies are widely reported.
 */
final class OpenAiRuleCheck {
  private OpenAiRuleCheck() {}

  /** The error the API answers {@code request} with on a model of {@code rule}; empty when the model accepts it. */
  static Optional<ApiError> check(CompletionRequest request, ModelRule rule) {
    if (!rule.chatCompletions()) {
      return Optional.of(new ApiError(ApiError.Type.NOT_FOUND,
          "This model is only supported in v1/responses and not in v1/chat/completions.", "model", null, null));
    }
    CompletionRequest.Limits limits = request.limits();
    if (rule.reasoning() && limits.maxTokens() != null) {
      return Optional.of(unsupportedParameter("max_tokens", " Use 'max_completion_tokens' instead."));
    }
    if (limits.maxTokens() != null && limits.maxCompletionTokens() != null) {
      return Optional.of(ApiError.invalid("max_tokens",
          "max_tokens and max_completion_tokens are both set; send only max_completion_tokens."));
    }
    Integer given = limits.given();
    if (rule.maxOutput() != null && given != null && given > rule.maxOutput()) {
      String name = limits.givenName();
      return Optional.of(ApiError.invalid(name, name + " is too large: " + given + ". This model supports at most "
          + rule.maxOutput() + " completion tokens, whereas you provided " + given + "."));
    }
    String effort = request.effort();
    if (effort != null && rule.efforts().isEmpty()) {
      return Optional.of(unsupportedParameter("reasoning_effort", ""));
    }
    if (effort != null && !rule.efforts().contains(effort)) {
      return Optional.of(unsupportedValue("reasoning_effort", "'" + effort + "'", quoted(rule.efforts())).error);
    }
    ResponseFormat format = request.format();
    if (format != null) {
      boolean schema = format.kind() == ResponseFormat.Kind.JSON_SCHEMA;
      boolean supported = schema ? rule.structured() == ModelRule.Structured.JSON_SCHEMA
          : rule.structured() != ModelRule.Structured.NONE;
      if (!supported) {
        return Optional.of(ApiError.invalid("response_format", "Invalid parameter: 'response_format' of type '"
            + (schema ? "json_schema" : "json_object") + "' is not supported with this model."));
      }
    }
    if (request.verbosity() != null && !rule.verbosity()) {
      return Optional.of(unsupportedParameter("verbosity", ""));
    }
    boolean samplingAllowed =
        rule.sampling() == ModelRule.Sampling.ANY
            || (rule.sampling() == ModelRule.Sampling.EFFORT_NONE && "none".equals(rule.effectiveEffort(effort)));
    return samplingAllowed ? Optional.empty() : defaultsOnly(request.sampling());
  }

  private static Optional<ApiError> defaultsOnly(CompletionRequest.Sampling sampling) {
    if (sampling.temperature() != null && sampling.temperature() != 1.0) {
      return onlyDefault("temperature", sampling.temperature(), "1");
    }
    if (sampling.topP() != null && sampling.topP() != 1.0) {
      return onlyDefault("top_p", sampling.topP(), "1");
    }
    if (sampling.presencePenalty() != null && sampling.presencePenalty() != 0.0) {
      return onlyDefault("presence_penalty", sampling.presencePenalty(), "0");
    }
    if (sampling.frequencyPenalty() != null && sampling.frequencyPenalty() != 0.0) {
      return onlyDefault("frequency_penalty", sampling.frequencyPenalty(), "0");
    }
    return Optional.empty();
  }

  private static Optional<ApiError> onlyDefault(String param, double value, String defaultValue) {
    return Optional.of(ApiError.invalid(param, "unsupported_value", "Unsupported value: '" + param
        + "' does not support " + JsonChecks.fmt(value) + " with this model. Only the default (" + defaultValue
        + ") value is supported."));
  }

  private static ApiError unsupportedParameter(String param, String advice) {
    return ApiError.invalid(param, "unsupported_parameter",
        "Unsupported parameter: '" + param + "' is not supported with this model." + advice);
  }

  /** OpenAI's refusal of a value a parameter does not take, e.g. {@code reasoning_effort: 'none'}. */
  static JsonChecks.Rejected unsupportedValue(String param, String value, String supported) {
    return JsonChecks.reject(ApiError.invalid(param, "unsupported_value", "Unsupported value: '" + param
        + "' does not support " + value + " with this model. Supported values are: " + supported + "."));
  }

  /** {@code 'a'}, {@code 'a' and 'b'}, {@code 'a', 'b', and 'c'}, as OpenAI lists supported values. */
  static String quoted(List<String> values) {
    List<String> quoted = values.stream().map(v -> "'" + v + "'").toList();
    if (quoted.size() <= 2) {
      return String.join(" and ", quoted);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + ", and " + quoted.get(quoted.size() - 1);
  }
}
