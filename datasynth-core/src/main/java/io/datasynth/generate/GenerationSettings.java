package io.datasynth.generate;

/**
 * How the generation stage sizes and shapes its requests.
 *
 * @param target how many records to deliver, counting those delivered before
 * @param batchSize records asked for per request at most
 * @param tokensPerRecord the output tokens one record needs, from the seeds' sizes
 * @param maxTokens a fixed output limit, or 0 to size it per request
 * @param reasoningReserve output tokens left for reasoning on top of the records' own; grows when a reply spends
 *     its whole limit reasoning
 * @param modelMaxTokens the largest output limit the model accepts
 * @param temperature the temperature to send, or null for none (the model's default)
 * @param reasoningEffort the effort to ask for, or null for the model's default
 */
public record GenerationSettings(int target, int batchSize, int tokensPerRecord, int maxTokens, int reasoningReserve,
    int modelMaxTokens, Double temperature, String reasoningEffort) {

  /** The records' own share of an output limit never exceeds this when sized automatically. */
  public static final int MAX_AUTO_TOKENS = 32_000;
  /**
   * The run stops when the replies since {@code 2 × COLLAPSE_RECORDS} records were asked for (at least
   * {@link #COLLAPSE_WINDOW} replies) delivered fewer than this share, or the latest replies that asked for
   * {@link #COLLAPSE_RECORDS} (again at least ten) delivered none. Counted in records, not replies, so that a value
   * the model writes one time in ten does not fall below 5% by chance in replies of five.
   */
  public static final double COLLAPSE_RATE = 0.05;
  public static final int COLLAPSE_WINDOW = 10;
  public static final int COLLAPSE_RECORDS = 100;

  public GenerationSettings {
    if (target < 0 || batchSize < 1 || tokensPerRecord < 1 || reasoningReserve < 0 || modelMaxTokens < 1) {
      throw new IllegalArgumentException("invalid generation settings: " + target + "/" + batchSize + "/"
          + tokensPerRecord + "/" + reasoningReserve + "/" + modelMaxTokens);
    }
  }

  /**
   * The output limit for a request asking for {@code records} records: their estimated size (grown by
   * {@code growth} after cut-off replies) plus {@code reserve} for reasoning, within the model's maximum.
   */
  int maxTokensFor(int records, double growth, int reserve) {
    if (maxTokens > 0) {
      return maxTokens;
    }
    long visible = Math.max(256, Math.min(MAX_AUTO_TOKENS, (long) Math.ceil(tokensPerRecord * growth * records
        * 1.3) + 200));
    return (int) Math.min(modelMaxTokens, visible + reserve);
  }
}
