package io.datasynth.provider;

import java.util.Objects;

/**
 * An API key. It is only ever read to build a request header: {@link #toString()} never shows it, so it cannot leak
 * into logs, messages or outputs by accident.
 */
public final class ApiKey {
  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /** Wraps a key; blank values are rejected. */
  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("API key is blank");
    }
    return new ApiKey(value.strip());
  }

  /** The key itself, for the request header only. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }
}
