package io.datasynth.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CostFormatTest {

  @Nested
  class Amounts {

    @Test
    void showsCentsFromOneDollarUp() {
      assertThat(CostFormat.usd(12.4)).isEqualTo("$12.40");
      assertThat(CostFormat.usd(1)).isEqualTo("$1.00");
    }

    @Test
    void separatesThousands() {
      assertThat(CostFormat.usd(1234.567)).isEqualTo("$1,234.57");
      assertThat(CostFormat.usd(1234567.8)).isEqualTo("$1,234,567.80");
      assertThat(CostFormat.usd(-1000)).isEqualTo("-$1,000.00");
      assertThat(CostFormat.usd(999.994)).isEqualTo("$999.99");
    }

    @Test
    void showsFourDecimalsBetweenACentAndADollar() {
      assertThat(CostFormat.usd(0.0123)).isEqualTo("$0.0123");
      assertThat(CostFormat.usd(0.45678)).isEqualTo("$0.4568");
    }

    @Test
    void showsTwoSignificantDigitsBelowACent() {
      assertThat(CostFormat.usd(0.000421)).isEqualTo("$0.00042");
      assertThat(CostFormat.usd(0.0000015)).isEqualTo("$0.0000015");
    }

    @Test
    void roundsUpIntoTheNextBandCleanly() {
      assertThat(CostFormat.usd(0.999996)).isEqualTo("$1.00");
    }

    @Test
    void showsZeroAsZeroDollars() {
      assertThat(CostFormat.usd(0)).isEqualTo("$0.00");
      assertThat(CostFormat.usd(-0.0)).isEqualTo("$0.00");
    }

    @Test
    void putsTheMinusBeforeTheDollarSign() {
      assertThat(CostFormat.usd(-2.5)).isEqualTo("-$2.50");
    }
  }

  @Nested
  class Robustness {

    @Test
    void ignoresTheDefaultLocale() {
      Locale before = Locale.getDefault();
      try {
        Locale.setDefault(Locale.GERMANY);
        assertThat(CostFormat.usd(12.4)).isEqualTo("$12.40");
      } finally {
        Locale.setDefault(before);
      }
    }

    @Test
    void rejectsAmountsThatAreNotFinite() {
      assertThatThrownBy(() -> CostFormat.usd(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> CostFormat.usd(Double.POSITIVE_INFINITY))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
