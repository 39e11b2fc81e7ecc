package io.datasynth.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.schema.Schema;
import java.util.Optional;

/**
 * The quality stage for one run: validates a candidate, then keeps it only when it is not a duplicate of one
 * kept before.
 *
 * <p><b>Not thread-safe</b>, like the {@link Deduplicator} it owns: the engine's writer thread calls it. Workers
 * may call {@link #validator()} on their own threads, since validation is thread-safe.
 */
public final class QualityGate {
  private final RecordValidator validator;
  private final Deduplicator deduplicator;

  /**
   * A gate for a schema.
   *
   * @param nearDuplicateThreshold as for {@link Deduplicator#Deduplicator(Schema, double)}
   */
  public QualityGate(Schema schema, double nearDuplicateThreshold) {
    this.validator = new RecordValidator(schema);
    this.deduplicator = new Deduplicator(schema, nearDuplicateThreshold);
  }

  /**
   * Decides about one candidate and, when it is accepted, remembers it under {@code id}.
   *
   * @param candidate a parsed record; may be anything, including null
   * @param id the id the record will have in the output; never null
   * @return accepted with the cleaned record, rejected with the first violation, or a duplicate of an earlier id
   */
  public Verdict admit(JsonNode candidate, String id) {
    Validation validation = validator.validate(candidate);
    if (validation instanceof Validation.Invalid invalid) {
      return Verdict.Rejected.of(invalid.first());
    }
    Validation.Valid valid = (Validation.Valid) validation;
    Optional<Deduplicator.Match> match = deduplicator.add(valid.record(), id);
    return match.<Verdict>map(Verdict.Duplicate::of).orElseGet(() -> new Verdict.Accepted(valid.record()));
  }

  /** The validator, which is thread-safe and may run on worker threads. */
  public RecordValidator validator() {
    return validator;
  }

  /** The deduplicator; only the thread that calls {@link #admit} may use it. */
  public Deduplicator deduplicator() {
    return deduplicator;
  }
}
