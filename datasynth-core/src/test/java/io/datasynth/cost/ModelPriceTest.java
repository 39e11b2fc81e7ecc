package io.datasynth.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.datasynth.provider.Usage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModelPriceTest {
  private static final ModelPrice SONNET = new ModelPrice("claude-sonnet-4-5", 3.0, 15.0, 0.30, 3.75);

  @Nested
  class Cost {

    @Test
    void chargesUncachedInputAtTheInputPrice() {
      assertThat(SONNET.cost(new Usage(1_000_000, 0, 0, 0, 0))).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void chargesOutputAtTheOutputPrice() {
      assertThat(SONNET.cost(new Usage(0, 2_000_000, 0, 0, 0))).isCloseTo(30.0, within(1e-12));
    }

    @Test
    void chargesCacheReadsAtTheCachedInputPrice() {
      assertThat(SONNET.cost(new Usage(0, 0, 1_000_000, 0, 0))).isCloseTo(0.30, within(1e-12));
    }

    @Test
    void chargesCacheWritesAtTheCacheWritePrice() {
      assertThat(SONNET.cost(new Usage(0, 0, 0, 1_000_000, 0))).isCloseTo(3.75, within(1e-12));
    }

    @Test
    void doesNotChargeReasoningTokensOnTopOfTheOutputTheyArePartOf() {
      ModelPrice o3 = new ModelPrice("o3", 2.0, 8.0, 0.50, 2.0);
      Usage withReasoning = new Usage(1_000, 5_000, 0, 0, 4_000);
      Usage withoutBreakdown = new Usage(1_000, 5_000, 0, 0, 0);

      assertThat(o3.cost(withReasoning)).isEqualTo(o3.cost(withoutBreakdown));
      assertThat(o3.cost(withReasoning)).isCloseTo((1_000 * 2.0 + 5_000 * 8.0) / 1e6, within(1e-15));
    }

    @Test
    void addsEveryKindOfTokenForARealisticAnthropicCall() {
      // 1,200 fresh input, 8,000 read from cache, 2,000 written to cache, 900 output.
      Usage usage = new Usage(1_200, 900, 8_000, 2_000, 0);
      double expected = (1_200 * 3.0 + 8_000 * 0.30 + 2_000 * 3.75 + 900 * 15.0) / 1_000_000;

      assertThat(SONNET.cost(usage)).isCloseTo(expected, within(1e-15));
      assertThat(CostFormat.usd(SONNET.cost(usage))).isEqualTo("$0.0270");
    }

    @Test
    void costsNothingForNoTokens() {
      assertThat(SONNET.cost(Usage.ZERO)).isZero();
    }

    @Test
    void costOfASumIsTheSumOfTheCosts() {
      Usage a = new Usage(100, 200, 300, 400, 50);
      Usage b = new Usage(5, 6, 7, 8, 1);

      assertThat(SONNET.cost(a.plus(b))).isCloseTo(SONNET.cost(a) + SONNET.cost(b), within(1e-15));
    }
  }

  @Nested
  class Validation {

    @Test
    void rejectsABlankModel() {
      assertThatThrownBy(() -> new ModelPrice(" ", 1, 1, 1, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("model is blank");
    }

    @Test
    void rejectsNegativePricesNamingTheFieldAndModel() {
      assertThatThrownBy(() -> new ModelPrice("m", 1, -2, 1, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outputPerMTok of m is -2.0");
    }

    @Test
    void rejectsPricesThatAreNotFinite() {
      assertThatThrownBy(() -> new ModelPrice("m", Double.NaN, 1, 1, 1))
          .hasMessageContaining("inputPerMTok");
      assertThatThrownBy(() -> new ModelPrice("m", 1, 1, Double.POSITIVE_INFINITY, 1))
          .hasMessageContaining("cachedInputPerMTok");
    }

    @Test
    void acceptsFreeModels() {
      assertThat(new ModelPrice("llama3.1:8b", 0, 0, 0, 0).cost(new Usage(10, 10, 0, 0, 0))).isZero();
    }
  }
}
