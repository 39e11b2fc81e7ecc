package io.datasynth.testkit;

/**
 * What prompt caching did for one request, in the fake's tokens.
 *
 * @param read tokens read from the cache (Anthropic {@code cache_read_input_tokens}, OpenAI
 *     {@code cached_tokens})
 * @param written5m Anthropic tokens written with the 5-minute TTL
 * @param written1h Anthropic tokens written with the 1-hour TTL
 */
record CacheUsage(int read, int written5m, int written1h) {
  static final CacheUsage NONE = new CacheUsage(0, 0, 0);

  /** All tokens written ({@code cache_creation_input_tokens}). */
  int written() {
    return written5m + written1h;
  }
}
