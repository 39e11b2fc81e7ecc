package io.datasynth.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the quality stage decided about one candidate record: keep it, reject it, or drop it as a duplicate. */
public sealed interface Verdict permits Verdict.Accepted, Verdict.Rejected, Verdict.Duplicate {

  /**
   * The record is valid and new.
   *
   * @param record the validated record, as {@link Validation.Valid} gave it
   */
  record Accepted(ObjectNode record) implements Verdict {}

  /**
   * The record broke the schema.
   *
   * @param rule the first rule broken
   * @param field the field at fault; empty for the whole record
   * @param detail the violation's message
   */
  record Rejected(Rule rule, String field, String detail) implements Verdict {
    /** The verdict for a record whose first violation is {@code v}. */
    public static Rejected of(Violation v) {
      return new Rejected(v.rule(), v.field(), v.message());
    }
  }

  /**
   * The record repeats one already kept.
   *
   * @param match the record or seed kept first, whether it is the same after normalisation rather than only
   *     similar, and the estimated 3-gram Jaccard similarity (1.0 for exact duplicates)
   */
  record Duplicate(Deduplicator.Match match) implements Verdict {}
}
