package io.datasynth.engine;

import io.datasynth.cost.ModelPrice;
import io.datasynth.provider.Usage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** The running counts of one run. Not thread-safe: owned by the engine thread. */
final class Tally {
  final int target;
  final long resumed;
  final ModelPrice price;
  long accepted;
  long requestsSent;
  long replies;
  long retries;
  long failedBatches;
  long rateLimited;
  long truncatedReplies;
  long cutOffBeforeText;
  Usage usage;
  final Map<String, Long> failures = new LinkedHashMap<>();
  final Map<String, Long> rejected = new LinkedHashMap<>();
  final Map<String, Long> invalidByRule = new LinkedHashMap<>();
  private final Deque<long[]> recent = new ArrayDeque<>();

  Tally(int target, long resumed, Usage resumedUsage, ModelPrice price) {
    this.target = target;
    this.resumed = resumed;
    this.accepted = resumed;
    this.usage = resumedUsage;
    this.price = price;
  }

  void reject(String reason, long n) {
    if (n > 0) {
      rejected.merge(reason, n, Long::sum);
    }
  }

  void fail(String kind) {
    failures.merge(kind, 1L, Long::sum);
  }

  /** Remembers how many records a reply asked for and how many were accepted, over the last few replies. */
  void recordYield(long asked, long acceptedFromReply) {
    recent.addLast(new long[] {asked, acceptedFromReply});
    if (recent.size() > EngineSettings.COLLAPSE_WINDOW) {
      recent.removeFirst();
    }
  }

  /** Whether the last {@link EngineSettings#COLLAPSE_WINDOW} replies together yielded almost nothing. */
  boolean collapsed() {
    if (recent.size() < EngineSettings.COLLAPSE_WINDOW) {
      return false;
    }
    long asked = 0;
    long got = 0;
    for (long[] r : recent) {
      asked += r[0];
      got += r[1];
    }
    return asked > 0 && got < asked * EngineSettings.COLLAPSE_RATE;
  }

  Double cost() {
    return price == null ? null : price.cost(usage);
  }

  RunStats snapshot(Duration elapsed, int inFlight) {
    return new RunStats(target, accepted, resumed, requestsSent, replies, retries, failedBatches, rateLimited,
        failures, rejected, invalidByRule, truncatedReplies, cutOffBeforeText, usage, cost(), elapsed, inFlight);
  }
}
