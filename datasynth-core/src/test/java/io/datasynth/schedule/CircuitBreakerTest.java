package io.datasynth.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  /**
   * Five failures in a row, of requests sent a second before each came back, the last at {@code at}: only that one
   * takes it out, for the first time out.
   */
  private static CircuitBreaker takeOut(CircuitBreaker b, long at) {
    for (int i = CircuitBreaker.THRESHOLD - 1; i >= 0; i--) {
      Duration out = b.onFailure(at - i - SECOND, at - i);
      assertThat(out).isEqualTo(i == 0 ? CircuitBreaker.FIRST : null);
    }
    return b;
  }

  private static CircuitBreaker takenOutAt(long at) {
    return takeOut(new CircuitBreaker(), at);
  }

  @Test
  void fiveFailuresInARowTakeItOutAndASuccessBetweenStartsCountingAgain() {
    CircuitBreaker b = new CircuitBreaker();
    for (int i = 0; i < CircuitBreaker.THRESHOLD - 1; i++) {
      assertThat(b.onFailure(i, i + 1)).isNull();
    }
    b.onSuccess(10);
    for (int i = 0; i < CircuitBreaker.THRESHOLD - 1; i++) {
      assertThat(b.onFailure(20 + i, 21 + i)).isNull();
    }
    assertThat(b.verdict(30)).isInstanceOf(CircuitBreaker.Verdict.Closed.class);
    assertThat(b.onFailure(30, 31)).isEqualTo(CircuitBreaker.FIRST);
    assertThat(b.verdict(32)).isInstanceOf(CircuitBreaker.Verdict.Open.class);
  }

  @Test
  void theAnswerOfARequestSentBeforeItWasTakenOutDoesNotBringItBack() {
    long t0 = 100 * SECOND;
    CircuitBreaker b = takenOutAt(t0);
    // A slow request sent before the failures answers after them.
    b.onSuccess(t0 - 2 * SECOND);
    assertThat(b.isOpen()).isTrue();
    assertThat(b.verdict(t0 + SECOND)).isEqualTo(new CircuitBreaker.Verdict.Open(t0 + 10 * SECOND));
    // So does one sent at the very moment it was taken out, before the failure that did it was counted.
    b.onSuccess(t0);
    assertThat(b.isOpen()).isTrue();
    assertThat(b.timesOut()).isEqualTo(1);
  }

  @Test
  void aLateFailureOfARequestSentBeforeItWasTakenOutIsNotAFailedTrial() {
    long t0 = 100 * SECOND;
    CircuitBreaker b = takenOutAt(t0);
    // A request sent before the time out fails only after the time out is over, before any trial was sent.
    assertThat(b.onFailure(t0 - SECOND, t0 + 11 * SECOND)).isNull();
    assertThat(b.verdict(t0 + 11 * SECOND)).isInstanceOf(CircuitBreaker.Verdict.Trial.class);
    assertThat(b.timesOut()).isEqualTo(1);
  }

  @Test
  void theTrialDecides() {
    long t0 = 100 * SECOND;
    CircuitBreaker failed = takenOutAt(t0);
    long trial = t0 + 10 * SECOND;
    assertThat(failed.verdict(trial)).isInstanceOf(CircuitBreaker.Verdict.Trial.class);
    assertThat(failed.onFailure(trial, trial + SECOND)).isEqualTo(CircuitBreaker.FIRST.multipliedBy(2));
    assertThat(failed.timesOut()).isEqualTo(2);

    CircuitBreaker answered = takenOutAt(t0);
    answered.onSuccess(trial);
    assertThat(answered.isOpen()).isFalse();
    assertThat(answered.verdict(trial + SECOND)).isInstanceOf(CircuitBreaker.Verdict.Closed.class);
    // Back in service, the next time out is the first one again.
    takeOut(answered, trial + 100 * SECOND);
  }
}
