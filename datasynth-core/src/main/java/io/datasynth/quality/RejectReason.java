package io.datasynth.quality;

import io.datasynth.parse.ParseIssue;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a record that was paid for is not delivered. Every dropped record has exactly one reason; summaries count
 * them by {@link Code} and the rejects file keeps each with its details.
 */
public sealed interface RejectReason {

  /** The reason's kind, as counted in summaries and written in the rejects file. */
  Code code();

  /**
   * The reason as a message for people.
   *
   * @param recordId how a duplicated record is named (its output id, or its ordinal)
   */
  Message message(java.util.function.LongFunction<String> recordId);

  /** The kinds of reason, each with its id in files and structured results. */
  enum Code {
    /** The record broke a rule of the schema. */
    INVALID,
    /** An object that looks like JSON but does not parse. */
    MALFORMED,
    /** A list item that is not an object. */
    NOT_AN_OBJECT,
    /** The reply was cut off in the middle of a record. */
    TRUNCATED,
    /** The reply held no JSON at all. */
    NO_JSON,
    /** Equal, after normalisation, to a seed or an earlier record. */
    DUPLICATE,
    /** Too similar to a seed or an earlier record. */
    NEAR_DUPLICATE,
    /** Valid and new, but beyond the number asked for; kept to top up a later run. */
    SURPLUS,
    /** Scored below the minimum by the rubric judge. */
    LOW_SCORE,
    /** Valid, but outside the field values its batch's diversity plan fixed. */
    OFF_PLAN,
    /** The rubric judge gave it no score, however often it was asked. */
    UNJUDGED;

    /** The id in files and structured results, e.g. {@code near_duplicate}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The reason's name for people, in their language. */
    public io.datasynth.text.Message label() {
      return io.datasynth.text.Message.of("reason.code." + id());
    }

    /** "truncated 3": how many records had this reason, for people. */
    public io.datasynth.text.Message count(long n) {
      return io.datasynth.text.Message.of("reason.count", label(), n);
    }

    /** Whether records with this reason are counted as rejected; surplus records are valid, only not needed. */
    public boolean isRejection() {
      return this != SURPLUS;
    }
  }

  /**
   * The record broke a rule; the first violation found.
   *
   * @param field the field at fault; empty for the whole record
   */
  record RuleViolation(String field, Rule rule, Message detail) implements RejectReason {
    public RuleViolation {
      field = field == null ? "" : field;
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(detail, "detail");
    }

    public static RuleViolation of(Violation v) {
      return new RuleViolation(v.field(), v.rule(), v.detail());
    }

    /** The detail in English, as files, journals and repair prompts keep it. */
    public String english() {
      return Messages.english().render(detail);
    }

    @Override
    public Code code() {
      return Code.INVALID;
    }

    @Override
    public Message message(java.util.function.LongFunction<String> recordId) {
      return Message.of("reason.invalid", detail);
    }
  }

  /**
   * Part of a reply did not parse into a record.
   *
   * @param detail where and what, as a message; never null
   */
  record Unparseable(ParseIssue.Kind kind, Message detail) implements RejectReason {
    public Unparseable {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }

    /** The detail in English, as files and journals keep it. */
    public String english() {
      return Messages.english().render(detail);
    }

    @Override
    public Code code() {
      return switch (kind) {
        case MALFORMED -> Code.MALFORMED;
        case NOT_AN_OBJECT -> Code.NOT_AN_OBJECT;
        case TRUNCATED -> Code.TRUNCATED;
        case NO_JSON -> Code.NO_JSON;
      };
    }

    @Override
    public Message message(java.util.function.LongFunction<String> recordId) {
      return Message.of("reason." + code().id(), detail);
    }
  }

  /**
   * The record repeats a seed or an earlier record.
   *
   * @param ofRecord the ordinal of the record it repeats, or 0 when it repeats a seed
   * @param ofSeed the id of the seed it repeats, or null when it repeats a record
   * @param exact whether they are equal after normalisation, rather than only similar
   * @param similarity the estimated character 3-gram Jaccard similarity; 1.0 for exact duplicates
   */
  record Duplicate(long ofRecord, String ofSeed, boolean exact, double similarity) implements RejectReason {
    static Duplicate of(Deduplicator.Match m) {
      return new Duplicate(m.isSeed() ? 0 : m.ordinal(), m.seedId(), m.exact(), m.similarity());
    }

    /** Whether it repeats a seed: the model copied an example it was shown. */
    public boolean ofASeed() {
      return ofSeed != null;
    }

    @Override
    public Code code() {
      return exact ? Code.DUPLICATE : Code.NEAR_DUPLICATE;
    }

    @Override
    public Message message(java.util.function.LongFunction<String> recordId) {
      String of = ofASeed() ? ofSeed : recordId.apply(ofRecord);
      return exact ? Message.of(ofASeed() ? "reason.duplicate.seed" : "reason.duplicate", of)
          : Message.of(ofASeed() ? "reason.near_duplicate.seed" : "reason.near_duplicate", of,
              String.format(java.util.Locale.ROOT, "%.2f", similarity));
    }
  }

  /** Valid and new, but the run already had every record it was asked for. */
  record Surplus() implements RejectReason {
    @Override
    public Code code() {
      return Code.SURPLUS;
    }

    @Override
    public Message message(java.util.function.LongFunction<String> recordId) {
      return Message.of("reason.surplus");
    }
  }

  /**
   * The rubric judge scored the record below the minimum.
   *
   * @param rationale the judge's one-line reason; may be empty
   */
  record LowScore(double score, double minimum, String rationale) implements RejectReason {
    public LowScore {
      rationale = rationale == null ? "" : rationale;
    }

    @Override
    public Code code() {
      return Code.LOW_SCORE;
    }

    @Override
    public Message message(java.util.function.LongFunction<String> recordId) {
      return Message.of("reason.low_score", String.valueOf(score), String.valueOf(minimum), rationale);
    }
  }

  /**
   * The record is valid but falls outside the field values its batch's diversity plan fixed.
   *
   * @param field the field at fault
   * @param expected the value (or range) the plan asked for, as its label
   * @param actual the record's value as text ({@code null} when it has none)
   */
  record OffPlan(String field, String expected, String actual) implements RejectReason {
    public OffPlan {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(expected, "expected");
      actual = actual == null ? "null" : actual;
    }

    @Override
    public Code code() {
      return Code.OFF_PLAN;
    }

    @Override
    public Message message(java.util.function.LongFunction<String> recordId) {
      return Message.of("reason.off_plan", field, actual, expected);
    }
  }

  /**
   * The rubric judge was asked about the record this many times and never scored it.
   *
   * @param attempts the judge requests that held it
   */
  record Unjudged(int attempts) implements RejectReason {
    @Override
    public Code code() {
      return Code.UNJUDGED;
    }

    @Override
    public Message message(java.util.function.LongFunction<String> recordId) {
      return Message.of("reason.unjudged", attempts);
    }
  }
}
