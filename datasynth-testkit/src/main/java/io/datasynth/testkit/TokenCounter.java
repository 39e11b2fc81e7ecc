package io.datasynth.testkit;

/**
 * The fake provider's token count: an approximation of real tokenizers, good enough for rate limits and
 * {@code max_tokens}.
 *
 * <p>Each CJK character (Han, kana, Hangul, CJK punctuation, full-width forms) counts 1 token; all other
 * characters count 1 token per 4, rounded up; any text, even empty, counts at least 1.
 */
final class TokenCounter {
  private TokenCounter() {}

  /** The tokens of {@code text}; at least 1. */
  static int count(CharSequence text) {
    int cjk = 0;
    int other = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (isCjk(cp)) {
        cjk++;
      } else {
        other++;
      }
    }
    return Math.max(1, cjk + (other + 3) / 4);
  }

  /**
   * The length (in chars) of the longest prefix of {@code text} that fits in {@code budget} tokens; never
   * splits a surrogate pair.
   */
  static int prefixWithin(String text, int budget) {
    int cjk = 0;
    int other = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int nextCjk = cjk + (isCjk(cp) ? 1 : 0);
      int nextOther = other + (isCjk(cp) ? 0 : 1);
      if (nextCjk + (nextOther + 3) / 4 > budget) {
        break;
      }
      cjk = nextCjk;
      other = nextOther;
      i += Character.charCount(cp);
    }
    return i;
  }

  static boolean isCjk(int cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF)
        || (cp >= 0xAC00 && cp <= 0xD7AF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFF00 && cp <= 0xFFEF)
        || (cp >= 0x20000 && cp <= 0x3FFFF);
  }

  /**
   * The char ends of the longest prefixes of {@code text} within {@code first}, {@code first + step}, … tokens,
   * for every such count up to the text's own count; empty when the text is shorter than {@code first}.
   */
  static int[] prefixEnds(String text, int first, int step) {
    int total = count(text);
    if (total < first) {
      return new int[0];
    }
    int[] ends = new int[(total - first) / step + 1];
    int cjk = 0;
    int other = 0;
    int i = 0;
    for (int k = 0; k < ends.length; k++) {
      int budget = first + step * k;
      while (i < text.length()) {
        int cp = text.codePointAt(i);
        int nextCjk = cjk + (isCjk(cp) ? 1 : 0);
        int nextOther = other + (isCjk(cp) ? 0 : 1);
        if (nextCjk + (nextOther + 3) / 4 > budget) {
          break;
        }
        cjk = nextCjk;
        other = nextOther;
        i += Character.charCount(cp);
      }
      ends[k] = i;
    }
    return ends;
  }
}
