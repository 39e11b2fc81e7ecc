package io.datasynth.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The finder of Markdown code fences (lines starting with three backticks) in a reply.
 *
 * <p>A fence opens at a line that starts, after indentation, with three or more backticks and an optional
 * language tag; content may follow the tag on the same line. It closes at the next line that starts with
 * backticks (whatever follows them), or at backticks ending a content line. A fence still open at the end of the reply is a block that
 * runs to the end: the reply was cut off.
 */
final class Fences {
  private static final String FENCE = "```";

  private Fences() {}

  /**
   * One fenced block.
   *
   * @param start index of the first content character
   * @param end index just past the last content character
   * @param unterminated whether the reply ended before the closing fence
   * @param tag the language tag, lower case; empty when there is none
   */
  record Block(int start, int end, boolean unterminated, String tag) {
    /** Whether the block may hold JSON: no tag, or a JSON or JavaScript tag. */
    boolean mayHoldJson() {
      return tag.isEmpty() || tag.startsWith("json") || tag.equals("ndjson") || tag.equals("js")
          || tag.equals("javascript");
    }
  }

  /** Every fenced block in reply order; empty when the reply has no fences. */
  static List<Block> find(String s) {
    List<Block> blocks = new ArrayList<>();
    int contentStart = -1;
    String tag = "";
    int lineStart = 0;
    int n = s.length();
    while (lineStart <= n) {
      int lineEnd = s.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = n;
      }
      int p = lineStart;
      while (p < lineEnd && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
        p++;
      }
      boolean fenceLine = s.startsWith(FENCE, p);
      if (contentStart >= 0 && fenceLine) {
        blocks.add(new Block(contentStart, lineStart, false, tag));
        contentStart = -1;
        fenceLine = false;
      } else if (contentStart >= 0) {
        int close = closingTicksAtEnd(s, lineStart, lineEnd);
        if (close >= 0) {
          blocks.add(new Block(contentStart, close, false, tag));
          contentStart = -1;
        }
        fenceLine = false;
      }
      if (fenceLine) {
        int afterTicks = skipTicks(s, p, lineEnd);
        int tagEnd = afterTicks;
        while (tagEnd < lineEnd && isTagChar(s.charAt(tagEnd))) {
          tagEnd++;
        }
        tag = s.substring(afterTicks, tagEnd).toLowerCase(Locale.ROOT);
        int inline = firstNonBlank(s, tagEnd, lineEnd);
        if (inline < lineEnd) {
          int close = closingTicksAtEnd(s, inline, lineEnd);
          if (close > inline) {
            blocks.add(new Block(inline, close, false, tag));
          } else {
            contentStart = inline;
          }
        } else {
          contentStart = Math.min(lineEnd + 1, n);
        }
      }
      lineStart = lineEnd + 1;
    }
    if (contentStart >= 0) {
      blocks.add(new Block(contentStart, n, true, tag));
    }
    return blocks;
  }

  private static int skipTicks(String s, int p, int lineEnd) {
    int q = p;
    while (q < lineEnd && s.charAt(q) == '`') {
      q++;
    }
    return q;
  }

  private static int firstNonBlank(String s, int from, int lineEnd) {
    int q = from;
    while (q < lineEnd && Spans.isBlank(s.charAt(q))) {
      q++;
    }
    return q;
  }

  /** The index of backticks that end the line after some content, or -1. */
  private static int closingTicksAtEnd(String s, int from, int lineEnd) {
    int e = lineEnd;
    while (e > from && Spans.isBlank(s.charAt(e - 1))) {
      e--;
    }
    if (e - from >= FENCE.length() + 1 && s.startsWith(FENCE, e - FENCE.length())) {
      int b = e - FENCE.length();
      while (b > from && s.charAt(b - 1) == '`') {
        b--;
      }
      return b > from ? b : -1;
    }
    return -1;
  }

  private static boolean isTagChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '+' || c == '.';
  }
}
