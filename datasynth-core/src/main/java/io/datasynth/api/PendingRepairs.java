package io.datasynth.api;

import io.datasynth.journal.JournalEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The repairs a journal asked for and holds no reply to: a resumed run sends them again (or collects them from
 * their batch), so that no record sent back to be fixed is lost. Not thread-safe: fed while the journal is read.
 */
final class PendingRepairs implements Consumer<JournalEvent> {
  private final Map<String, JournalEvent.RepairRequested> open = new LinkedHashMap<>();

  @Override
  public void accept(JournalEvent e) {
    if (e instanceof JournalEvent.RepairRequested r) {
      open.put(r.call(), r);
    } else if (e instanceof JournalEvent.ReplyUsage u && u.call() != null) {
      // A reply's call id is the repair's key and the attempt: key-attempt.
      int dash = u.call().lastIndexOf('-');
      if (dash > 0) {
        open.remove(u.call().substring(0, dash));
      }
    }
  }

  /** The repairs without a reply, in the order they were asked for. */
  List<JournalEvent.RepairRequested> pending() {
    return new ArrayList<>(open.values());
  }
}
