package io.datasynth.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.Billing;
import io.datasynth.cost.Purpose;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import io.datasynth.record.Provenance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
      Map<String, Long> failures, java.util.List<io.datasynth.engine.EndpointStats> endpoints)
      implements JournalEvent {
    /** @param endpoints what each endpoint of a fleet did; empty for a run that sent to one */
    public RunEnded {
      failures = Map.copyOf(failures);
      endpoints = java.util.List.copyOf(endpoints);
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
   * @param purpose what the call was for (the rubric judge's calls are reported apart)
   * @param billing how it was billed
   * @param call the call's id (a batch item's {@code custom_id}); null for calls nobody needs to find again. A
   *     batch item with a reply journaled is collected: a resumed run does not deliver it again
   */
  record ReplyUsage(Usage usage, long requests, Purpose purpose, Billing billing, String call)
      implements JournalEvent {
    public ReplyUsage {
      Objects.requireNonNull(usage, "usage");
      Objects.requireNonNull(purpose, "purpose");
      Objects.requireNonNull(billing, "billing");
    }

    /** A generation reply billed online. */
    public ReplyUsage(Usage usage, long requests) {
      this(usage, requests, Purpose.GENERATE, Billing.ONLINE, null);
    }

    /** Whether it was a rubric judge call. */
    public boolean judge() {
      return purpose == Purpose.JUDGE;
    }
  }

  /**
   * A provider batch is about to be created: written before the create request is sent, so that a crash right
   * after the provider accepted it still leaves a trace to find the batch by.
   *
   * @param token the client's own name for the batch, also sent where the API keeps one (OpenAI metadata)
   * @param api {@code anthropic} or {@code openai}
   * @param calls the {@code custom_id} of every item, in the order submitted
   */
  record BatchSubmitting(String token, String api, List<String> calls, Instant at) implements JournalEvent {
    public BatchSubmitting {
      Objects.requireNonNull(token, "token");
      calls = List.copyOf(calls);
    }
  }

  /**
   * The provider accepted a batch: its id, journaled before anything waits on it.
   *
   * @param token the {@link BatchSubmitting} it answers
   * @param batchId the provider's id ({@code msgbatch_…}, {@code batch_…})
   * @param expiresAt when the provider gives up on unfinished items; null when it did not say
   */
  record BatchSubmitted(String token, String batchId, Instant at, Instant expiresAt) implements JournalEvent {
    public BatchSubmitted {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(batchId, "batchId");
    }
  }

  /**
   * Items of a batch ended without a reply to pay for (expired, errored, canceled); their work goes back into the
   * plan. With the replies journaled, these settle every item of a batch, so a resumed run knows it is done.
   *
   * @param outcome {@code expired}, {@code errored} or {@code canceled}
   */
  record BatchItemsFailed(String batchId, List<String> calls, String outcome) implements JournalEvent {
    public BatchItemsFailed {
      Objects.requireNonNull(batchId, "batchId");
      calls = List.copyOf(calls);
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * A record that broke a rule structured outputs cannot express was sent back to be fixed: enough to send it
   * again, or to find its reply, after a crash. It is settled by the {@link ReplyUsage} of the same call.
   *
   * @param call the repair call's id
   * @param record the record as the model wrote it
   * @param violation the rule it broke, whose message the repair request quotes
   * @param provenance where the record came from
   * @param round 1 for the first repair of this record, 2 for a repair of the repaired record, …
   */
  record RepairRequested(String call, ObjectNode record, RejectReason.RuleViolation violation,
      Provenance provenance, int round) implements JournalEvent {
    public RepairRequested {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(record, "record");
      Objects.requireNonNull(violation, "violation");
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
