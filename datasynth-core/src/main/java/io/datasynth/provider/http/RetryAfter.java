package io.datasynth.provider.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads how long a server asked us to wait: {@code retry-after-ms}, or {@code retry-after} in seconds or as an HTTP date. */
public final class RetryAfter {
  private RetryAfter() {}

  public static Optional<Duration> parse(HttpHeaders headers, Instant now) {
    Optional<String> ms = headers.firstValue("retry-after-ms");
    if (ms.isPresent()) {
      try {
        return Optional.of(Duration.ofNanos((long) (Double.parseDouble(ms.get().strip()) * 1_000_000)));
      } catch (NumberFormatException ignored) {
        // fall through to retry-after
      }
    }
    return headers.firstValue("retry-after").flatMap(v -> parse(v, now));
  }

  static Optional<Duration> parse(String value, Instant now) {
    String v = value.strip();
    try {
      double seconds = Double.parseDouble(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofNanos((long) (seconds * 1e9)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }
}
