package io.datasynth.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One reply with the ids drawn for it, ready to be written as a whole body or as server-sent events; both
 * renderings carry the same text and usage.
 *
 * @param request the request answered
 * @param reply the text and usage
 * @param id the message id ({@code msg_…} / {@code chatcmpl-…})
 * @param signature the Anthropic thinking block's signature; unused by OpenAI
 * @param created when the reply was made
 * @param summarized Anthropic: whether the thinking block carries summarized text ({@code display: summarized})
 * @param cache what prompt caching did for the request
 */
record Completion(
    CompletionRequest request,
    Reply reply,
    String id,
    String signature,
    Instant created,
    boolean summarized,
    CacheUsage cache) {

  /** What a summarized thinking block says; its length is not what is billed (the hidden tokens are). */
  static final String THINKING_SUMMARY =
      "Planning the reply: how many records the prompt asks for, which fields each needs, and how to keep them"
          + " varied and valid.";

  /** Whether an Anthropic reply starts with a thinking block. */
  boolean thinks() {
    return reply.reasoningTokens() > 0;
  }

  /** The text cut into the pieces a stream sends, never splitting a surrogate pair; joined they are the text. */
  static List<String> pieces(String text, int size) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + size);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }
}
