package io.datasynth.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.provider.RateLimits;
import io.datasynth.provider.RateLimits.Dimension;
import io.datasynth.provider.Usage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  static final long SECOND = 1_000_000_000L;
  static final Cost ONE = new Cost(1, 100, 1000);

  static RateLimits requests(long limit, long remaining) {
    return new RateLimits(Map.of(Dimension.REQUESTS, new RateLimits.Limit(limit, remaining, null)));
  }

  @Test
  void admitsEverythingUntilItKnowsTheLimits() {
    RateLimiter l = new RateLimiter();
    for (int i = 0; i < 1000; i++) {
      assertThat(l.tryAcquire(ONE, 0)).isZero();
    }
    assertThat(l.knowsLimits()).isFalse();
  }

  @Test
  void learnsASmallBurstFromTheHeadersAndPacesAtTheRefillRate() {
    RateLimiter l = new RateLimiter();
    l.observe(requests(600, 10), Cost.NONE, Cost.NONE, 0);
    int burst = 0;
    while (l.tryAcquire(ONE, 0) == 0) {
      burst++;
    }
    // The whole burst but a little slack for requests that arrive late.
    assertThat(burst).isBetween(8, 10);
    long wait = l.tryAcquire(ONE, 0);
    assertThat(wait).isPositive().isLessThanOrEqualTo(SECOND / 5);
    assertThat(l.tryAcquire(ONE, wait)).isZero();
    // After a long idle time the bucket holds the learned burst, not the minute's 600.
    long later = 100 * SECOND;
    int admitted = 0;
    while (l.tryAcquire(ONE, later) == 0) {
      admitted++;
    }
    assertThat(admitted).isBetween(8, 10);
  }

  @Test
  void trustsTheServerWhenItHasLessRoomThanWeThink() {
    RateLimiter l = new RateLimiter();
    l.observe(requests(600, 599), Cost.NONE, Cost.NONE, 0);
    l.observe(requests(600, 0), Cost.NONE, Cost.NONE, 0);
    assertThat(l.tryAcquire(ONE, 0)).isPositive();
  }

  @Test
  void countsRequestsSentAfterTheSnapshotAgainstIt() {
    RateLimiter l = new RateLimiter();
    l.observe(requests(600, 5), new Cost(5, 0, 0), new Cost(5, 0, 0), 0);
    assertThat(l.tryAcquire(ONE, 0)).isPositive();
  }

  @Test
  void refundsTheUnusedOutputReservation() {
    RateLimiter l = new RateLimiter();
    Cost big = new Cost(1, 100, 8000);
    l.observe(new RateLimits(Map.of(Dimension.OUTPUT_TOKENS, new RateLimits.Limit(10_000, 10_000, null))),
        Cost.NONE, Cost.NONE, 0);
    assertThat(l.tryAcquire(big, 0)).isZero();
    assertThat(l.tryAcquire(big, 0)).isPositive();
    l.release(big, new Usage(100, 500, 0, 0, 0), 0);
    assertThat(l.tryAcquire(big, 0)).isZero();
  }

  @Test
  void aPauseIsExtendedByLater429sButNeverShortened() {
    RateLimiter l = new RateLimiter();
    l.pause(Duration.ofSeconds(30), RateLimits.NONE, Duration.ofSeconds(1), 0);
    l.pause(Duration.ofSeconds(5), RateLimits.NONE, Duration.ofSeconds(1), SECOND);
    assertThat(l.pausedUntil()).isEqualTo(30 * SECOND);
    assertThat(l.tryAcquire(ONE, 29 * SECOND)).isEqualTo(SECOND);
    assertThat(l.tryAcquire(ONE, 30 * SECOND)).isZero();
  }

  @Test
  void withoutRetryAfterItWaitsForTheExhaustedLimitToReset() {
    RateLimiter l = new RateLimiter();
    RateLimits exhausted = new RateLimits(Map.of(Dimension.TOKENS,
        new RateLimits.Limit(30_000, 0, Duration.ofSeconds(12))));
    assertThat(l.pause(null, exhausted, Duration.ofSeconds(2), 0)).isEqualTo(12 * SECOND);
  }
}
