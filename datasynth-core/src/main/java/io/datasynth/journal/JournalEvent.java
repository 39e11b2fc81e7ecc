package io.datasynth.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import io.datasynth.record.Provenance;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a run's journal. A resumed run replays them in order: the records accepted and rejected, the usage
 * that was paid for, and where each run began and ended. {@link JournalCodec} reads and writes them.
 */
public sealed interface JournalEvent {

  /**
   * A run of this output began.
   *
   * @param run its number, from 1
   * @param settings the fingerprint of its prompt settings
   * @param target the records it was asked to deliver
   */
  record RunStarted(int run, Instant at, String provider, String model, String settings, int target)
      implements JournalEvent {}

  /**
   * A run ended, stopped or finished; a run killed on the way has none.
   *
   * @param requests requests it sent, retries and failures included
   * @param failures transient failures by kind
   */
  record RunEnded(int run, Instant at, Duration elapsed, long requests, long retries, long rateLimited,
      Map<String, Long> failures) implements JournalEvent {
    public RunEnded {
      failures = Map.copyOf(failures);
    }
  }

  /** A record was accepted: valid, new, and counted once this event is on disk. */
  record RecordAccepted(ObjectNode record, Provenance provenance) implements JournalEvent {
    public RecordAccepted {
      Objects.requireNonNull(record, "record");
    }
  }

  /**
   * A record or fragment that was paid for is not delivered.
   *
   * @param record the candidate as the model wrote it, or null for an unparseable fragment
   * @param fragment the text that did not parse, or null for a record
   * @param provenance where it came from; null when unknown
   */
  record RecordRejected(JsonNode record, String fragment, RejectReason reason, Provenance provenance)
      implements JournalEvent {
    public RecordRejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A line of the rejects file from before this journal began (the output it tops up had it), carried over so that
   * the rejects file keeps every record ever paid for and not delivered.
   */
  record RejectCarried(ObjectNode line) implements JournalEvent {
    public RejectCarried {
      Objects.requireNonNull(line, "line");
    }
  }

  /**
   * What one reply cost.
   *
   * @param requests the requests this usage covers (1 for a reply)
   * @param stage the stage whose call it was: {@link #GENERATE} or {@link #JUDGE}
   */
  record ReplyUsage(Usage usage, long requests, String stage) implements JournalEvent {
    /** Generation calls. */
    public static final String GENERATE = "generate";
    /** Rubric judge calls, whose cost is reported separately. */
    public static final String JUDGE = "judge";

    public ReplyUsage {
      Objects.requireNonNull(usage, "usage");
      stage = stage == null || stage.isBlank() ? GENERATE : stage;
    }

    /** The usage of a generation reply. */
    public ReplyUsage(Usage usage, long requests) {
      this(usage, requests, GENERATE);
    }

    public boolean judge() {
      return JUDGE.equals(stage);
    }
  }

  /**
   * The rubric judge scored a delivered record; a resumed run replays the score and never asks again.
   *
   * @param ordinal the record's ordinal (its place among the journal's accepted records, after a topped-up
   *     output's)
   * @param key a short hash of the record, checked on replay so a score never lands on another record
   * @param score the score, or null when the judge gave none however often it was asked
   * @param rationale the judge's one-line reason; may be empty
   * @param selfScore the score the record gave itself, or null when it has none
   * @param minimum the minimum score in force when it was judged
   * @param model the judge model
   */
  record RecordJudged(long ordinal, String key, Double score, String rationale, Double selfScore, double minimum,
      String model) implements JournalEvent {
    public RecordJudged {
      Objects.requireNonNull(key, "key");
      rationale = rationale == null ? "" : rationale;
      model = model == null ? "" : model;
    }
  }
}
