package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.batch.BatchLedger;
import io.datasynth.journal.Journal;
import io.datasynth.json.Json;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an output's journal says about its run's provider batches, read without taking the output's lock (a run may
 * be going): each batch's id, its requests, how many are settled, when it was submitted and when it expires.
 *
 * @param journal the journal read; null when the output has none (no run is unfinished)
 * @param batches every batch of the journal, oldest first; empty without one
 */
public record RunStatus(Path journal, List<BatchLedger.Pending> batches) {
  public RunStatus {
    batches = List.copyOf(batches);
  }

  /** The status of {@code output}'s unfinished run. */
  public static RunStatus of(Path output, FileGuard guard) {
    Path journal = OutputFiles.of(output).journal();
    BatchLedger ledger = new BatchLedger();
    if (!Journal.read(journal, guard, ledger)) {
      return new RunStatus(null, List.of());
    }
    return new RunStatus(journal, ledger.all());
  }

  /** The batches still holding unsettled requests. */
  public List<BatchLedger.Pending> pending() {
    return batches.stream().filter(b -> !b.unsettled().isEmpty()).toList();
  }

  /** As JSON: {@code journal}, and per batch its id, api, requests, settled, submitted_at, age and expires_at. */
  public ObjectNode toJson(Instant now) {
    ObjectNode o = Json.object();
    if (journal == null) {
      o.putNull("journal");
    } else {
      o.put("journal", journal.toString());
    }
    ArrayNode list = o.putArray("batches");
    for (BatchLedger.Pending b : batches) {
      ObjectNode e = list.addObject();
      if (b.batchId() == null) {
        e.putNull("id");
      } else {
        e.put("id", b.batchId());
      }
      e.put("api", b.api());
      e.put("requests", b.calls().size());
      e.put("settled", b.calls().size() - b.unsettled().size());
      e.put("state", b.batchId() == null ? "submitting" : b.unsettled().isEmpty() ? "collected" : "waiting");
      e.put("submitted_at", b.submittedAt().toString());
      e.put("age_seconds", Math.max(0, Duration.between(b.submittedAt(), now).toSeconds()));
      if (b.expiresAt() == null) {
        e.putNull("expires_at");
      } else {
        e.put("expires_at", b.expiresAt().toString());
      }
    }
    return o;
  }
}
