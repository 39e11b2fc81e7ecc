package io.datasynth.metrics;

import java.util.Arrays;

/**
 * The units distinct-n counts. Each character of a script written without spaces (Han, Hiragana, Katakana,
 * Thai and the like) is a token on its own, so Chinese is measured in characters; a run of other letters, digits
 * and marks is one word, lower-cased. Spaces and punctuation only separate tokens.
 */
final class Tokens {
  private Tokens() {}

  /** The hashes of the text's tokens, in order. */
  static long[] of(String text) {
    long[] out = new long[Math.min(text.length(), 64)];
    int n = 0;
    // The word's hash is taken as it grows: FNV-1a over the chars of its lower-cased code points, as Hashes.of
    // would over the word's text.
    boolean inWord = false;
    long word = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      boolean ascii = cp < 0x80;
      boolean single = !ascii && isUnspaced(cp);
      boolean wordPart = ascii ? isAsciiLetterOrDigit(cp) : !single && (Character.isLetterOrDigit(cp)
          || Character.getType(cp) == Character.NON_SPACING_MARK
          || Character.getType(cp) == Character.COMBINING_SPACING_MARK);
      if (!wordPart && inWord) {
        out = add(out, n++, Hashes.mix(word));
        inWord = false;
      }
      if (single) {
        out = add(out, n++, Hashes.mix(cp | (1L << 40)));
      } else if (wordPart) {
        if (!inWord) {
          inWord = true;
          word = Hashes.FNV_OFFSET;
        }
        int lower = ascii ? cp | (cp >= 'A' && cp <= 'Z' ? 0x20 : 0) : Character.toLowerCase(cp);
        if (Character.isBmpCodePoint(lower)) {
          word = Hashes.fnv(word, (char) lower);
        } else {
          word = Hashes.fnv(Hashes.fnv(word, Character.highSurrogate(lower)), Character.lowSurrogate(lower));
        }
      }
      i = next;
    }
    if (inWord) {
      out = add(out, n++, Hashes.mix(word));
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static long[] add(long[] out, int at, long v) {
    long[] o = at < out.length ? out : Arrays.copyOf(out, Math.max(8, out.length * 2));
    o[at] = v;
    return o;
  }

  private static boolean isAsciiLetterOrDigit(int cp) {
    return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9';
  }

  /** Whether the character belongs to a script written without spaces between words. */
  static boolean isUnspaced(int cp) {
    if (cp < 0x02EA) {
      return false; // below the two Bopomofo tone marks, the first such characters: no lookup for Latin and the like
    }
    Character.UnicodeScript s;
    try {
      s = Character.UnicodeScript.of(cp);
    } catch (IllegalArgumentException notACodePoint) {
      return false;
    }
    return switch (s) {
      case HAN, HIRAGANA, KATAKANA, BOPOMOFO, YI, THAI, LAO, KHMER, MYANMAR -> true;
      default -> false;
    };
  }
}
