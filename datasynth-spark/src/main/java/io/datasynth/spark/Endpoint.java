package io.datasynth.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One server of the job's fleet: a replica of the model behind its own URL.
 *
 * @param baseUrl the base URL, as {@code --base-url} takes it
 * @param weight how large a part of the work it gets, relative to the others; at least 1
 * @param keyVariable the environment variable holding its key, or null for the job's ({@code --api-key-env})
 */
public record Endpoint(String baseUrl, int weight, String keyVariable) implements Serializable {
  public Endpoint {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (weight < 1) {
      throw new IllegalArgumentException("weight " + weight);
    }
  }

  /** An endpoint of weight 1 with the job's key. */
  public static Endpoint of(String baseUrl) {
    return new Endpoint(baseUrl, 1, null);
  }
}
