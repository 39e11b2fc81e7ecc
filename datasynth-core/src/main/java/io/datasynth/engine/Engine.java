package io.datasynth.engine;

import io.datasynth.cost.ModelPrice;
import io.datasynth.error.Setting;
import io.datasynth.cost.TokenCounter;
import io.datasynth.journal.Journal;
import io.datasynth.parse.ReplyParser;
import io.datasynth.prompt.Prompt;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.Usage;
import io.datasynth.quality.Deduplicator;
import io.datasynth.quality.RecordValidator;
import io.datasynth.text.Message;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The generation loop: keeps requests in flight under the provider's limits until exactly {@code target} valid,
 * unique records are journaled.
 *
 * <p>One thread runs the loop and is the only writer: it decides what to send, owns the dedup index and the
 * journal, and counts. Replies are parsed and validated on the HTTP threads and handed to it in order of arrival.
 * Work is counted in records: a new request starts only while the records accepted plus those expected from
 * requests in flight fall short of the target, so the tail does not pay for replies nobody needs.
 */
public final class Engine {
  private static final long TICK = Duration.ofSeconds(1).toNanos();
  private static final long PROGRESS_EVERY = Duration.ofMillis(100).toNanos();

  private final EngineSettings settings;
  private final LlmClient client;
  private final PromptBuilder prompts;
  private final TokenCounter tokens;
  private final ReplyParser parser;
  private final RecordValidator validator;
  private final Journal journal;
  private final ModelPrice price;
  private final EngineClock clock;
  private final EngineListener listener;
  private final RunControl control;
  private final Backoff backoff;
  private final long firstBatchIndex;

  private final Tally tally;
  private final Acceptor acceptor;
  private final RateLimiter limiter = new RateLimiter();
  private final ConcurrencyWindow window;
  private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  /** The latest time a reply, perhaps still queued, asked us to wait until; written by HTTP threads. */
  private final AtomicLong waitHint = new AtomicLong(Long.MIN_VALUE);
  private final Map<Long, InFlight> inFlight = new HashMap<>();
  private final PriorityQueue<Batch> retries = new PriorityQueue<>(Comparator.comparingLong(b -> b.notBefore));
  private Batch held;
  private long nextBatch;
  private double acceptRatio = 1.0;
  private double tokenGrowth = 1.0;
  private int reasoningReserve;
  private long typicalLatency = Duration.ofSeconds(1).toNanos();
  private double reservedWorstCost;
  private int failureStreak;
  private boolean everSucceeded;
  private boolean budgetNoticeShown;
  private RunOutcome outcome;
  private long startedAt;
  private long lastProgress = Long.MIN_VALUE;

  private Engine(Builder b) {
    this.settings = Objects.requireNonNull(b.settings, "settings");
    this.client = Objects.requireNonNull(b.client, "client");
    this.prompts = Objects.requireNonNull(b.prompts, "prompts");
    this.tokens = Objects.requireNonNull(b.tokens, "tokens");
    this.parser = Objects.requireNonNull(b.parser, "parser");
    this.validator = b.validator;
    this.journal = Objects.requireNonNull(b.journal, "journal");
    this.price = b.price;
    this.clock = b.clock;
    this.listener = b.listener;
    this.control = b.control;
    this.backoff = new Backoff(settings.retryDelay(), new SplittableRandom(settings.randomSeed()));
    this.firstBatchIndex = journal.requests();
    this.tally = new Tally(settings.target(), journal.records(), journal.usage(), price);
    this.acceptor = new Acceptor(tally, Objects.requireNonNull(b.dedup, "dedup"), journal);
    this.window = new ConcurrencyWindow(settings.maxConcurrency());
    this.reasoningReserve = settings.reasoningReserve();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A reply (or a failure) handed from an HTTP thread to the engine thread. */
  private record Reply(Batch batch, CallResult result, ProcessedReply processed, Throwable error) {}

  /** A request on the wire: what it reserved and when it left. */
  private record InFlight(Batch batch, Cost cost, double worstCost, long sentAt, CompletableFuture<?> call) {}

  /** Runs until the target is reached, the run is stopped, or it fails; never throws for provider behaviour. */
  public EngineResult run() {
    startedAt = clock.nanoTime();
    try {
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = new RunOutcome.Stopped(RunOutcome.Reason.INTERRUPTED, "interrupted");
    } finally {
      inFlight.values().forEach(f -> f.call().cancel(true));
    }
    RunStats stats = snapshot();
    listener.onProgress(stats);
    return new EngineResult(outcome, stats);
  }

  private void loop() throws InterruptedException {
    while (true) {
      long now = clock.nanoTime();
      if (tally.accepted >= settings.target()) {
        outcome = new RunOutcome.Completed();
        return;
      }
      if (control.isAbortRequested()) {
        stopWith(new RunOutcome.Stopped(RunOutcome.Reason.INTERRUPTED, "aborted"));
        return;
      }
      if (control.isStopRequested()) {
        stopWith(new RunOutcome.Stopped(RunOutcome.Reason.INTERRUPTED, "stopped on request"));
      }
      if (outcome != null && inFlight.isEmpty()) {
        return;
      }
      long wakeAt = now + TICK;
      if (outcome == null) {
        wakeAt = Math.min(wakeAt, dispatch(now));
      }
      if (outcome != null && inFlight.isEmpty()) {
        return;
      }
      Reply r = clock.poll(replies, wakeAt - now);
      while (r != null) {
        handle(r);
        r = replies.poll();
      }
      progress(false);
    }
  }

  /** Sends what the window, the limits and the caps allow; returns when to look again. */
  private long dispatch(long now) {
    while (inFlight.size() < window.size()) {
      long hint = waitHint.get();
      if (hint > clock.nanoTime()) {
        return hint;
      }
      // Batches waiting to retry hold their place in the window: a failing provider gets no new work.
      Batch b = next(now, inFlight.size() + retries.size() < window.size());
      if (b == null) {
        return retries.isEmpty() ? Long.MAX_VALUE : retries.peek().notBefore;
      }
      int maxTokens = settings.maxTokensFor(b.size(), tokenGrowth, reasoningReserve);
      Cost cost = new Cost(1, b.promptTokens, maxTokens);
      if (settings.maxRequests() > 0 && tally.requestsSent >= settings.maxRequests()) {
        hold(b);
        if (inFlight.isEmpty()) {
          stopWith(new RunOutcome.Stopped(RunOutcome.Reason.MAX_REQUESTS,
              "reached --max-requests " + settings.maxRequests()));
        }
        return Long.MAX_VALUE;
      }
      double worst = price == null ? 0 : price.cost(new Usage(b.promptTokens, maxTokens, 0, 0, 0));
      if (settings.maxCost() != null && spent() + reservedWorstCost + worst > settings.maxCost().doubleValue()) {
        hold(b);
        if (inFlight.isEmpty()) {
          stopWith(new RunOutcome.Stopped(RunOutcome.Reason.BUDGET, String.format(
              "budget reached: $%.4f spent, the next request could cost up to $%.4f, cap $%s", spent(), worst,
              settings.maxCost().toPlainString())));
        }
        return Long.MAX_VALUE;
      }
      long wait = limiter.tryAcquire(cost, now);
      if (wait > 0) {
        hold(b);
        return now + wait;
      }
      send(b, cost, worst, maxTokens, now);
    }
    return Long.MAX_VALUE;
  }

  private Batch next(long now, boolean roomForNew) {
    if (!retries.isEmpty() && retries.peek().notBefore <= now) {
      return retries.poll();
    }
    if (!roomForNew) {
      return null;
    }
    if (held != null) {
      Batch b = held;
      held = null;
      return b;
    }
    double missing = settings.target() - expected();
    if (missing <= 1e-9) {
      return null;
    }
    int size = (int) Math.max(1, Math.min(settings.batchSize(), Math.ceil(missing / Math.max(acceptRatio, 0.2))));
    long index = firstBatchIndex + nextBatch++;
    Prompt p = prompts.build(index, size);
    return new Batch(index, p, tokens.count(p.system()) + tokens.count(p.user()) + 16);
  }

  private void hold(Batch b) {
    if (b.attempt > 0) {
      retries.add(b);
    } else {
      held = b;
    }
  }

  /** Records accepted plus those expected from work already started. */
  private double expected() {
    long pending = 0;
    for (InFlight f : inFlight.values()) {
      pending += f.batch().size();
    }
    for (Batch b : retries) {
      pending += b.size();
    }
    if (held != null) {
      pending += held.size();
    }
    return tally.accepted + pending * acceptRatio;
  }

  private void send(Batch b, Cost cost, double worst, int maxTokens, long now) {
    Double temperature = settings.temperature() == null ? null
        : Math.min(settings.temperatureMax(), settings.temperature() + b.attempt * EngineSettings.TEMPERATURE_STEP);
    LlmRequest request = new LlmRequest(b.prompt.system(), b.prompt.user(), maxTokens, temperature,
        settings.reasoningEffort());
    tally.requestsSent++;
    CompletableFuture<CallResult> call = client.call(request);
    inFlight.put(b.index, new InFlight(b, cost, worst, now, call));
    reservedWorstCost += worst;
    call.handle((result, error) -> {
      if (error != null) {
        return new Reply(b, null, null, error);
      }
      noteRetryAfter(result);
      try {
        ProcessedReply p = result instanceof CallResult.Completed c
            ? ProcessedReply.of(c.text(), c.truncated(), parser, validator) : null;
        return new Reply(b, result, p, null);
      } catch (RuntimeException e) {
        return new Reply(b, result, null, e);
      }
    }).thenAccept(replies::add);
  }

  /**
   * Called on the HTTP thread the moment a reply asks us to wait, so that the engine thread stops sending at once
   * rather than after it has worked through the replies queued before this one.
   */
  private void noteRetryAfter(CallResult result) {
    Duration wait = result instanceof CallResult.RateLimited rl ? rl.retryAfter()
        : result instanceof CallResult.Transient t ? t.retryAfter() : null;
    if (wait != null) {
      long until = clock.nanoTime() + wait.toNanos();
      waitHint.accumulateAndGet(until, Math::max);
    }
  }

  private void handle(Reply r) {
    InFlight f = inFlight.remove(r.batch().index);
    if (f == null) {
      return;
    }
    reservedWorstCost -= f.worstCost();
    if (r.error() != null) {
      if (r.error() instanceof java.util.concurrent.CancellationException) {
        return;
      }
      throw new IllegalStateException("bug while handling a reply: " + r.error(), r.error());
    }
    long now = clock.nanoTime();
    Cost sentSince = Cost.NONE;
    Cost all = Cost.NONE;
    for (InFlight other : inFlight.values()) {
      all = all.plus(other.cost());
      if (other.sentAt() > f.sentAt()) {
        sentSince = sentSince.plus(other.cost());
      }
    }
    limiter.observe(r.result().limits(), sentSince, all, now);
    CallResult result = r.result();
    if (result instanceof CallResult.Completed c) {
      completed(f, c, r.processed(), now);
    } else if (result instanceof CallResult.RateLimited rl) {
      tally.rateLimited++;
      limiter.release(f.cost(), Usage.ZERO, now);
      pause(rl.retryAfter(), rl.limits(), f.batch(), "rate limited (429)", now);
      window.onOverload(now, typicalLatency);
      retry(f.batch(), "rate limited (429" + (rl.message().isBlank() ? "" : ": " + rl.message()) + ")",
          limiter.pausedUntil() - now, now);
    } else if (result instanceof CallResult.Transient t) {
      tally.fail(t.kind().label());
      if (t.retryAfter() != null) {
        pause(t.retryAfter(), t.limits(), f.batch(), t.kind().label(), now);
      }
      if (t.kind() != CallResult.Failure.BAD_RESPONSE) {
        window.onOverload(now, typicalLatency);
      }
      String status = t.status() > 0 ? t.status() + " " : "";
      retry(f.batch(), status + t.kind().label() + ": " + t.message(),
          t.retryAfter() == null ? 0 : t.retryAfter().toNanos(), now);
    } else if (result instanceof CallResult.Fatal fatal) {
      stopWith(new RunOutcome.Failed(fatal.message()));
    }
  }

  private void pause(Duration retryAfter, io.datasynth.provider.RateLimits limits, Batch b, String why, long now) {
    long before = limiter.pausedUntil();
    long until = limiter.pause(retryAfter, limits, backoff.delay(b.attempt + 1), now);
    if (until > before) {
      listener.onPause(Duration.ofNanos(until - now), why);
    }
  }

  private void completed(InFlight f, CallResult.Completed c, ProcessedReply p, long now) {
    Batch b = f.batch();
    Usage usage = c.usage() != null ? c.usage() : new Usage(b.promptTokens, tokens.count(c.text()), 0, 0, 0);
    limiter.release(f.cost(), usage, now);
    long latency = c.latency().toNanos();
    typicalLatency = (long) (0.8 * typicalLatency + 0.2 * latency);
    window.onSuccess(!c.limits().isEmpty(),
        usage.outputTokens() > 0 ? (double) latency / usage.outputTokens() : 0, now, typicalLatency);
    everSucceeded = true;
    failureStreak = 0;
    if (c.cutOffBeforeText()) {
      tally.cutOffBeforeText++;
      budgetSpentBeforeText(c, f.batch());
    } else if (p.truncated() && settings.maxTokens() == 0 && tokenGrowth < 4) {
      tokenGrowth = Math.min(4, tokenGrowth * 1.25);
      listener.onNotice(Message.of("notice.truncated.growing",
          settings.maxTokensFor(settings.batchSize(), tokenGrowth, reasoningReserve)));
    }
    int accepted = acceptor.accept(p, usage, b.size());
    acceptRatio = Math.max(0.05, Math.min(1.0, 0.7 * acceptRatio + 0.3 * accepted / b.size()));
    String collapse = acceptor.collapse();
    if (collapse != null) {
      stopWith(new RunOutcome.Failed(collapse));
    }
  }

  /**
   * A reply used its whole output limit before writing anything visible: on thinking, when the model reasoned,
   * else because the limit is too small for one record. The budget grows, up to the model's maximum.
   */
  private void budgetSpentBeforeText(CallResult.Completed c, Batch b) {
    int limit = settings.maxTokensFor(b.size(), tokenGrowth, reasoningReserve);
    if (settings.maxTokens() > 0 || limit >= settings.modelMaxTokens()) {
      if (!budgetNoticeShown) {
        budgetNoticeShown = true;
        String key = settings.maxTokens() > 0
            ? (c.reasoned() ? "notice.reasoning.exhausted.fixed" : "notice.cut_off.fixed")
            : "notice.budget.at_model_max";
        listener.onNotice(Message.of(key, limit, Setting.MAX_TOKENS, Setting.REASONING_EFFORT,
            Setting.BATCH_SIZE));
      }
      return;
    }
    if (c.reasoned()) {
      reasoningReserve = Math.max(1024, reasoningReserve * 2);
    } else {
      tokenGrowth = Math.min(4, tokenGrowth * 2);
    }
    int grown = settings.maxTokensFor(b.size(), tokenGrowth, reasoningReserve);
    listener.onNotice(Message.of(c.reasoned() ? "notice.reasoning.exhausted" : "notice.cut_off", limit, grown));
  }

  private void retry(Batch b, String reason, long minDelayNanos, long now) {
    if (b.attempt >= settings.maxRetries()) {
      tally.failedBatches++;
      failureStreak++;
      int allowed = everSucceeded ? EngineSettings.FAILURE_STREAK : 1;
      if (failureStreak >= allowed) {
        stopWith(new RunOutcome.Failed("giving up: " + failureStreak + (failureStreak == 1 ? " batch" : " batches")
            + " in a row failed after " + (settings.maxRetries() + 1) + " attempts each; last error: " + reason
            + ". Check the provider's status, the base URL and your limits, or raise --max-retries/--retry-delay"));
      }
      return;
    }
    b.attempt++;
    tally.retries++;
    long delay = Math.max(backoff.delay(b.attempt).toNanos(), minDelayNanos);
    b.notBefore = now + delay;
    retries.add(b);
    listener.onRetry(b.index, b.attempt, reason, Duration.ofNanos(delay));
  }

  private void stopWith(RunOutcome o) {
    if (outcome == null) {
      outcome = o;
    }
  }

  private double spent() {
    Double c = tally.cost();
    return c == null ? 0 : c;
  }

  private RunStats snapshot() {
    return tally.snapshot(Duration.ofNanos(clock.nanoTime() - startedAt), inFlight.size());
  }

  private void progress(boolean force) {
    long now = clock.nanoTime();
    if (force || lastProgress == Long.MIN_VALUE || now - lastProgress >= PROGRESS_EVERY) {
      lastProgress = now;
      listener.onProgress(snapshot());
    }
  }

  /** Assembles an engine; every part but the validator, price, clock, listener and control is required. */
  public static final class Builder {
    private EngineSettings settings;
    private LlmClient client;
    private PromptBuilder prompts;
    private TokenCounter tokens;
    private ReplyParser parser;
    private RecordValidator validator;
    private Deduplicator dedup;
    private Journal journal;
    private ModelPrice price;
    private EngineClock clock = EngineClock.system();
    private EngineListener listener = EngineListener.NONE;
    private RunControl control = new RunControl();

    public Builder settings(EngineSettings v) { settings = v; return this; }
    public Builder client(LlmClient v) { client = v; return this; }
    public Builder prompts(PromptBuilder v) { prompts = v; return this; }
    public Builder tokens(TokenCounter v) { tokens = v; return this; }
    public Builder parser(ReplyParser v) { parser = v; return this; }
    /** The schema validator, or null to accept every object (--no-validate). */
    public Builder validator(RecordValidator v) { validator = v; return this; }
    /** The dedup index, already holding the seeds and any journaled records. */
    public Builder dedup(Deduplicator v) { dedup = v; return this; }
    public Builder journal(Journal v) { journal = v; return this; }
    /** The model's price, or null when unknown (costs are then reported as unknown). */
    public Builder price(ModelPrice v) { price = v; return this; }
    public Builder clock(EngineClock v) { clock = Objects.requireNonNull(v); return this; }
    public Builder listener(EngineListener v) { listener = Objects.requireNonNull(v); return this; }
    public Builder control(RunControl v) { control = Objects.requireNonNull(v); return this; }

    public Engine build() {
      return new Engine(this);
    }
  }
}
