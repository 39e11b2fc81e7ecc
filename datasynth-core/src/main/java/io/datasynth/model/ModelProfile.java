package io.datasynth.model;

import io.datasynth.provider.ProviderKind;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one model family accepts and needs, as its provider documents it: which sampling parameters it takes, what
 * its output limit is called and how large it may be, whether it reasons before it answers and how many tokens to
 * leave for that, its structured-output mechanism, its prompt-cache minimum and how its tokenizer compares with
 * {@code o200k_base}. Requests are built from a profile, so they never carry a parameter the model rejects.
 *
 * <p>Profiles come from data ({@link ModelProfiles}), never from string checks on model ids. Immutable.
 *
 * @param family a readable name of the family, for messages
 * @param api the wire format the profile applies to
 * @param known false for the conservative catch-all profile of a model no family describes
 * @param sampling the sampling parameters the model accepts at non-default values; empty when it takes none
 * @param temperatureMax the highest temperature accepted; null when temperature is not accepted
 * @param outputLimit the name of the output-limit parameter
 * @param maxOutputTokens the largest output limit the model accepts, reasoning included
 * @param nonStreamingMaxTokens requests with a larger output limit are streamed; 0 to never stream
 * @param reasoning how the model reasons; {@link Reasoning#NONE} for models that answer at once
 * @param structuredOutput how the model is asked for JSON that fits a schema
 * @param cacheMinTokens the shortest prefix the provider caches, in tokens; 0 when there is no cache to ask for
 * @param tokenizer the encoding its token counts are estimated with
 * @param tokenizerFactor how many of the model's tokens one token of that encoding is, on average
 * @param thinkTags whether the model may write its reasoning into the text inside {@code <think>} tags
 * @param source where the facts come from
 * @param batch whether the provider runs this model in its batch API (Anthropic Message Batches, OpenAI Batch)
 */
public record ModelProfile(
    String family,
    ProviderKind api,
    boolean known,
    Set<Sampling> sampling,
    Double temperatureMax,
    OutputLimit outputLimit,
    int maxOutputTokens,
    int nonStreamingMaxTokens,
    Reasoning reasoning,
    StructuredOutput structuredOutput,
    int cacheMinTokens,
    Tokenizer tokenizer,
    double tokenizerFactor,
    boolean thinkTags,
    String source,
    boolean batch) {

  public ModelProfile {
    sampling = Set.copyOf(sampling);
    if (sampling.contains(Sampling.TEMPERATURE) != (temperatureMax != null)) {
      throw new IllegalArgumentException("temperatureMax must be given exactly when temperature is accepted");
    }
  }

  /** This profile with another non-streaming limit; 1 makes every request stream. */
  public ModelProfile withNonStreamingMaxTokens(int limit) {
    return new ModelProfile(family, api, known, sampling, temperatureMax, outputLimit, maxOutputTokens, limit,
        reasoning, structuredOutput, cacheMinTokens, tokenizer, tokenizerFactor, thinkTags, source, batch);
  }

  /** This profile taking a temperature up to {@code max}, to probe whether a server accepts one. */
  public ModelProfile withTemperature(double max) {
    Set<Sampling> s = new java.util.HashSet<>(sampling);
    s.add(Sampling.TEMPERATURE);
    return new ModelProfile(family, api, known, s, max, outputLimit, maxOutputTokens, nonStreamingMaxTokens,
        reasoning, structuredOutput, cacheMinTokens, tokenizer, tokenizerFactor, thinkTags, source, batch);
  }

  /** Whether a temperature may be sent. */
  public boolean acceptsTemperature() {
    return sampling.contains(Sampling.TEMPERATURE);
  }

  /** Whether a request with this output limit is streamed. */
  public boolean streams(int maxTokens) {
    return nonStreamingMaxTokens > 0 && maxTokens > nonStreamingMaxTokens;
  }

  /** A sampling parameter. */
  public enum Sampling {
    TEMPERATURE, TOP_P, TOP_K;

    /** The parameter's name on the wire and in data files. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The name of the output-limit parameter. */
  public enum OutputLimit {
    MAX_TOKENS, MAX_COMPLETION_TOKENS;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a model is asked for JSON fitting a schema. */
  public enum StructuredOutput {
    /** No mechanism: the schema is only described in the prompt. */
    NONE,
    /** Anthropic's {@code output_config.format} with a JSON schema. */
    ANTHROPIC_JSON_SCHEMA,
    /** OpenAI's {@code response_format} {@code json_schema} with {@code strict: true}. */
    OPENAI_JSON_SCHEMA_STRICT,
    /** {@code response_format} {@code json_schema} without strict mode (vLLM, Ollama, llama.cpp). */
    OPENAI_JSON_SCHEMA,
    /** {@code response_format} {@code json_object}: valid JSON, no schema. */
    OPENAI_JSON_OBJECT;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The encoding token counts are estimated with. */
  public enum Tokenizer {
    /** OpenAI's {@code o200k_base}: exact for current OpenAI models. */
    O200K,
    /** OpenAI's {@code cl100k_base}: exact for GPT-4 and GPT-3.5. */
    CL100K,
    /** Claude's tokenizer, which is not public: {@code o200k_base} scaled for English and CJK text. */
    CLAUDE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How a model reasons before it answers.
   *
   * @param alwaysOn whether reasoning cannot be turned off
   * @param defaultEffort the effort used when none is asked for; {@link #NO_EFFORT} for models without an effort
   *     parameter
   * @param reserve output tokens to leave for reasoning, by effort (the keys are the efforts the API accepts), or
   *     under {@link #NO_EFFORT} alone for models without an effort parameter
   */
  public record Reasoning(boolean alwaysOn, String defaultEffort, Map<String, Integer> reserve) {
    /** The key of the reserve of a model that takes no effort parameter. */
    public static final String NO_EFFORT = "default";
    /** A model that does not reason. */
    public static final Reasoning NONE = new Reasoning(false, NO_EFFORT, Map.of(NO_EFFORT, 0));

    public Reasoning {
      reserve = Map.copyOf(reserve);
      if (!reserve.containsKey(defaultEffort)) {
        throw new IllegalArgumentException("the default effort " + defaultEffort + " has no reserve");
      }
    }

    /** Whether the API takes an effort parameter. */
    public boolean takesEffort() {
      return !NO_EFFORT.equals(defaultEffort);
    }

    /** The efforts the API accepts; empty when it takes no effort parameter. */
    public Set<String> efforts() {
      return takesEffort() ? reserve.keySet() : Set.of();
    }

    /**
     * Output tokens to leave for reasoning.
     *
     * @param effort the effort asked for, or null for the default
     */
    public int reserveFor(String effort) {
      return reserve.getOrDefault(effort == null ? defaultEffort : effort, reserve.get(defaultEffort));
    }
  }
}
