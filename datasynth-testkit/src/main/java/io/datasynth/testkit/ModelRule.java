package io.datasynth.testkit;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The documented request rules of one model family, as {@link ModelRules} read them from its data file.
 *
 * @param family the family's name, for messages and reports
 * @param source the documentation the rules come from
 * @param pattern what the whole model id must match
 * @param maxOutput the largest {@code max_tokens} / {@code max_completion_tokens} accepted; null when not checked
 * @param sampling which sampling parameters the model accepts
 * @param temperatureWithTopP Anthropic: whether {@code temperature} and {@code top_p} may come together
 * @param thinkingTypes Anthropic: the accepted {@code thinking.type} values
 * @param thinksByDefault Anthropic: whether the model thinks when the request has no {@code thinking} field
 * @param display Anthropic: the thinking display when the request names none ({@code summarized} or
 *     {@code omitted})
 * @param prefill Anthropic: whether a conversation may end with an assistant message
 * @param efforts the accepted effort values ({@code output_config.effort} / {@code reasoning_effort}); empty
 *     when the parameter is refused
 * @param defaultEffort the effort in force when none is sent; null when the model has none
 * @param reasoning OpenAI: whether it is a reasoning model ({@code max_completion_tokens} only, reasoning tokens)
 * @param verbosity OpenAI: whether {@code verbosity} is accepted
 * @param chatCompletions OpenAI: false for models the Responses API serves alone
 * @param cacheMinimum the shortest prefix, in the fake's tokens, that prompt caching caches; null when the model
 *     reports no cached tokens
 * @param structured which structured-output mechanisms the model accepts
 */
record ModelRule(
    String family,
    String source,
    Pattern pattern,
    Integer maxOutput,
    Sampling sampling,
    boolean temperatureWithTopP,
    Set<String> thinkingTypes,
    boolean thinksByDefault,
    String display,
    boolean prefill,
    List<String> efforts,
    String defaultEffort,
    boolean reasoning,
    boolean verbosity,
    boolean chatCompletions,
    Integer cacheMinimum,
    Structured structured) {

  /** Which structured-output mechanisms a model accepts. */
  enum Structured {
    /** Neither JSON mode nor a JSON schema. */
    NONE,
    /** OpenAI JSON mode ({@code response_format: {type: json_object}}) only. */
    JSON_OBJECT,
    /** A JSON schema (Anthropic {@code output_config.format}, OpenAI {@code json_schema}), and JSON mode. */
    JSON_SCHEMA
  }

  /** Which sampling parameters a model accepts. */
  enum Sampling {
    /** {@code temperature}, {@code top_p} (and {@code top_k}, penalties) within their ranges. */
    ANY,
    /** Only their defaults: temperature 1, top_p 1, penalties 0, no top_k. */
    NONE,
    /** As {@link #ANY} while the effective reasoning effort is {@code none}, else as {@link #NONE}. */
    EFFORT_NONE
  }

  boolean matches(String model) {
    return pattern.matcher(model).matches();
  }

  /** The effort in force for a request that sent {@code effort} (null: none sent). */
  String effectiveEffort(String effort) {
    return effort != null ? effort : defaultEffort;
  }
}
