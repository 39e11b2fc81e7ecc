package io.datasynth.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import io.datasynth.text.Message;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one quality path every record takes, whether a run generated it, {@code parse} read it from a pasted reply
 * or a resumed run replays it from its journal: validate against the schema, then deduplicate against the seeds
 * and every record kept before. It returns a sealed {@link Verdict} with a typed {@link RejectReason}; later
 * stages (the rubric judge) add their own reasons to the same type.
 *
 * <p>{@link #validate} is thread-safe and may run on worker threads; {@link #admit} and {@link #remember} change the
 * dedup index and belong to one thread (the run's writer).
 */
public final class QualityPath implements AutoCloseable {
  private final RecordValidator validator;
  private final Deduplicator dedup;
  /** Whether a record went through before the seeds came, or was remembered though it duplicated something. */
  private boolean seedCopiesPossible;
  private boolean anyRecord;

  /**
   * A path for records of a schema.
   *
   * @param validate false to keep records that break the schema ({@code --no-validate}); they are still
   *     deduplicated
   * @param dedup the dedup index; owned by this path from now on and closed with it
   */
  public QualityPath(Schema schema, boolean validate, Deduplicator dedup) {
    this.validator = validate ? new RecordValidator(schema) : null;
    this.dedup = Objects.requireNonNull(dedup, "dedup");
  }

  /** A path with the usual dedup index for {@code threshold} (1 keeps exact dedup only). */
  public static QualityPath of(Schema schema, boolean validate, double threshold, long expectedRecords) {
    return new QualityPath(schema, validate, Deduplicator.builder(schema).nearDuplicateThreshold(threshold)
        .expectedRecords(expectedRecords).build());
  }

  /** Remembers the seeds, so records copying them are duplicates; seeds repeating each other are kept once. */
  public void addSeeds(List<Seed> seeds) {
    seedCopiesPossible |= anyRecord;
    seeds.forEach(s -> dedup.addSeed(s.data(), s.id()));
  }

  /**
   * Checks a candidate against the schema; thread-safe.
   *
   * @return the cleaned record, or every violation; with validation off any object is valid as it is
   */
  public Validation validate(JsonNode candidate) {
    if (validator != null) {
      return validator.validate(candidate);
    }
    if (candidate instanceof ObjectNode o) {
      return new Validation.Valid(o.deepCopy());
    }
    return new Validation.Invalid(List.of(new Violation("", Rule.NOT_AN_OBJECT, Message.of("rule.not_json_object"))));
  }

  /**
   * Decides about a validated candidate; an accepted record is remembered under {@code ordinal}.
   *
   * @param ordinal the record's position among accepted records, from 1
   */
  public Verdict admit(Validation validated, long ordinal) {
    return admit(validated, ordinal, PlanFit.ANY);
  }

  /**
   * Decides about a validated candidate of a batch whose diversity plan fixes some field values: a valid record
   * outside them is rejected ({@link RejectReason.OffPlan}) and not remembered.
   *
   * @param plan the batch's fixed values; {@link PlanFit#ANY} when none
   */
  public Verdict admit(Validation validated, long ordinal, PlanFit plan) {
    if (validated instanceof Validation.Invalid invalid) {
      return new Verdict.Rejected(RejectReason.RuleViolation.of(invalid.first()));
    }
    ObjectNode record = ((Validation.Valid) validated).record();
    Optional<RejectReason.OffPlan> off = plan.check(record);
    if (off.isPresent()) {
      return new Verdict.Rejected(off.get());
    }
    anyRecord = true;
    Optional<Deduplicator.Match> match = dedup.add(record, ordinal);
    return match.<Verdict>map(m -> new Verdict.Rejected(RejectReason.Duplicate.of(m)))
        .orElseGet(() -> new Verdict.Accepted(record));
  }

  /** Validates and decides in one step. */
  public Verdict admit(JsonNode candidate, long ordinal) {
    return admit(validate(candidate), ordinal);
  }

  /**
   * Remembers a record that is delivered already, without checking it again (the records of an output a run tops
   * up keep their place, whatever the rules are now).
   */
  public void remember(ObjectNode record, long ordinal) {
    anyRecord = true;
    if (dedup.add(record, ordinal).isPresent()) {
      seedCopiesPossible = true;
    }
  }

  /**
   * Whether every record this path accepted or remembered is known to copy none of the seeds it was given: each was
   * compared with every seed it could match, exactly and near, and matched nothing. False once a remembered record
   * duplicated something, a record came before the seeds, or a lookup stopped at the candidate cap. A seed-only
   * index at the same threshold (the quality report's seed-copy guard) would then find no copy among them either.
   */
  public boolean seedCopiesRuledOut() {
    return !seedCopiesPossible && dedup.truncatedLookups() == 0;
  }

  /** Records and seeds remembered. */
  public int size() {
    return dedup.size();
  }

  @Override
  public void close() {
    dedup.close();
  }
}
