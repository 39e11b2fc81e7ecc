package io.datasynth.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One chat completion request: a system instruction and one user message made of text blocks.
 *
 * @param system the system instruction; may be empty
 * @param content the user message's blocks in order; the stable ones (the same in every request of a run) first
 * @param maxTokens the output token limit, reasoning included, at least 1
 * @param temperature the sampling temperature, or null for the model's default (nothing is sent)
 * @param reasoningEffort the reasoning effort to ask for, or null for the model's default (nothing is sent)
 * @param responseSchema the JSON Schema the reply must follow, already fitted to the model's structured-output
 *     mechanism, or null to leave the reply free text
 * @param cache how to ask the provider to cache the stable blocks, or null to ask for nothing
 */
public record LlmRequest(String system, List<TextBlock> content, int maxTokens, Double temperature,
    String reasoningEffort, ObjectNode responseSchema, CacheHint cache) {

  /**
   * A request for the provider to cache the prefix that ends with the last stable block (the system text
   * included). Asked only where the prefix is long enough to be cached at all.
   *
   * @param key OpenAI's {@code prompt_cache_key}: the same for every request of a run; null for none
   * @param longLived whether the entry should live an hour rather than five minutes (Anthropic {@code ttl: 1h}),
   *     so that a batch the provider works through for longer still reads it
   */
  public record CacheHint(String key, boolean longLived) {}

  /** A request without a cache hint. */
  public LlmRequest(String system, List<TextBlock> content, int maxTokens, Double temperature,
      String reasoningEffort, ObjectNode responseSchema) {
    this(system, content, maxTokens, temperature, reasoningEffort, responseSchema, null);
  }

  /**
   * One block of the user message.
   *
   * @param text the text; not empty
   * @param stable whether the block is the same in every request of a run, so a provider may cache the prefix
   *     that ends with it
   */
  public record TextBlock(String text, boolean stable) {
    public TextBlock {
      if (text == null || text.isEmpty()) {
        throw new IllegalArgumentException("a text block is empty");
      }
    }
  }

  public LlmRequest {
    content = List.copyOf(content);
    if (content.isEmpty()) {
      throw new IllegalArgumentException("user message is empty");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
    }
    system = system == null ? "" : system;
  }

  /** A request whose user message is one block that changes from request to request. */
  public LlmRequest(String system, String user, int maxTokens, Double temperature, String reasoningEffort) {
    this(system, List.of(new TextBlock(user, false)), maxTokens, temperature, reasoningEffort, null);
  }

  /** A request with the model's default sampling and reasoning. */
  public static LlmRequest of(String system, String user, int maxTokens) {
    return new LlmRequest(system, user, maxTokens, null, null);
  }

  /**
   * The blocks of a user message in two parts: {@code stable}, the same in every request, then {@code perRequest};
   * an empty part is left out.
   */
  public static List<TextBlock> blocks(String stable, String perRequest) {
    return stable.isEmpty() ? List.of(new TextBlock(perRequest, false))
        : perRequest.isEmpty() ? List.of(new TextBlock(stable, true))
        : List.of(new TextBlock(stable, true), new TextBlock(perRequest, false));
  }

  /** The user message as one text. */
  public String user() {
    if (content.size() == 1) {
      return content.get(0).text();
    }
    StringBuilder sb = new StringBuilder();
    content.forEach(b -> sb.append(b.text()));
    return sb.toString();
  }

  /** This request with another temperature. */
  public LlmRequest withTemperature(Double t) {
    return new LlmRequest(system, content, maxTokens, t, reasoningEffort, responseSchema, cache);
  }

  /** This request with another cache hint (null for none). */
  public LlmRequest withCache(CacheHint hint) {
    return new LlmRequest(system, content, maxTokens, temperature, reasoningEffort, responseSchema, hint);
  }
}
