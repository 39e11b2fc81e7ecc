package io.datasynth.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.schema.Schema;
import java.util.Optional;

/**
 * The quality stage for one run: validates a candidate, then keeps it only when it is not a duplicate of one
 * kept before.
 *
 * <p><b>Not thread-safe</b>, like the {@link Deduplicator} it owns: the engine's writer thread calls it. Workers
 * may call {@link #validator()} on their own threads, since validation is thread-safe. Closing it closes the
 * deduplicator.
 */
public final class QualityGate implements AutoCloseable {
  private final RecordValidator validator;
  private final Deduplicator deduplicator;

  /**
   * A gate for a schema, with a deduplicator of the default settings.
   *
   * @param nearDuplicateThreshold as for {@link Deduplicator.Builder#nearDuplicateThreshold}
   */
  public QualityGate(Schema schema, double nearDuplicateThreshold) {
    this(schema, Deduplicator.builder(schema).nearDuplicateThreshold(nearDuplicateThreshold).build());
  }

  /** A gate for a schema that deduplicates with {@code deduplicator}, which it then owns. */
  public QualityGate(Schema schema, Deduplicator deduplicator) {
    this.validator = new RecordValidator(schema);
    this.deduplicator = deduplicator;
  }

  /**
   * Decides about one candidate and, when it is accepted, remembers it under {@code ordinal}.
   *
   * @param candidate a parsed record; may be anything, including null
   * @param ordinal the record's ordinal, as for {@link Deduplicator#add(com.fasterxml.jackson.databind.node.ObjectNode,
   *     long)}
   * @return accepted with the cleaned record, rejected with the first violation, or a duplicate of an earlier one
   */
  public Verdict admit(JsonNode candidate, long ordinal) {
    Validation validation = validator.validate(candidate);
    if (validation instanceof Validation.Invalid invalid) {
      return Verdict.Rejected.of(invalid.first());
    }
    Validation.Valid valid = (Validation.Valid) validation;
    Optional<Deduplicator.Match> match = deduplicator.add(valid.record(), ordinal);
    return match.<Verdict>map(Verdict.Duplicate::new).orElseGet(() -> new Verdict.Accepted(valid.record()));
  }

  /** The validator, which is thread-safe and may run on worker threads. */
  public RecordValidator validator() {
    return validator;
  }

  /** The deduplicator; only the thread that calls {@link #admit} may use it. */
  public Deduplicator deduplicator() {
    return deduplicator;
  }

  @Override
  public void close() {
    deduplicator.close();
  }
}
