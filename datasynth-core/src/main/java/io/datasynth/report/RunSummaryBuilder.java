package io.datasynth.report;

import io.datasynth.cost.Billing;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.PriceTable;
import io.datasynth.cost.Purpose;
import io.datasynth.cost.Spending;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

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
  private Spending spending = Spending.NONE;
  private long received;
  private long delivered;
  private final Map<RejectReason.Code, Long> rejected = new EnumMap<>(RejectReason.Code.class);
  private boolean ended;
  private java.util.List<io.datasynth.engine.EndpointStats> endpoints = java.util.List.of();
  private String judgeModel;
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

  /** A generation reply billed online that cost {@code u}. */
  public void reply(Usage u, long requestCount) {
    reply(u, requestCount, Purpose.GENERATE, Billing.ONLINE);
  }

  /** A reply that cost {@code u}, for {@code purpose}, billed as {@code billing}. */
  public void reply(Usage u, long requestCount, Purpose purpose, Billing billing) {
    usage = usage.plus(u);
    spending = spending.plus(purpose, billing, u, 1);
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
   * This run's judge scores as its stage counted them; its replies' tokens come as {@link Purpose#JUDGE} lines of
   * what {@link #spent} is given.
   */
  public void judgeTally(io.datasynth.judge.JudgeTally t) {
    judged = t;
  }

  /** A record the judge scored ({@code score} null: it never did). */
  public void judged(Double score, boolean pass, Double self) {
    if (score == null) {
      judged.unscored();
    } else {
      judged.judged(score, pass, self, threshold);
    }
  }

  /** Adds a whole bill at once (the run going now, whose scheduler counted it). */
  public void spent(Spending s, long requestCount) {
    usage = usage.plus(s.usage());
    spending = spending.plus(s);
    s.lines().values().forEach(p -> replies += p.replies());
    requests += requestCount;
  }

  /** What a run that is still going spent, over {@code replyCount} replies. */
  public void usage(Usage u, long replyCount) {
    usage = usage.plus(u);
    spending = spending.plus(Purpose.GENERATE, Billing.ONLINE, u, replyCount);
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

  /** What each endpoint of a fleet did in this run; leave it unset for a run that sent to one endpoint. */
  public void endpoints(java.util.List<io.datasynth.engine.EndpointStats> stats) {
    endpoints = java.util.List.copyOf(stats);
  }

  public RunSummary build(PriceTable prices) {
    ModelPrice price = prices.lookup(model).orElse(null);
    boolean judging = judgeModel != null || spending.replies(Purpose.JUDGE) > 0;
    if (!judging) {
      Double none = usage.totalTokens() == 0 ? 0.0 : null;
      Double cost = price == null ? none : spending.cost(price);
      Double online = price == null ? none : spending.costOnline(price);
      Double uncached = price == null ? none : spending.costUncached(price);
      Double repair = price == null ? none : spending.cost(price, Purpose.REPAIR);
      return new RunSummary(run, origin, provider, model, settings, startedAt, elapsed, requests, replies, retries,
          rateLimited, failures, usage, cost, received, delivered, rejected, ended, spending, online, uncached,
          repair, null, endpoints);
    }
    // The judge's lines are priced at the judge model's price, the rest at the generation model's.
    Spending own = spending.without(Purpose.JUDGE);
    Spending judge = spending.only(Purpose.JUDGE);
    String jm = judgeModel == null ? model : judgeModel;
    ModelPrice judgePrice = prices.lookup(jm).orElse(null);
    Double cost = sum(priced(own, price, Spending::cost), priced(judge, judgePrice, Spending::cost));
    Double online = sum(priced(own, price, Spending::costOnline), priced(judge, judgePrice, Spending::costOnline));
    Double uncached = sum(priced(own, price, Spending::costUncached),
        priced(judge, judgePrice, Spending::costUncached));
    Double repair = priced(own, price, (sp, p) -> sp.cost(p, Purpose.REPAIR));
    Double judgeCost = priced(judge, judgePrice, Spending::cost);
    JudgeSummary.SelfScores self = selfField == null ? null : new JudgeSummary.SelfScores(selfField, threshold,
        judged.compared(), judged.disagreements(), judged.generous(), judged.sumDifference());
    JudgeSummary j = new JudgeSummary(jm, judge.replies(Purpose.JUDGE), judge.usage(), judgeCost, judged.judged(),
        judged.passed(), judged.lowScore(), judged.unjudged(), judged.scores(), minScore, self);
    return new RunSummary(run, origin, provider, model, settings, startedAt, elapsed, requests, replies, retries,
        rateLimited, failures, usage, cost, received, delivered, rejected, ended, spending, online, uncached, repair,
        j, endpoints);
  }

  /** What {@code s} cost at {@code p}; null when there is no price and something was spent. */
  private static Double priced(Spending s, ModelPrice p, ToDoubleBiFunction<Spending, ModelPrice> f) {
    if (p == null) {
      return s.usage().totalTokens() == 0 ? 0.0 : null;
    }
    return f.applyAsDouble(s, p);
  }

  private static Double sum(Double a, Double b) {
    return a == null || b == null ? null : a + b;
  }
}
