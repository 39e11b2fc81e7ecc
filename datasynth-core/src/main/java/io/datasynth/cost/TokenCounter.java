package io.datasynth.cost;

import io.datasynth.model.ModelProfile;
import java.util.Objects;

/**
 * Counts the tokens a model would see in a piece of text, to estimate a run's cost before it starts.
 *
 * <p>Counts are for the text alone: chat APIs add a few tokens per message for roles and formatting. For
 * OpenAI models the count is the model's own encoding and so exact; for every other model it is an
 * {@linkplain #description() announced} approximation. Implementations are thread-safe and give the same count
 * for the same text every time.
 */
public interface TokenCounter {

  /** The number of tokens in {@code text} (not null); 0 for the empty string. */
  int count(String text);

  /**
   * What this counter counts with and how exact it is, e.g. {@code "o200k_base (exact for
   * gpt-4o/4.1/5/o-series)"} or {@code "approximation: ..."}; for showing to users.
   */
  String description();

  /** How tokens are counted, as a message each adapter words in its user's language; {@link #description()} is its English. */
  io.datasynth.text.Message explanation();

  /** Whether counts are the model's own (its encoding, unscaled), not an estimate. */
  default boolean exact() {
    return false;
  }

  /**
   * The counter for a model with this profile (see {@link ModelProfile#tokenizer()}):
   *
   * <ul>
   *   <li>{@code o200k} and {@code cl100k}: OpenAI's encodings, exact for OpenAI's models; with a
   *       {@linkplain ModelProfile#tokenizerFactor() factor} other than 1 (open models on compatible servers) the
   *       count is scaled by it and announced as an approximation;
   *   <li>{@code claude}: an approximation, the {@code o200k_base} count scaled up by 1.2 for English-like text
   *       through 1.4 for Chinese, Japanese or Korean text, because Claude's tokenizer is not public, and then by
   *       the profile's factor (about 1.3 for the tokenizer of Opus 4.7 and the Claude 5 models). Expect roughly
   *       15% error for English prose and more for CJK text, code and JSON; {@link #description()} says so.
   * </ul>
   *
   * @param model the model id, named in the description
   */
  static TokenCounter of(ModelProfile profile, String model) {
    Objects.requireNonNull(model, "model");
    return switch (profile.tokenizer()) {
      case O200K -> profile.tokenizerFactor() == 1.0
          ? new EncodingTokenCounter(Encodings.o200k(), "tokenizer.o200k")
          : ApproximateTokenCounter.scaled(Encodings.o200k(), model.strip(), profile.tokenizerFactor());
      case CL100K -> new EncodingTokenCounter(Encodings.cl100k(), "tokenizer.cl100k");
      case CLAUDE -> ApproximateTokenCounter.claude(Encodings.o200k(), model.strip(), profile.tokenizerFactor());
    };
  }
}
