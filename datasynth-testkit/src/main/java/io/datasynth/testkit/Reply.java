package io.datasynth.testkit;

/**
 * The text of one reply and what it carries.
 *
 * @param text the visible assistant text; empty when reasoning used the whole budget
 * @param recordsSent the records complete in the text
 * @param outputTokens the output usage to report: reasoning plus text tokens, or {@code max_tokens} when truncated
 * @param truncated whether the reply stopped at {@code max_tokens}
 * @param reasoningTokens the hidden thinking or reasoning tokens spent before the text (included in
 *     {@code outputTokens})
 * @param scoresSent the scores of a judge reply; 0 for other replies
 */
record Reply(String text, int recordsSent, int outputTokens, boolean truncated, int reasoningTokens, int scoresSent) {
  Reply(String text, int recordsSent, int outputTokens, boolean truncated, int reasoningTokens) {
    this(text, recordsSent, outputTokens, truncated, reasoningTokens, 0);
  }

  Reply withScores(int scores) {
    return new Reply(text, 0, outputTokens, truncated, reasoningTokens, truncated ? 0 : scores);
  }
}
