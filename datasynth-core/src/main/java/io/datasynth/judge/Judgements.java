package io.datasynth.judge;

import io.datasynth.record.Provenance;
import java.util.HashMap;
import java.util.Map;

/**
 * The judge's scores of a run's records by ordinal, journaled ones replayed included: what the output's provenance
 * shows, and which delivered records are still waiting for a score (an output written while judging holds only
 * judged records). Not thread-safe: owned by the run's thread.
 */
public final class Judgements {
  private final boolean judging;
  private final Map<Long, Judgement> byOrdinal = new HashMap<>();

  /**
   * One score.
   *
   * @param score the score, or null when the judge gave none
   * @param rationale the judge's one-line reason; may be empty
   */
  public record Judgement(Double score, String rationale) {}

  /** @param judging whether this run judges, so that unjudged records are held back from the output */
  public Judgements(boolean judging) {
    this.judging = judging;
  }

  public void put(long ordinal, Judgement j) {
    byOrdinal.put(ordinal, j);
  }

  public boolean isJudged(long ordinal) {
    return byOrdinal.containsKey(ordinal);
  }

  /** Whether a delivered record may go into the output: always without a judge, once scored with one. */
  public boolean ready(long ordinal) {
    return !judging || byOrdinal.containsKey(ordinal);
  }

  /** Records judged so far. */
  public int size() {
    return byOrdinal.size();
  }

  /** A record's provenance with its judgement, if it has one. */
  public Provenance apply(long ordinal, Provenance p) {
    Judgement j = byOrdinal.get(ordinal);
    return p == null || j == null || j.score() == null ? p : p.withJudgement(j.score(), j.rationale());
  }
}
