package io.datasynth.api;

import io.datasynth.cost.PriceTable;
import io.datasynth.journal.JournalEvent;
import io.datasynth.journal.Ledger;
import io.datasynth.quality.QualityPath;
import io.datasynth.quality.RejectReason;
import io.datasynth.quality.Verdict;
import io.datasynth.report.RunSummary;
import io.datasynth.report.RunSummaryBuilder;
import io.datasynth.record.Provenance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rebuilds a run's state from its journal. Every replayed record takes the quality path again, as a new one
 * would: a line repeated by a crash, a record that breaks the schema (or the rules as they are now), a duplicate,
 * all are dropped and reported with their reason instead of being copied into the output. Surplus records kept by
 * earlier runs are delivered again when the target now needs them. Not thread-safe.
 */
final class JournalReplay implements Consumer<JournalEvent> {
  private final QualityPath quality;
  private final int target;
  private final long baseRecords;
  private final String defaultProvider;
  private final String defaultModel;
  final Ledger ledger = new Ledger();
  /** Records taken back on replay, by ordinal, with why. */
  final Map<Long, RejectReason> withdrawn = new HashMap<>();
  final List<RunSummaryBuilder> runs = new ArrayList<>();
  final Map<String, Long> deliveredBySettings = new LinkedHashMap<>();
  final Map<String, Long> invalidByRule = new LinkedHashMap<>();
  long ordinals;
  long lastBatch = -1;
  /** Records of this journal that were candidates, by ordinal, while {@link #keepRecords} (plan and judge). */
  final Map<Long, JournalEvent.RecordAccepted> records = new LinkedHashMap<>();
  /** The judge's scores replayed; null when the run does not judge. */
  io.datasynth.judge.Judgements judgements;
  private double judgeMinimum;
  private String selfField;
  private double disagreement;
  private boolean keepRecords;
  /** Records the judge took back in earlier runs. */
  long judgedOut;

  /**
   * @param baseRecords records of an output being topped up, delivered before the journal began (ordinals
   *     1..baseRecords)
   */
  JournalReplay(QualityPath quality, int target, long baseRecords, String defaultProvider, String defaultModel) {
    this.quality = quality;
    this.target = target;
    this.baseRecords = baseRecords;
    this.ordinals = baseRecords;
    this.defaultProvider = defaultProvider;
    this.defaultModel = defaultModel;
    for (long o = 1; o <= baseRecords; o++) {
      ledger.deliver(o);
    }
  }

  /** Keeps the journal's records for the plan's coverage and the judge; call before the journal is read. */
  void keepRecords() {
    keepRecords = true;
  }

  /**
   * Replays the judge's scores: a record scored below {@code minimum} (or never scored) is taken back.
   *
   * @param selfField the field records score themselves in, or null
   */
  void judging(io.datasynth.judge.Judgements j, double minimum, String self, double threshold) {
    keepRecords = true;
    judgements = j;
    judgeMinimum = minimum;
    selfField = self;
    disagreement = threshold;
  }

  @Override
  public void accept(JournalEvent e) {
    if (e instanceof JournalEvent.RunStarted s) {
      runs.add(new RunSummaryBuilder(s.run(), "api", s.provider(), s.model(), s.settings(), s.at()));
    } else if (e instanceof JournalEvent.RunEnded end) {
      current().ended(end.elapsed(), end.requests(), end.retries(), end.rateLimited(), end.failures());
      current().endpoints(end.endpoints());
    } else if (e instanceof JournalEvent.ReplyUsage u) {
      current().reply(u.usage(), u.requests(), u.purpose(), u.billing());
    } else if (e instanceof JournalEvent.RecordJudged j) {
      judged(j);
    } else if (e instanceof JournalEvent.RecordAccepted a) {
      candidate(a.record(), a.provenance(), false);
    } else if (e instanceof JournalEvent.RecordRejected r) {
      if (r.reason() instanceof RejectReason.Surplus && r.record() instanceof com.fasterxml.jackson.databind.node
          .ObjectNode o) {
        candidate(o, r.provenance(), true);
      } else {
        rejected(r.reason());
      }
    }
  }

  private void candidate(com.fasterxml.jackson.databind.node.ObjectNode record, Provenance p, boolean surplus) {
    long ordinal = ++ordinals;
    if (p != null) {
      lastBatch = Math.max(lastBatch, p.batch());
    }
    Verdict v = quality.admit(record, ordinal);
    if (v instanceof Verdict.Rejected rej) {
      withdrawn.put(ordinal, rej.reason());
      rejected(rej.reason());
      return;
    }
    if (surplus && ledger.delivered() >= target) {
      if (!carriedFromTheBase()) {
        current().rejected(RejectReason.Code.SURPLUS);
      }
      return;
    }
    ledger.deliver(ordinal);
    if (keepRecords) {
      records.put(ordinal, new JournalEvent.RecordAccepted(record, p));
    }
    if (!carriedFromTheBase()) {
      current().delivered(1);
    }
    deliveredBySettings.merge(p == null ? "" : p.settings(), 1L, Long::sum);
  }

  private void judged(JournalEvent.RecordJudged j) {
    JournalEvent.RecordAccepted a = records.get(j.ordinal());
    if (judgements == null || a == null || !ledger.isDelivered(j.ordinal())
        || !io.datasynth.judge.JudgeKeys.of(a.record()).equals(j.key())) {
      return;
    }
    boolean pass = j.score() != null && j.score() >= judgeMinimum - 1e-9;
    current().judge(j.model(), judgeMinimum, selfField, disagreement);
    current().judged(j.score(), pass, j.selfScore());
    judgements.put(j.ordinal(), new io.datasynth.judge.Judgements.Judgement(j.score(), j.rationale()));
    if (!pass) {
      RejectReason why = j.score() == null ? new RejectReason.Unjudged(io.datasynth.judge.JudgeStage.MAX_ATTEMPTS)
          : new RejectReason.LowScore(j.score(), judgeMinimum, j.rationale());
      ledger.withdraw(j.ordinal());
      withdrawn.put(j.ordinal(), why);
      judgedOut++;
      current().withdrawn(why.code());
    }
  }

  /**
   * Whether events come from a topped-up output's rejects file, carried into the journal before this journal's
   * first run: the output's own runs counted them when they were received, so they make no run of their own.
   */
  private boolean carriedFromTheBase() {
    return runs.isEmpty() && baseRecords > 0;
  }

  private void rejected(RejectReason reason) {
    if (carriedFromTheBase()) {
      return;
    }
    current().rejected(reason.code());
    if (reason instanceof RejectReason.RuleViolation v) {
      invalidByRule.merge(v.rule().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
    }
  }

  private RunSummaryBuilder current() {
    if (runs.isEmpty()) {
      // A journal written before runs were recorded: one run of the configured model.
      runs.add(new RunSummaryBuilder(1, "api", defaultProvider, defaultModel, "", null));
    }
    return runs.get(runs.size() - 1);
  }

  /** Records delivered after the replay, those of a topped-up output included. */
  long delivered() {
    return ledger.delivered();
  }

  /** The number the next run gets. */
  int nextRun(int runsBefore) {
    return Math.max(runsBefore, runs.isEmpty() ? 0 : runs.get(runs.size() - 1).run()) + 1;
  }

  List<RunSummary> summaries(PriceTable prices) {
    return runs.stream().map(r -> r.build(prices)).toList();
  }

  long baseRecords() {
    return baseRecords;
  }
}
