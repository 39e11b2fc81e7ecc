package io.datasynth.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.journal.Journal;
import io.datasynth.parse.ParseIssue;
import io.datasynth.provider.Usage;
import io.datasynth.quality.Deduplicator;
import io.datasynth.sink.DatasetWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The single writer's work on one parsed reply: counts what was dropped and why, drops duplicates of the seeds and
 * of earlier records, journals the new records (forced to disk before they count) and stops at the target. Not
 * thread-safe: owned by the engine thread.
 */
final class Acceptor {
  private final Tally tally;
  private final Deduplicator dedup;
  private final Journal journal;
  private long lastDuplicates;
  private String lastInvalid;

  Acceptor(Tally tally, Deduplicator dedup, Journal journal) {
    this.tally = tally;
    this.dedup = dedup;
    this.journal = journal;
  }

  /**
   * Accepts what a reply brought.
   *
   * @param asked how many records the request asked for
   * @return how many records were accepted
   */
  int accept(ProcessedReply p, Usage usage, int asked) {
    tally.replies++;
    tally.usage = tally.usage.plus(usage);
    tally.reject("malformed", p.parseIssues().getOrDefault(ParseIssue.Kind.MALFORMED, 0L));
    tally.reject("not_an_object", p.parseIssues().getOrDefault(ParseIssue.Kind.NOT_AN_OBJECT, 0L));
    tally.reject("truncated", p.parseIssues().getOrDefault(ParseIssue.Kind.TRUNCATED, 0L));
    tally.reject("invalid", p.invalidCount());
    p.invalidByRule().forEach((rule, n) -> tally.invalidByRule.merge(rule, n, Long::sum));
    if (p.truncated()) {
      tally.truncatedReplies++;
    }
    List<ObjectNode> fresh = new ArrayList<>();
    lastDuplicates = 0;
    lastInvalid = p.firstInvalidMessage();
    for (ObjectNode record : p.valid()) {
      if (tally.accepted + fresh.size() >= tally.target) {
        tally.reject("surplus", 1);
        continue;
      }
      Optional<Deduplicator.Match> match = dedup.add(record, DatasetWriter.id(tally.accepted + fresh.size() + 1));
      if (match.isPresent()) {
        lastDuplicates++;
        tally.reject(match.get().exact() ? "duplicate" : "near_duplicate", 1);
      } else {
        fresh.add(record);
      }
    }
    journal.append(fresh, usage, 1);
    tally.accepted += fresh.size();
    if (tally.accepted < tally.target) {
      tally.recordYield(asked, fresh.size());
    }
    return fresh.size();
  }

  /** Why the run should stop because replies stopped bringing new records, or null when they still do. */
  String collapse() {
    if (tally.accepted >= tally.target || !tally.collapsed()) {
      return null;
    }
    StringBuilder sb = new StringBuilder("acceptance collapsed: the last ").append(EngineSettings.COLLAPSE_WINDOW)
        .append(" replies yielded almost no new valid records (rejected so far: ").append(tally.rejected).append(")");
    if (lastInvalid != null) {
      sb.append("; e.g. ").append(lastInvalid);
    }
    if (tally.cutOffBeforeText * 2 >= EngineSettings.COLLAPSE_WINDOW) {
      sb.append("; ").append(tally.cutOffBeforeText).append(" replies used their whole output limit before writing"
          + " a record (on reasoning, or a limit too small for one record): raise --max-tokens or lower"
          + " --reasoning-effort");
    } else {
      sb.append(lastDuplicates > 0
          ? "; the model keeps repeating records: raise --diversity, or add more varied seeds"
          : "; check that the schema matches what the model writes (try `datasynth prepare` to see the prompt)");
    }
    return sb.toString();
  }
}
