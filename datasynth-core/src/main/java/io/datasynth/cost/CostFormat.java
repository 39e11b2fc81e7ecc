package io.datasynth.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats US dollar amounts for people: {@code $12.40} from one dollar up (thousands separated: {@code $1,234.50}), {@code $0.0123} from a cent up,
 * two significant digits below that ({@code $0.00042}), and {@code $0.00} for zero.
 *
 * <p>Stateless and thread-safe; the output never depends on the default locale.
 */
public final class CostFormat {
  private static final BigDecimal ONE_DOLLAR = BigDecimal.ONE;
  private static final BigDecimal ONE_CENT = new BigDecimal("0.01");
  private static final BigDecimal ONE_THOUSAND = new BigDecimal(1000);

  private CostFormat() {}

  /**
   * The amount with a dollar sign, e.g. {@code "$0.0123"}; negative amounts get a leading minus.
   *
   * @throws IllegalArgumentException if {@code dollars} is NaN or infinite
   */
  public static String usd(double dollars) {
    if (!Double.isFinite(dollars)) {
      throw new IllegalArgumentException("cost is " + dollars + "; expected a finite amount of dollars");
    }
    BigDecimal amount = BigDecimal.valueOf(Math.abs(dollars));
    BigDecimal shown = amount.round(new MathContext(2, RoundingMode.HALF_UP));
    if (shown.compareTo(ONE_CENT) >= 0) {
      shown = amount.setScale(4, RoundingMode.HALF_UP);
    }
    if (shown.compareTo(ONE_DOLLAR) >= 0 || shown.signum() == 0) {
      shown = amount.setScale(2, RoundingMode.HALF_UP);
    }
    String sign = dollars < 0 && shown.signum() != 0 ? "-" : "";
    // Thousands are separated ($12,345.60); the amounts below a dollar never reach them.
    String digits = shown.compareTo(ONE_THOUSAND) >= 0 ? String.format(java.util.Locale.ROOT, "%,.2f", shown)
        : shown.toPlainString();
    return sign + "$" + digits;
  }
}
