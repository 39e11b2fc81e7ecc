package io.datasynth.generate;

import io.datasynth.error.Setting;
import io.datasynth.quality.RejectReason;
import io.datasynth.text.Message;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What the generation stage counted. Not thread-safe: owned by the scheduler's thread. */
public final class GenerationTally {
  final int target;
  final long resumed;
  long delivered;
  long ordinals;
  long received;
  long replies;
  long truncatedReplies;
  long cutOffBeforeText;
  long repairsSent;
  long repairsFixed;
  long repairsFailed;
  private io.datasynth.cost.Spending spending = io.datasynth.cost.Spending.NONE;
  final Map<RejectReason.Code, Long> rejected = new EnumMap<>(RejectReason.Code.class);
  final Map<String, Long> invalidByRule = new LinkedHashMap<>();
  private final Deque<long[]> recent = new ArrayDeque<>();
  private long recentAsked;
  private RejectReason lastReason;

  GenerationTally(int target, long deliveredBefore, long ordinalsBefore) {
    this.target = target;
    this.resumed = deliveredBefore;
    this.delivered = deliveredBefore;
    this.ordinals = ordinalsBefore;
  }

  /**
   * Counts a reply.
   *
   * @param evidence whether the reply says how well the model writes wanted records, for {@link #collapse}: not so
   *     for a batch whose plan combination was filled by other replies while it ran
   */
  void record(int asked, long deliveredNow, long ordinalsNow, List<RejectReason> reasons, long receivedNow,
      boolean truncated, boolean evidence) {
    replies++;
    delivered += deliveredNow;
    ordinals = ordinalsNow;
    received += receivedNow;
    if (truncated) {
      truncatedReplies++;
    }
    long valid = deliveredNow;
    for (RejectReason r : reasons) {
      if (r instanceof RejectReason.OffPlan || r instanceof RejectReason.Surplus) {
        valid++;
      }
      rejected.merge(r.code(), 1L, Long::sum);
      if (r instanceof RejectReason.RuleViolation v) {
        invalidByRule.merge(v.rule().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
      }
      if (r.code().isRejection()) {
        lastReason = r;
      }
    }
    if (delivered < target && evidence) {
      recent.addLast(new long[] {asked, deliveredNow, valid, truncated ? 1 : 0});
      recentAsked += asked;
      // The window: the last ten replies, more while they asked for fewer than COLLAPSE_RECORDS records.
      while (recent.size() > GenerationSettings.COLLAPSE_WINDOW
          && recentAsked - recent.peekFirst()[0] >= GenerationSettings.COLLAPSE_RECORDS) {
        recentAsked -= recent.removeFirst()[0];
      }
    }
  }

  /** A delivered record taken back (the judge rejected it): it no longer counts, and is counted as rejected. */
  void withdrawn(RejectReason reason) {
    delivered--;
    rejected.merge(reason.code(), 1L, Long::sum);
  }

  /** Records delivered, counting those delivered before this run. */
  public long delivered() {
    return delivered;
  }

  /** Records delivered before this run started. */
  public long resumed() {
    return resumed;
  }

  /** Records accepted in all, surplus included: the last ordinal given. */
  public long ordinals() {
    return ordinals;
  }

  /** Records and unparseable fragments this run's replies brought. */
  public long received() {
    return received;
  }

  public long replies() {
    return replies;
  }

  public long truncatedReplies() {
    return truncatedReplies;
  }

  public long cutOffBeforeText() {
    return cutOffBeforeText;
  }

  /** A reply of this run, for {@code purpose}, billed as {@code billing}, that cost {@code usage}. */
  void spent(io.datasynth.cost.Purpose purpose, io.datasynth.cost.Billing billing, io.datasynth.provider.Usage usage) {
    spending = spending.plus(purpose, billing, usage, 1);
  }

  /** What this run's replies cost, by purpose and billing (earlier runs not included). */
  public io.datasynth.cost.Spending spending() {
    return spending;
  }

  /** Repair requests sent (each round of each record counts). */
  public long repairsSent() {
    return repairsSent;
  }

  /** Records a repair made valid. */
  public long repairsFixed() {
    return repairsFixed;
  }

  /** Records still invalid after their last repair round (or whose repair could not be sent). */
  public long repairsFailed() {
    return repairsFailed;
  }

  /** Records not delivered, by reason, surplus included. */
  public Map<RejectReason.Code, Long> rejected() {
    return rejected.isEmpty() ? Map.of() : new EnumMap<>(rejected);
  }

  public Map<String, Long> invalidByRule() {
    return Map.copyOf(invalidByRule);
  }

  /** Why the run should stop because replies stopped bringing new records, or null when they still do. */
  Message collapse() {
    if (delivered >= target || recent.size() < GenerationSettings.COLLAPSE_WINDOW) {
      return null;
    }
    // Fast: the last ten replies brought almost no valid record at all (invalid, unparseable, repeats). Slow: valid
    // records keep missing the plan or the targets, judged over enough records that chance is not the cause.
    long got = 0;
    int tail = 0;
    long tailAsked = 0;
    long tailValid = 0;
    long tailTruncated = 0;
    for (java.util.Iterator<long[]> it = recent.descendingIterator(); it.hasNext(); ) {
      long[] r = it.next();
      got += r[1];
      if (tail++ < GenerationSettings.COLLAPSE_WINDOW) {
        tailAsked += r[0];
        tailValid += r[2];
        tailTruncated += r[3];
      }
    }
    boolean nothingValid = tailAsked > 0 && tailValid < tailAsked * GenerationSettings.COLLAPSE_RATE;
    boolean offTarget = recentAsked >= GenerationSettings.COLLAPSE_RECORDS
        && got < recentAsked * GenerationSettings.COLLAPSE_RATE;
    if (!nothingValid && !offTarget) {
      return null;
    }
    int replies = nothingValid ? GenerationSettings.COLLAPSE_WINDOW : recent.size();
    List<Message> counts = rejected.entrySet().stream().filter(e -> e.getKey().isRejection())
        .map(e -> e.getKey().count(e.getValue())).toList();
    if (cutOffBeforeText * 2 >= GenerationSettings.COLLAPSE_WINDOW) {
      return Message.of("fail.collapse.budget", replies, counts, cutOffBeforeText,
          Setting.MAX_TOKENS, Setting.REASONING_EFFORT);
    }
    if (nothingValid && tailTruncated * 2 >= GenerationSettings.COLLAPSE_WINDOW) {
      return Message.of("fail.collapse.truncated", replies, counts, tailTruncated, Setting.MAX_TOKENS,
          Setting.BATCH_SIZE);
    }
    if (lastReason instanceof RejectReason.Duplicate) {
      return Message.of("fail.collapse.duplicates", replies, counts, Setting.DIVERSITY);
    }
    if (lastReason instanceof RejectReason.OffPlan o) {
      return Message.of("fail.collapse.off_plan", replies, counts, o.field(), o.actual(),
          o.expected(), Setting.BALANCE, Setting.AXIS, io.datasynth.error.Command.PREPARE);
    }
    Object example = lastReason instanceof RejectReason.RuleViolation v ? v.detail()
        : lastReason instanceof RejectReason.Unparseable u ? u.message(n -> "") : "";
    return Message.of("fail.collapse.invalid", replies, counts, example,
        io.datasynth.error.Command.PREPARE);
  }
}
