package io.datasynth.cost;

import java.util.Locale;
import java.util.Objects;

/**
 * Counts the tokens a model would see in a piece of text, to estimate a run's cost before it starts.
 *
 * <p>Counts are for the text alone: chat APIs add a few tokens per message for roles and formatting. For
 * OpenAI models the count is the model's own encoding and so exact; for every other model it is an
 * {@linkplain #description() announced} approximation. Implementations are immutable and thread-safe.
 */
public interface TokenCounter {

  /** The number of tokens in {@code text} (not null); 0 for the empty string. */
  int count(String text);

  /**
   * What this counter counts with and how exact it is, e.g. {@code "o200k_base (exact for
   * gpt-4o/4.1/5/o-series)"} or {@code "approximation: ..."}; for showing to users.
   */
  String description();

  /**
   * The counter for {@code model} (not null; case is ignored):
   *
   * <ul>
   *   <li>{@code gpt-4o*}, {@code gpt-4.1*}, {@code gpt-4.5*}, {@code gpt-5*}, {@code chatgpt-4o*},
   *       {@code o1*}, {@code o3*}, {@code o4*}: OpenAI's {@code o200k_base}, exact;
   *   <li>{@code gpt-4*} and {@code gpt-3.5*} otherwise: OpenAI's {@code cl100k_base}, exact;
   *   <li>everything else (Claude, local and other models): an approximation, the {@code o200k_base} count
   *       scaled up by 1.2 for English-like text through 1.4 for Chinese, Japanese or Korean text, because
   *       Claude's tokenizer is not public. Expect roughly 15% error for English prose and more for CJK
   *       text, code and JSON; {@link #description()} says so to users.
   * </ul>
   */
  static TokenCounter forModel(String model) {
    Objects.requireNonNull(model, "model");
    String id = model.strip().toLowerCase(Locale.ROOT);
    if (isFamily(id, "gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "chatgpt-4o", "o1", "o3", "o4")) {
      return new EncodingTokenCounter(Encodings.o200k(), "o200k_base (exact for gpt-4o/4.1/5/o-series)");
    }
    if (isFamily(id, "gpt-4", "gpt-3.5")) {
      return new EncodingTokenCounter(Encodings.cl100k(), "cl100k_base (exact for gpt-4/gpt-3.5)");
    }
    return new ApproximateTokenCounter(Encodings.o200k(), model.strip());
  }

  private static boolean isFamily(String id, String... families) {
    for (String family : families) {
      if (id.startsWith(family)
          && (id.length() == family.length() || "-.:@".indexOf(id.charAt(family.length())) >= 0)) {
        return true;
      }
    }
    return false;
  }
}
