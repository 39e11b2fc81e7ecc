package io.datasynth.cost;

import com.knuddels.jtokkit.api.Encoding;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token count of a text under one encoding, added up from the counts of its pieces, each counted once and then
 * remembered: prompts of a run repeat the same examples, only in other orders and numbered differently.
 *
 * <p>A text is cut only before a line that starts with a letter. There, the pre-tokenising patterns of
 * {@code o200k_base} and {@code cl100k_base} always end a piece (no piece holds a newline followed by a letter)
 * and look no further back, so the sum of the pieces' counts is exactly the count of the whole text.
 *
 * <p>Thread-safe. The memo is bounded: past {@value #MAX_ENTRIES} pieces it starts again empty, and pieces longer
 * than {@value #MAX_PIECE_CHARS} characters are counted every time.
 */
final class LineCounts {
  static final int MAX_ENTRIES = 4_096;
  static final int MAX_PIECE_CHARS = 8_192;

  /** Texts shorter than this are counted whole: cutting them saves nothing. */
  private static final int MIN_CUT_CHARS = 256;

  private final Encoding encoding;
  private final ConcurrentHashMap<String, Integer> memo = new ConcurrentHashMap<>();

  LineCounts(Encoding encoding) {
    this.encoding = encoding;
  }

  /** The number of tokens in {@code text}, as {@link Encoding#countTokensOrdinary} gives it. */
  int count(String text) {
    if (text.length() < MIN_CUT_CHARS) {
      return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }
    int total = 0;
    int start = 0;
    for (int i = 0, end = text.length() - 1; i < end; i++) {
      if (text.charAt(i) == '\n' && Character.isLetter(text.codePointAt(i + 1))) {
        total += piece(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    return total + piece(text.substring(start));
  }

  /** How many pieces are remembered now; for tests. */
  int remembered() {
    return memo.size();
  }

  private int piece(String piece) {
    if (piece.length() > MAX_PIECE_CHARS) {
      return encoding.countTokensOrdinary(piece);
    }
    Integer known = memo.get(piece);
    if (known != null) {
      return known;
    }
    int n = encoding.countTokensOrdinary(piece);
    if (memo.size() >= MAX_ENTRIES) {
      memo.clear();
    }
    memo.put(piece, n);
    return n;
  }
}
