package io.datasynth.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UsageTest {

  @Nested
  class Construction {

    @Test
    void zeroHasNoTokens() {
      assertThat(Usage.ZERO.totalTokens()).isZero();
      assertThat(Usage.ZERO).isEqualTo(new Usage(0, 0, 0, 0, 0));
    }

    @Test
    void rejectsEachNegativeCountByName() {
      assertThatThrownBy(() -> new Usage(-1, 0, 0, 0, 0)).hasMessageContaining("inputTokens is -1");
      assertThatThrownBy(() -> new Usage(0, -1, 0, 0, 0)).hasMessageContaining("outputTokens is -1");
      assertThatThrownBy(() -> new Usage(0, 0, -1, 0, 0)).hasMessageContaining("cacheReadTokens is -1");
      assertThatThrownBy(() -> new Usage(0, 0, 0, -1, 0)).hasMessageContaining("cacheWriteTokens is -1");
      assertThatThrownBy(() -> new Usage(0, 5, 0, 0, -1)).hasMessageContaining("reasoningTokens is -1");
    }

    @Test
    void rejectsMoreReasoningThanOutputBecauseReasoningIsPartOfOutput() {
      assertThatThrownBy(() -> new Usage(0, 10, 0, 0, 11))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reasoningTokens is 11 but outputTokens is 10");
    }
  }

  @Nested
  class Totals {

    @Test
    void totalCountsInputCacheAndOutputOnce() {
      Usage usage = new Usage(100, 50, 1_000, 200, 0);

      assertThat(usage.totalTokens()).isEqualTo(1_350);
    }

    @Test
    void totalDoesNotAddReasoningTokensAgain() {
      Usage usage = new Usage(100, 500, 0, 0, 400);

      assertThat(usage.totalTokens()).isEqualTo(600);
    }

    @Test
    void totalFailsLoudlyOnOverflow() {
      Usage usage = new Usage(Long.MAX_VALUE, 1, 0, 0, 0);

      assertThatThrownBy(usage::totalTokens).isInstanceOf(ArithmeticException.class);
    }
  }

  @Nested
  class Sums {

    @Test
    void plusAddsFieldByField() {
      Usage a = new Usage(1, 20, 300, 4_000, 10);
      Usage b = new Usage(2, 30, 400, 5_000, 20);

      assertThat(a.plus(b)).isEqualTo(new Usage(3, 50, 700, 9_000, 30));
    }

    @Test
    void zeroIsTheIdentityOfPlus() {
      Usage a = new Usage(1, 2, 3, 4, 1);

      assertThat(a.plus(Usage.ZERO)).isEqualTo(a);
      assertThat(Usage.ZERO.plus(a)).isEqualTo(a);
    }

    @Test
    void plusFailsLoudlyOnOverflow() {
      Usage big = new Usage(Long.MAX_VALUE, 0, 0, 0, 0);

      assertThatThrownBy(() -> big.plus(new Usage(1, 0, 0, 0, 0))).isInstanceOf(ArithmeticException.class);
    }
  }
}
