package io.datasynth.judge;

/**
 * Whether and how a run's accepted records are scored by the rubric judge.
 *
 * @param enabled whether records are judged ({@code --judge})
 * @param model the judge model, or null for the generation model
 * @param minScore records scoring below this are rejected; null for the rubric's middle score (see {@link
 *     JudgeScale#defaultMinimum()})
 * @param batchSize records per judge request, at least 1
 */
public record JudgeSettings(boolean enabled, String model, Double minScore, int batchSize) {
  public static final int DEFAULT_BATCH_SIZE = 10;
  /** Judging off. */
  public static final JudgeSettings OFF = new JudgeSettings(false, null, null, DEFAULT_BATCH_SIZE);

  public JudgeSettings {
    model = model == null || model.isBlank() ? null : model.strip();
  }

  /** The judge model: {@link #model()}, else {@code generationModel}. */
  public String modelOr(String generationModel) {
    return model == null ? generationModel : model;
  }
}
