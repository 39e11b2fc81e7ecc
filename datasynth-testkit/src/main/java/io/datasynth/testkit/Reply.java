package io.datasynth.testkit;

/**
 * The text of one reply and what it carries.
 *
 * @param text the assistant text
 * @param recordsSent the records complete in the text
 * @param outputTokens the usage to report: the text's tokens, or {@code max_tokens} when truncated
 * @param truncated whether the text stopped at {@code max_tokens}
 */
record Reply(String text, int recordsSent, int outputTokens, boolean truncated) {}
