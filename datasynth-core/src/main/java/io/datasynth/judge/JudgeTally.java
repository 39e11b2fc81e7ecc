package io.datasynth.judge;

import io.datasynth.cost.Billing;
import io.datasynth.cost.Purpose;
import io.datasynth.cost.Spending;
import io.datasynth.provider.Usage;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the rubric judge did in a run: requests and their tokens, records scored, passed and rejected, the scores
 * given, and how far records' own scores lay from the judge's. Not thread-safe: owned by the run's thread.
 */
public final class JudgeTally {
  long replies;
  Usage usage = Usage.ZERO;
  Spending spending = Spending.NONE;
  long judged;
  long passed;
  long lowScore;
  long unjudged;
  final Map<Double, Long> scores = new TreeMap<>();
  long compared;
  long disagreements;
  long generous;
  double sumDifference;

  /** A judge reply that cost {@code u}, billed online. */
  public void reply(Usage u) {
    reply(u, Billing.ONLINE);
  }

  /** A judge reply that cost {@code u}, billed as {@code billing}. */
  public void reply(Usage u, Billing billing) {
    replies++;
    usage = usage.plus(u);
    spending = spending.plus(Purpose.JUDGE, billing, u, 1);
  }

  /**
   * A record scored.
   *
   * @param self the score the record gave itself, or null
   * @param threshold how far apart the two scores must lie to count as a disagreement
   */
  public void judged(double score, boolean pass, Double self, double threshold) {
    judged++;
    if (pass) {
      passed++;
    } else {
      lowScore++;
    }
    scores.merge(score, 1L, Long::sum);
    if (self != null) {
      compared++;
      double d = self - score;
      sumDifference += d;
      if (Math.abs(d) >= threshold - 1e-9) {
        disagreements++;
        if (d > 0) {
          generous++;
        }
      }
    }
  }

  /** A record the judge never scored. */
  public void unscored() {
    unjudged++;
  }

  public long replies() {
    return replies;
  }

  public Usage usage() {
    return usage;
  }

  /** Its replies' tokens by billing, as {@link Purpose#JUDGE} lines. */
  public Spending spending() {
    return spending;
  }

  public long judged() {
    return judged;
  }

  public long passed() {
    return passed;
  }

  public long lowScore() {
    return lowScore;
  }

  public long unjudged() {
    return unjudged;
  }

  /** Records by the score they got, as the score's text ({@code 0.5}, {@code 4}). */
  public Map<String, Long> scores() {
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    scores.forEach((k, v) -> m.put(text(k), v));
    return m;
  }

  public long compared() {
    return compared;
  }

  public long disagreements() {
    return disagreements;
  }

  public long generous() {
    return generous;
  }

  public double sumDifference() {
    return sumDifference;
  }

  /** A score as text: {@code 1}, {@code 0.5}. */
  public static String text(double score) {
    return score == Math.rint(score) && Math.abs(score) < 1e15 ? Long.toString((long) score)
        : String.format(Locale.ROOT, "%s", java.math.BigDecimal.valueOf(score).stripTrailingZeros().toPlainString());
  }
}
