package io.datasynth.batch;

import io.datasynth.journal.JournalEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The batches a journal tells of: each one submitted (or about to be), its items, and which of them are settled (a
 * reply journaled, or failed without one). A batch with unsettled items is pending: a resumed run collects it.
 * Not thread-safe.
 */
public final class BatchLedger implements Consumer<JournalEvent> {
  private final Map<String, Entry> byToken = new LinkedHashMap<>();
  private final Set<String> settled = new HashSet<>();

  /**
   * One batch of the journal.
   *
   * @param token the client's name for it
   * @param batchId the provider's id; null when the journal has only the intent (a crash before the answer)
   * @param calls the custom ids of its items, in submission order
   * @param unsettled those not settled yet
   */
  public record Pending(String token, String api, String batchId, Instant submittedAt, Instant expiresAt,
      List<String> calls, List<String> unsettled) {}

  private static final class Entry {
    final String token;
    final String api;
    final Instant at;
    final List<String> calls;
    String batchId;
    Instant expiresAt;

    Entry(String token, String api, Instant at, List<String> calls) {
      this.token = token;
      this.api = api;
      this.at = at;
      this.calls = calls;
    }
  }

  @Override
  public void accept(JournalEvent e) {
    if (e instanceof JournalEvent.BatchSubmitting s) {
      byToken.put(s.token(), new Entry(s.token(), s.api(), s.at(), s.calls()));
    } else if (e instanceof JournalEvent.BatchSubmitted s) {
      Entry entry = byToken.get(s.token());
      if (entry != null) {
        entry.batchId = s.batchId();
        entry.expiresAt = s.expiresAt();
      }
    } else if (e instanceof JournalEvent.BatchItemsFailed f) {
      settled.addAll(f.calls());
    } else if (e instanceof JournalEvent.ReplyUsage u && u.call() != null) {
      settled.add(u.call());
    }
  }

  /** Every batch of the journal, oldest first, with its unsettled items. */
  public List<Pending> all() {
    List<Pending> out = new ArrayList<>();
    for (Entry e : byToken.values()) {
      List<String> open = e.calls.stream().filter(c -> !settled.contains(c)).toList();
      out.add(new Pending(e.token, e.api, e.batchId, e.at, e.expiresAt, e.calls, open));
    }
    return out;
  }

  /** The batches with unsettled items, oldest first. */
  public List<Pending> pending() {
    return all().stream().filter(p -> !p.unsettled().isEmpty()).toList();
  }

  /** The custom ids of every unsettled item. */
  public Set<String> unsettledCalls() {
    Set<String> out = new LinkedHashSet<>();
    pending().forEach(p -> out.addAll(p.unsettled()));
    return out;
  }
}
