package io.datasynth.cost;

/** How a call is billed: at the online price, or at the batch price of a provider's batch API. */
public enum Billing {
  /** Sent and answered at once, at the standard price. */
  ONLINE,
  /** Sent in a provider batch (Anthropic Message Batches, OpenAI Batch), at the batch price. */
  BATCH;

  /** The id in journals and reports: {@code online} or {@code batch}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
