package io.datasynth.testkit;

import java.util.List;

/**
 * Where a prompt may be cached, as the parsers read it.
 *
 * <p>Anthropic: one {@link Boundary} after each system and message content block, in the API's cache order
 * (system, then messages), each with the hash of the exact bytes of everything up to it (the model, the output
 * format and, for message blocks, the thinking settings included), and the breakpoints the request marked with
 * {@code cache_control}. OpenAI: no blocks; {@link #scope()} is the hash of what a prefix must share besides its
 * text (model, {@code prompt_cache_key}, {@code response_format}).
 *
 * @param boundaries the block boundaries in order; empty for OpenAI
 * @param breakpoints the marked boundaries in order; empty when none
 * @param scope OpenAI: the hash every cached prefix of this request starts from; null for Anthropic
 * @param longRetention OpenAI: {@code prompt_cache_retention: 24h}
 */
record CacheLayout(List<Boundary> boundaries, List<Breakpoint> breakpoints, String scope, boolean longRetention) {

  static final CacheLayout NONE = new CacheLayout(List.of(), List.of(), null, false);

  /**
   * The end of one content block.
   *
   * @param hash SHA-256 (hex) of the exact bytes of everything up to and including the block
   * @param endChar where the block's text ends in {@link CompletionRequest#prompt()}
   */
  record Boundary(String hash, int endChar) {}

  /**
   * A {@code cache_control} breakpoint.
   *
   * @param boundary the index in {@link #boundaries()} of the block it marks
   * @param ttlSeconds 300 for {@code 5m}, 3600 for {@code 1h}
   */
  record Breakpoint(int boundary, int ttlSeconds) {}
}
