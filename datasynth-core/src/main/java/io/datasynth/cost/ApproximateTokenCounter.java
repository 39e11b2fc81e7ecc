package io.datasynth.cost;

import com.knuddels.jtokkit.api.Encoding;
import java.util.Locale;

/**
 * A token counter for models whose tokenizer is not public (Claude) or not known (local models): it counts
 * with OpenAI's {@code o200k_base} and scales the count up, since those tokenizers split the same text into
 * more tokens.
 *
 * <p>The factor goes linearly from {@value #LATIN_FACTOR} for text without Chinese, Japanese or Korean
 * characters to {@value #CJK_FACTOR} for text made only of them, by the share of such characters among the
 * non-whitespace characters. The result is rounded to the nearest whole token.
 *
 * <p>Where the factors come from, and how far off they can be: Anthropic does not publish Claude's
 * tokenizer, so the factors could not be measured against it here. A comparison of Claude 3.5 Sonnet with
 * GPT-4o on the same prompts (VentureBeat, 2025) found Claude using about 16% more tokens for English prose,
 * 21% more for mathematics and 30% more for code; {@value #LATIN_FACTOR} sits in that range. No published
 * figure for Chinese was found. {@value #CJK_FACTOR} rests on how vocabulary size affects CJK text: on the
 * English and Chinese data in {@code shared/data}, OpenAI's older {@code cl100k_base} (a 100k vocabulary,
 * against o200k's 200k) needs about as many tokens as o200k for English but about 1.4 times as many for
 * Chinese, and Claude's vocabulary is believed to be smaller than o200k's. Anthropic has also changed
 * tokenizers between model generations. Treat an estimate as good to roughly 15% for English prose and as a
 * rough guess for CJK text, code and JSON; the usage the provider reports is what a run is billed on.
 *
 * <p>Thread-safe; it remembers the counts of pieces of texts (see {@link LineCounts}), which changes no count.
 */
final class ApproximateTokenCounter implements TokenCounter {
  static final double LATIN_FACTOR = 1.2;
  static final double CJK_FACTOR = 1.4;

  private final LineCounts o200k;
  private final String model;
  private final boolean claude;
  private final double generation;

  private ApproximateTokenCounter(Encoding o200k, String model, boolean claude, double generation) {
    this.o200k = new LineCounts(o200k);
    this.model = model;
    this.claude = claude;
    this.generation = generation;
  }

  /** Claude's tokenizer: o200k scaled for English and CJK text, then by the tokenizer generation's factor. */
  static ApproximateTokenCounter claude(Encoding o200k, String model, double generation) {
    return new ApproximateTokenCounter(o200k, model, true, generation);
  }

  /** An o200k count scaled by one factor, for open models whose tokenizers are larger or smaller. */
  static ApproximateTokenCounter scaled(Encoding o200k, String model, double factor) {
    return new ApproximateTokenCounter(o200k, model, false, factor);
  }

  @Override
  public int count(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    int base = o200k.count(text);
    return (int) Math.round(base * (claude ? factor(text) : 1.0) * generation);
  }

  /** The scale factor for {@code text}: between {@value #LATIN_FACTOR} and {@value #CJK_FACTOR}. */
  static double factor(String text) {
    long visible = 0;
    long cjk = 0;
    for (int i = 0; i < text.length(); ) {
      char ch = text.charAt(i);
      if (ch < 0x80) {
        // ASCII, most of a prompt: no script lookup.
        i++;
        visible += io.datasynth.text.Spaces.isAsciiWhitespace(ch) ? 0 : 1;
        continue;
      }
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (!Character.isWhitespace(c)) {
        visible++;
      }
      // No Han, kana or Hangul code point lies below U+1100 (Hangul Jamo): skip the script lookup there.
      if (c >= 0x1100 && isCjk(c)) {
        cjk++;
      }
    }
    if (visible == 0) {
      return LATIN_FACTOR;
    }
    return LATIN_FACTOR + (CJK_FACTOR - LATIN_FACTOR) * cjk / visible;
  }

  @Override
  public String description() {
    return io.datasynth.text.Messages.english().render(explanation());
  }

  @Override
  public io.datasynth.text.Message explanation() {
    String factor = String.format(Locale.ROOT, "%.2f", generation);
    if (!claude) {
      return model.isEmpty() ? io.datasynth.text.Message.of("tokenizer.scaled.unnamed", factor)
          : io.datasynth.text.Message.of("tokenizer.scaled", factor, model);
    }
    String latin = String.format(Locale.ROOT, "%.1f", LATIN_FACTOR);
    String cjk = String.format(Locale.ROOT, "%.1f", CJK_FACTOR);
    return io.datasynth.text.Message.of(generation == 1.0 ? "tokenizer.claude" : "tokenizer.claude.newer", latin,
        cjk, model.isEmpty() ? "?" : model, factor);
  }

  @Override
  public String toString() {
    return description();
  }

  private static boolean isCjk(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }
}
