package io.datasynth.report;

import io.datasynth.cost.PriceTable;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects one run's counts as its events come, from a journal replay or as the run goes. Not thread-safe. */
public final class RunSummaryBuilder {
  private final int run;
  private final String origin;
  private final String provider;
  private final String model;
  private final String settings;
  private final Instant startedAt;
  private Duration elapsed = Duration.ZERO;
  private long requests;
  private long replies;
  private long retries;
  private long rateLimited;
  private final Map<String, Long> failures = new LinkedHashMap<>();
  private Usage usage = Usage.ZERO;
  private long received;
  private long delivered;
  private final Map<RejectReason.Code, Long> rejected = new EnumMap<>(RejectReason.Code.class);
  private boolean ended;
  private String judgeModel;
  private Usage judgeUsage = Usage.ZERO;
  private long judgeReplies;
  private io.datasynth.judge.JudgeTally judged = new io.datasynth.judge.JudgeTally();
  private double minScore;
  private String selfField;
  private double threshold;

  public RunSummaryBuilder(int run, String origin, String provider, String model, String settings,
      Instant startedAt) {
    this.run = run;
    this.origin = origin;
    this.provider = provider;
    this.model = model;
    this.settings = settings;
    this.startedAt = startedAt;
  }

  public int run() {
    return run;
  }

  public String settings() {
    return settings;
  }

  /** A reply that cost {@code u}. */
  public void reply(Usage u, long requestCount) {
    usage = usage.plus(u);
    replies++;
    requests += requestCount;
  }

  /** A judge reply that cost {@code u}; its tokens count toward the run's and are reported apart as well. */
  public void judgeReply(Usage u, long requestCount) {
    usage = usage.plus(u);
    judgeUsage = judgeUsage.plus(u);
    judgeReplies++;
    replies++;
    requests += requestCount;
  }

  /**
   * The judge of this run: its model, the minimum score, and the field records score themselves in (null when
   * none) with how far apart scores must lie to count as a disagreement.
   */
  public void judge(String model, double minimum, String selfScoreField, double disagreement) {
    judgeModel = model;
    minScore = minimum;
    selfField = selfScoreField;
    threshold = disagreement;
  }

  /**
   * This run's judge as its stage counted it: its replies, their usage (part of what {@link #reply} was given) and
   * its scores.
   */
  public void judgeTally(io.datasynth.judge.JudgeTally t) {
    judged = t;
    judgeUsage = t.usage();
    judgeReplies = t.replies();
  }

  /** A record the judge scored ({@code score} null: it never did). */
  public void judged(Double score, boolean pass, Double self) {
    if (score == null) {
      judged.unscored();
    } else {
      judged.judged(score, pass, self, threshold);
    }
  }

  /** What a run that is still going spent, over {@code replyCount} replies. */
  public void usage(Usage u, long replyCount) {
    usage = usage.plus(u);
    replies += replyCount;
  }

  public void delivered(long n) {
    delivered += n;
    received += n;
  }

  public void rejected(RejectReason.Code code) {
    rejected.merge(code, 1L, Long::sum);
    received++;
  }

  /** A record delivered before and taken back on replay. */
  public void withdrawn(RejectReason.Code code) {
    delivered--;
    rejected.merge(code, 1L, Long::sum);
  }

  /** The run ended on its own; its own counts of calls replace what the replies alone told. */
  public void ended(Duration runElapsed, long sent, long retried, long limited, Map<String, Long> failed) {
    ended = true;
    elapsed = runElapsed;
    requests = Math.max(requests, sent);
    retries = retried;
    rateLimited = limited;
    failures.clear();
    failures.putAll(failed);
  }

  public RunSummary build(PriceTable prices) {
    if (judgeModel == null && judgeReplies == 0) {
      Double cost = prices.lookup(model).map(p -> p.cost(usage)).orElse(usage.totalTokens() == 0 ? 0.0 : null);
      return new RunSummary(run, origin, provider, model, settings, startedAt, elapsed, requests, replies, retries,
          rateLimited, failures, usage, cost, received, delivered, rejected, ended);
    }
    Usage own = new Usage(usage.inputTokens() - judgeUsage.inputTokens(),
        usage.outputTokens() - judgeUsage.outputTokens(), usage.cacheReadTokens() - judgeUsage.cacheReadTokens(),
        usage.cacheWriteTokens() - judgeUsage.cacheWriteTokens(),
        Math.min(usage.reasoningTokens() - judgeUsage.reasoningTokens(), usage.outputTokens()
            - judgeUsage.outputTokens()));
    String jm = judgeModel == null ? model : judgeModel;
    Double genCost = prices.lookup(model).map(p -> p.cost(own)).orElse(own.totalTokens() == 0 ? 0.0 : null);
    Double judgeCost = prices.lookup(jm).map(p -> p.cost(judgeUsage))
        .orElse(judgeUsage.totalTokens() == 0 ? 0.0 : null);
    Double cost = genCost == null || judgeCost == null ? null : genCost + judgeCost;
    JudgeSummary.SelfScores self = selfField == null ? null : new JudgeSummary.SelfScores(selfField, threshold,
        judged.compared(), judged.disagreements(), judged.generous(), judged.sumDifference());
    JudgeSummary j = new JudgeSummary(jm, judgeReplies, judgeUsage, judgeCost, judged.judged(), judged.passed(),
        judged.lowScore(), judged.unjudged(), judged.scores(), minScore, self);
    return new RunSummary(run, origin, provider, model, settings, startedAt, elapsed, requests, replies, retries,
        rateLimited, failures, usage, cost, received, delivered, rejected, ended, j);
  }
}
