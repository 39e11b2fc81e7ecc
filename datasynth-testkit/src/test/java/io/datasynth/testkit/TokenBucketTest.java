package io.datasynth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void startsFullAndRefillsAtTheLimitPerSixtySeconds() {
    TokenBucket bucket = new TokenBucket(60, 60, 0);
    bucket.take(60);

    bucket.refill(10 * SECOND);

    assertThat(bucket.remaining()).isEqualTo(10);
    assertThat(bucket.nanosUntilFull()).isEqualTo(50 * SECOND);
  }

  @Test
  void neverHoldsMoreThanItsBurst() {
    TokenBucket bucket = new TokenBucket(600, 1, 0);

    bucket.refill(100 * SECOND);

    assertThat(bucket.remaining()).isEqualTo(10);
  }

  @Test
  void saysHowLongUntilACostFits() {
    TokenBucket bucket = new TokenBucket(60, 60, 0);
    bucket.take(60);

    assertThat(bucket.nanosUntilFits(3)).isEqualTo(3 * SECOND);
    assertThat(bucket.nanosUntilFits(0)).isZero();
  }

  @Test
  void admitsAnOversizedCostOnceFullAndGoesIntoDebt() {
    TokenBucket bucket = new TokenBucket(600, 1, 0);

    assertThat(bucket.nanosUntilFits(50)).isZero();
    bucket.take(50);

    assertThat(bucket.remaining()).isZero();
    assertThat(bucket.nanosUntilFits(1)).isEqualTo(41 * SECOND / 10);
  }
}
