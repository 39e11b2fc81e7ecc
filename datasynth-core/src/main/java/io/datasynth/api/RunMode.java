package io.datasynth.api;

import java.util.Locale;
import java.util.Optional;

/** How a run's requests are sent: one by one at once, in provider batches at half price, or chosen per run. */
public enum RunMode {
  /** Every request at once, at the online price. */
  ONLINE,
  /** In provider batches (Anthropic Message Batches, OpenAI Batch): half the price, results within 24 hours. */
  BATCH,
  /** Batches when the model has a batch API, the job is large enough and no deadline is sooner than a day. */
  AUTO;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RunMode> parse(String s) {
    for (RunMode m : values()) {
      if (m.id().equals(s.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
