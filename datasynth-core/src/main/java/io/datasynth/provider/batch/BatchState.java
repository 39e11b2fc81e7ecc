package io.datasynth.provider.batch;

import java.time.Instant;

/**
 * A batch as the provider reports it at one moment.
 *
 * @param id the provider's id
 * @param status where it stands
 * @param counts its items by state
 * @param createdAt when it was created; null when not said
 * @param expiresAt when the provider gives up on unfinished items; null when not said
 * @param endedAt when it ended; null while it runs
 * @param token the client's name for it, where the API keeps one (OpenAI metadata); null otherwise
 * @param problem why it failed as a whole (OpenAI: a bad input file); null otherwise
 */
public record BatchState(String id, Status status, Counts counts, Instant createdAt, Instant expiresAt,
    Instant endedAt, String token, String problem) {

  /** Where a batch stands. */
  public enum Status {
    /** Being worked through (OpenAI validating, in_progress, finalizing; Anthropic in_progress). */
    IN_PROGRESS,
    /** Cancelled, still winding down. */
    CANCELING,
    /** Done: every item has a result (succeeded, errored, canceled or expired). */
    ENDED,
    /** Refused as a whole before any item ran (OpenAI {@code failed}): nothing was paid. */
    FAILED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Items by state. OpenAI reports only totals, completed and failed; the rest is derived.
   *
   * @param total every item of the batch
   */
  public record Counts(long total, long processing, long succeeded, long errored, long canceled, long expired) {
    public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

    public Counts plus(Counts o) {
      return new Counts(total + o.total, processing + o.processing, succeeded + o.succeeded, errored + o.errored,
          canceled + o.canceled, expired + o.expired);
    }

    /** Items with a result. */
    public long done() {
      return succeeded + errored + canceled + expired;
    }
  }

  public boolean ended() {
    return status == Status.ENDED || status == Status.FAILED;
  }
}
