package io.datasynth.schedule;

import io.datasynth.provider.RateLimits.Dimension;

/**
 * What one request takes from each rate limit when it starts: one request, its input tokens, and its
 * {@code max_tokens} of output (providers reserve the full {@code max_tokens} until the reply ends).
 */
record Cost(long requests, long inputTokens, long outputTokens) {
  static final Cost NONE = new Cost(0, 0, 0);

  long of(Dimension d) {
    return switch (d) {
      case REQUESTS -> requests;
      case INPUT_TOKENS -> inputTokens;
      case OUTPUT_TOKENS -> outputTokens;
      case TOKENS -> inputTokens + outputTokens;
    };
  }
}
