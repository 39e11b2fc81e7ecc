package io.datasynth.provider;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a provider's rate-limit headers said in one response: for each limit, its size, what remains and how long
 * until it is full again. Empty when the server sends no such headers (most local servers).
 */
public record RateLimits(Map<Dimension, Limit> limits) {
  public static final RateLimits NONE = new RateLimits(Map.of());

  /** The quantities providers limit per minute. */
  public enum Dimension {
    REQUESTS,
    INPUT_TOKENS,
    OUTPUT_TOKENS,
    /** Input and output together (OpenAI's token limit). */
    TOKENS
  }

  /**
   * One limit.
   *
   * @param limit the bucket size (per minute)
   * @param remaining what is left now
   * @param resetIn time until the bucket is full again; null when not sent
   */
  public record Limit(long limit, long remaining, Duration resetIn) {}

  /**
   * The names of the three headers that tell one limit, as a provider spells them; named once by its adapter rather
   * than for every reply.
   */
  public record Headers(Dimension dimension, String limit, String remaining, String reset) {}

  public RateLimits {
    limits = limits.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(limits));
  }

  public boolean isEmpty() {
    return limits.isEmpty();
  }

  public Optional<Limit> get(Dimension d) {
    return Optional.ofNullable(limits.get(d));
  }
}
