package io.datasynth.report;

import io.datasynth.provider.Usage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the rubric judge did in one run, or over several: its own requests, tokens and cost (reported apart from
 * generation's, and included in the run's totals), the records it scored, passed and rejected, the scores it gave,
 * and how far records' own scores lay from its.
 *
 * @param model the judge model
 * @param requests judge replies paid for
 * @param usage the tokens of its calls
 * @param costUsd what they cost, or null when the judge model has no price
 * @param judged records scored
 * @param passed records at or above the minimum
 * @param lowScore records below it, rejected ({@code low_score})
 * @param unjudged records the judge never scored, rejected ({@code unjudged})
 * @param scores records by score, the score as text ({@code "0.5"}), lowest first
 * @param minScore the minimum in force
 * @param selfScores the records' own scores against the judge's; null when the schema has no self-score field
 */
public record JudgeSummary(String model, long requests, Usage usage, Double costUsd, long judged, long passed,
    long lowScore, long unjudged, Map<String, Long> scores, double minScore, SelfScores selfScores) {

  public JudgeSummary {
    scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
  }

  /**
   * Records' own scores against the judge's.
   *
   * @param field the field records score themselves in
   * @param threshold how far apart the scores must lie to count as a disagreement
   * @param compared records that had a score of their own
   * @param disagreements records whose score lay at least {@code threshold} from the judge's
   * @param generous those that scored themselves higher than the judge did
   * @param sumDifference the sum of (own score − judge's score), for the mean
   */
  public record SelfScores(String field, double threshold, long compared, long disagreements, long generous,
      double sumDifference) {

    /** The mean of (own score − judge's score); 0 when none were compared. */
    public double meanDifference() {
      return compared == 0 ? 0 : sumDifference / compared;
    }
  }

  /** Several runs' judges as one: counts and tokens added up, the last run's model and minimum. */
  public static JudgeSummary total(List<JudgeSummary> parts) {
    if (parts.isEmpty()) {
      return null;
    }
    JudgeSummary last = parts.get(parts.size() - 1);
    long requests = 0;
    long judged = 0;
    long passed = 0;
    long low = 0;
    long unjudged = 0;
    Usage usage = Usage.ZERO;
    Double cost = 0.0;
    Map<Double, Long> byScore = new TreeMap<>();
    Map<String, String> texts = new java.util.HashMap<>();
    SelfScores self = null;
    for (JudgeSummary j : parts) {
      requests += j.requests();
      judged += j.judged();
      passed += j.passed();
      low += j.lowScore();
      unjudged += j.unjudged();
      usage = usage.plus(j.usage());
      cost = cost == null || j.costUsd() == null ? (j.usage().totalTokens() == 0 ? cost : null) : cost + j.costUsd();
      j.scores().forEach((k, v) -> {
        double d = Double.parseDouble(k);
        byScore.merge(d, v, Long::sum);
        texts.put(Double.toString(d), k);
      });
      if (j.selfScores() != null) {
        SelfScores s = j.selfScores();
        self = self == null ? s : new SelfScores(s.field(), s.threshold(), self.compared() + s.compared(),
            self.disagreements() + s.disagreements(), self.generous() + s.generous(),
            self.sumDifference() + s.sumDifference());
      }
    }
    Map<String, Long> scores = new LinkedHashMap<>();
    byScore.forEach((k, v) -> scores.put(texts.get(Double.toString(k)), v));
    return new JudgeSummary(last.model(), requests, usage, cost, judged, passed, low, unjudged, scores,
        last.minScore(), self);
  }
}
