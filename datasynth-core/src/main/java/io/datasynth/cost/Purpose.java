package io.datasynth.cost;

import java.util.Locale;

/** What a paid call was for, so that a report can price each kind of work on its own. */
public enum Purpose {
  /** Asking for new records (the cache warm-up request is one too). */
  GENERATE,
  /** Sending a record back with the validator's message, to have it fixed. */
  REPAIR,
  /** Scoring records with the rubric. */
  JUDGE;

  /** The id in journals and reports, e.g. {@code repair}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The purpose with this id, or {@link #GENERATE} for an unknown or missing one (journals written before). */
  public static Purpose ofId(String id) {
    for (Purpose p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    return GENERATE;
  }
}
