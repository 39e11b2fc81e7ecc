package io.datasynth.provider;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One server of a fleet serving the same model: its base URL (the {@code --base-url} way), its share of the work,
 * and the environment variable holding its key.
 *
 * @param baseUrl the base URL: an origin for Anthropic, a URL ending in /v1 for OpenAI-compatible servers
 * @param weight its share of the work relative to the other endpoints, at least 1
 * @param keyVariable the environment variable holding its key, or null for the run's own ({@code --api-key-env} or
 *     the provider's variable)
 */
public record Endpoint(String baseUrl, int weight, String keyVariable) {
  /** What an environment variable's name may be. */
  static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public Endpoint {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (baseUrl.isBlank()) {
      throw new IllegalArgumentException("an endpoint's base URL is empty");
    }
    if (weight < 1) {
      throw new IllegalArgumentException("an endpoint's weight is " + weight + "; it must be at least 1");
    }
    if (keyVariable != null && !VARIABLE.matcher(keyVariable).matches()) {
      throw new IllegalArgumentException("'" + keyVariable + "' is not an environment variable's name");
    }
  }

  /** An endpoint of weight 1 using the run's key. */
  public static Endpoint of(String baseUrl) {
    return new Endpoint(baseUrl, 1, null);
  }
}
