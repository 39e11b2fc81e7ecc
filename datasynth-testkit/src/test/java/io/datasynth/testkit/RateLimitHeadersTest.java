package io.datasynth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

  @Test
  void formatsResetsAsGoDurations() {
    assertThat(RateLimitHeaders.goDuration(0)).isEqualTo("0s");
    assertThat(RateLimitHeaders.goDuration(1)).isEqualTo("1ms");
    assertThat(RateLimitHeaders.goDuration(Duration.ofMillis(20).toNanos())).isEqualTo("20ms");
    assertThat(RateLimitHeaders.goDuration(Duration.ofMillis(1500).toNanos())).isEqualTo("1.5s");
    assertThat(RateLimitHeaders.goDuration(Duration.ofMillis(1250).toNanos())).isEqualTo("1.25s");
    assertThat(RateLimitHeaders.goDuration(Duration.ofMinutes(6).toNanos())).isEqualTo("6m0s");
    assertThat(RateLimitHeaders.goDuration(Duration.ofSeconds(3723).toNanos())).isEqualTo("1h2m3s");
  }

  @Test
  void formatsResetTimesAsRfc3339RoundedUpToTheMillisecond() {
    assertThat(RateLimitHeaders.rfc3339(Instant.parse("2025-06-01T12:00:30Z"))).isEqualTo("2025-06-01T12:00:30Z");
    assertThat(RateLimitHeaders.rfc3339(Instant.parse("2025-06-01T12:00:30.0001Z")))
        .isEqualTo("2025-06-01T12:00:30.001Z");
  }
}
