package io.datasynth.schedule;

import io.datasynth.cost.Billing;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.TokenCounter;
import io.datasynth.engine.EndpointStats;
import io.datasynth.engine.EngineClock;
import io.datasynth.engine.RunControl;
import io.datasynth.engine.RunOutcome;
import io.datasynth.error.Setting;
import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.RateLimits;
import io.datasynth.provider.Usage;
import io.datasynth.text.Message;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs the calls of a run's stages against one provider endpoint, as fast as its limits allow and no faster: the
 * rate limiter (local token buckets corrected from the headers), the concurrency window, retries with back-off and
 * a rising temperature, {@code retry-after} pauses for every call, the budget and request caps, and the clock. It
 * does not know what a call is for: stages decide that (see {@link Stage}).
 *
 * <p>One thread runs {@link #run}; it is the only thread that touches the stages, so their state needs no locks.
 * Replies arrive on HTTP threads, are {@linkplain Stage#prepare prepared} there, and are handed over in order of
 * arrival. Not thread-safe apart from {@link RunControl}.
 */
public final class CallScheduler {
  private static final long TICK = Duration.ofSeconds(1).toNanos();
  private static final long PROGRESS_EVERY = Duration.ofMillis(100).toNanos();

  private final SchedulerSettings settings;
  private final List<Lane> lanes;
  /** How calls reach a provider batch; null when every call goes online through its lane's client. */
  private final Dispatcher dispatcher;
  private final Double spentBeforeUsd;
  private final ModelPrice price;
  private final TokenCounter tokens;
  private final EngineClock clock;
  private final SchedulerListener listener;
  private final RunControl control;
  private final Backoff backoff;
  private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  private final Map<Call, InFlight> inFlight = new IdentityHashMap<>();
  private final PriorityQueue<Call> retries = new PriorityQueue<>(Comparator.comparingLong(c -> c.notBefore));
  private final Usage spentBefore;
  /** What earlier runs' calls to another model cost beyond the scheduler's price of their usage. */
  private final double otherPricesBefore;
  /** What this run's calls priced at their own model's price cost beyond the scheduler's price of their usage. */
  private double otherPrices;
  private Call held;
  private List<Stage> stages = List.of();
  private int nextStage;
  private double reservedWorstCost;
  private int failureStreak;
  private boolean everSucceeded;
  private RunOutcome outcome;
  private long lastProgress = Long.MIN_VALUE;
  private final Counts counts;

  private CallScheduler(Builder b) {
    this.settings = Objects.requireNonNull(b.settings, "settings");
    if (b.clients.isEmpty()) {
      throw new NullPointerException("client");
    }
    List<Lane> l = new ArrayList<>();
    for (Builder.Weighted w : b.clients) {
      l.add(new Lane(l.size(), w.client(), w.weight(), b.settings.maxConcurrency(), b.clients.size() > 1,
          b.wideWindow));
    }
    if (b.dispatcher != null && l.size() != 1) {
      throw new IllegalArgumentException("a dispatcher carries the calls of one endpoint, not of " + l.size());
    }
    this.dispatcher = b.dispatcher;

    this.lanes = List.copyOf(l);
    this.counts = new Counts(lanes, b.clock);
    this.tokens = Objects.requireNonNull(b.tokens, "tokens");
    this.price = b.price;
    this.spentBefore = b.spentBefore;
    this.spentBeforeUsd = b.spentBeforeUsd;
    this.otherPricesBefore = b.otherPricesBefore;
    this.clock = b.clock;
    this.listener = b.listener;
    this.control = b.control;
    this.backoff = new Backoff(settings.retryDelay(), new SplittableRandom(settings.randomSeed()));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A reply (or a failure) handed from an HTTP thread to the scheduler's thread. */
  private record Reply(Call call, CallResult result, Object prepared, Throwable error) {}

  /** A call on the wire: what it reserved, when it left and how it is billed. */
  private record InFlight(Lane lane, Cost cost, double worstCost, long sentAt, CompletableFuture<?> future,
      Billing billing) {}

  /** What the scheduler counted; read by the run for its progress and report. */
  public static final class Counts {
    long requestsSent;
    long replies;
    long retries;
    long failedCalls;
    long rateLimited;
    final Map<String, Long> failures = new LinkedHashMap<>();
    Usage usage = Usage.ZERO;
    Usage batchUsage = Usage.ZERO;
    long batchReplies;
    private final List<Lane> lanes;
    private final EngineClock clock;

    Counts(List<Lane> lanes, EngineClock clock) {
      this.lanes = lanes;
      this.clock = clock;
    }

    /** Requests, replies, failures and time out of service per endpoint, in the order they were given. */
    public List<EndpointStats> endpoints() {
      long now = clock.nanoTime();
      return lanes.stream().map(l -> l.stats(now)).toList();
    }

    public long requestsSent() {
      return requestsSent;
    }

    public long replies() {
      return replies;
    }

    public long retries() {
      return retries;
    }

    /** Calls given up after their retries ran out. */
    public long failedCalls() {
      return failedCalls;
    }

    public long rateLimited() {
      return rateLimited;
    }

    /** Transient failures by kind. */
    public Map<String, Long> failures() {
      return Map.copyOf(failures);
    }

    /** Tokens billed for this run's calls. */
    public Usage usage() {
      return usage;
    }

    /** The part of {@link #usage()} billed at the batch price. */
    public Usage batchUsage() {
      return batchUsage;
    }

    /** Replies (batch results) billed at the batch price. */
    public long batchReplies() {
      return batchReplies;
    }
  }

  public Counts counts() {
    return counts;
  }

  /** Calls in flight now. */
  public int inFlight() {
    return inFlight.size();
  }

  /** Calls in flight now that are sent online (not waiting in a provider batch). */
  private int onlineInFlight() {
    int n = 0;
    for (InFlight f : inFlight.values()) {
      if (f.billing() == Billing.ONLINE) {
        n++;
      }
    }
    return n;
  }

  /** What this run and the runs it resumed have spent, or null when the model has no price. */
  public Double spent() {
    if (price == null) {
      return null;
    }
    // Earlier runs' dollars, when known, already hold what their judge calls cost at the judge's price.
    double before = spentBeforeUsd != null ? spentBeforeUsd : price.cost(spentBefore) + otherPricesBefore;
    return before + online(price) + price.cost(counts.batchUsage, Billing.BATCH) + otherPrices;
  }

  /** The online part of this run's usage at online prices. */
  private double online(ModelPrice p) {
    return p.cost(counts.usage) - p.cost(counts.batchUsage);
  }

  /**
   * Ends the run: no new call starts, calls in flight online finish and are handed to their stages; calls waiting
   * in a provider batch are left to it (a later run collects them). The first outcome given wins.
   */
  public void stop(RunOutcome o) {
    if (outcome == null) {
      outcome = o;
    }
  }

  /**
   * Runs calls for the stages until every stage is finished, the run is stopped, or it fails; never throws for
   * provider behaviour. Stages are asked for work in turn.
   *
   * @return how the run ended
   */
  public RunOutcome run(List<Stage> runStages) {
    this.stages = List.copyOf(runStages);
    try {
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(new RunOutcome.Stopped(RunOutcome.Reason.INTERRUPTED, Message.of("stop.interrupted")));
    } finally {
      inFlight.values().forEach(f -> f.future().cancel(true));
      inFlight.clear();
    }
    listener.onTick();
    return outcome == null ? new RunOutcome.Completed() : outcome;
  }

  private boolean allFinished() {
    for (Stage s : stages) {
      if (!s.finished()) {
        return false;
      }
    }
    return true;
  }

  private void loop() throws InterruptedException {
    while (true) {
      long now = clock.nanoTime();
      if (outcome == null && allFinished() && inFlight.isEmpty()) {
        return;
      }
      if (control.isAbortRequested()) {
        stop(new RunOutcome.Stopped(RunOutcome.Reason.INTERRUPTED, Message.of("stop.aborted")));
        return;
      }
      if (control.isStopRequested()) {
        stop(new RunOutcome.Stopped(RunOutcome.Reason.INTERRUPTED, Message.of("stop.interrupted")));
      }
      if (outcome != null && onlineInFlight() == 0) {
        return;
      }
      long wakeAt = now + TICK;
      if (outcome == null) {
        wakeAt = Math.min(wakeAt, dispatch(now));
      }
      if (outcome != null && onlineInFlight() == 0) {
        return;
      }
      if (outcome == null && allFinished() && inFlight.isEmpty()) {
        return;
      }
      Reply r = clock.poll(replies, wakeAt - now);
      if (r != null) {
        // Group commit: the replies that waited together are journaled with one forced write.
        while (r != null) {
          handle(r);
          r = replies.poll();
        }
        for (Stage s : stages) {
          s.settle();
        }
      }
      tick(false);
    }
  }

  /** Sends what the windows, the limits and the caps allow; returns when to look again. */
  private long dispatch(long now) {
    while (room(now) > 0) {
      // Calls waiting to retry hold their place in the window: a failing provider gets no new work.
      Call c = next(now, inFlight.size() + retries.size() < capacity(now));
      if (c == null) {
        return Math.min(retries.isEmpty() ? Long.MAX_VALUE : retries.peek().notBefore, backAt(now));
      }
      if (settings.maxRequests() > 0 && counts.requestsSent >= settings.maxRequests()) {
        hold(c);
        if (inFlight.isEmpty()) {
          stop(new RunOutcome.Stopped(RunOutcome.Reason.MAX_REQUESTS,
              Message.of("stop.max_requests", settings.maxRequests(), Setting.MAX_REQUESTS)));
        }
        return Long.MAX_VALUE;
      }
      // A call with its own client (the judge's model) goes online whatever the dispatcher does.
      Billing billing = dispatcher == null || c.client() != null ? Billing.ONLINE : dispatcher.billing(c);
      ModelPrice callPrice = c.price() != null ? c.price() : price;
      double worst = callPrice == null ? 0
          : callPrice.cost(new Usage(c.promptTokens(), c.request().maxTokens(), 0, 0, 0), billing);
      double spent = spent() == null ? 0 : spent();
      if (settings.maxCost() != null && spent + reservedWorstCost + worst > settings.maxCost().doubleValue()) {
        hold(c);
        if (inFlight.isEmpty()) {
          stop(new RunOutcome.Stopped(RunOutcome.Reason.BUDGET, Message.of("stop.budget", usd(spent), usd(worst),
              "$" + settings.maxCost().toPlainString(), Setting.MAX_COST)));
        }
        return Long.MAX_VALUE;
      }
      long wakeAt = Long.MAX_VALUE;
      boolean sent = false;
      for (Lane lane : byLoad(c, now)) {
        // Right before sending, under the gate a reply that asks us to wait takes: no call leaves after it.
        synchronized (lane.sendGate) {
          long asked = lane.waitHint.get();
          if (asked > clock.nanoTime()) {
            wakeAt = Math.min(wakeAt, asked);
            continue;
          }
          Cost cost = lane.cost(c);
          long wait = lane.limiter.tryAcquire(cost, now);
          if (wait > 0) {
            wakeAt = Math.min(wakeAt, now + wait);
            continue;
          }
          send(c, lane, cost, worst, now);
          sent = true;
        }
        break;
      }
      if (!sent) {
        hold(c);
        return Math.min(wakeAt, backAt(now));
      }
    }
    return backAt(now);
  }

  /** Requests the endpoints can take now, all together. */
  private int room(long now) {
    int room = 0;
    for (Lane l : lanes) {
      room += l.room(now);
    }
    return room;
  }

  /** Requests the endpoints in service allow in flight, all together. */
  private int capacity(long now) {
    return room(now) + inFlight.size();
  }

  /** The earliest time an endpoint out of service may be tried again. */
  private long backAt(long now) {
    long at = Long.MAX_VALUE;
    for (Lane l : lanes) {
      at = Math.min(at, l.backAt(now));
    }
    return at;
  }

  /**
   * The endpoints with room, least loaded for their weight first; the one a retried call last failed on goes last,
   * so that a retry tries another endpoint when one can take it.
   */
  private List<Lane> byLoad(Call c, long now) {
    if (lanes.size() == 1) {
      return lanes;
    }
    if (c.client() != null) {
      // A call with its own client (the judge's model) goes to the first endpoint, whose limits it shares.
      Lane first = lanes.get(0);
      return first.room(now) > 0 ? List.of(first) : List.of();
    }
    List<Lane> open = new ArrayList<>(lanes.size());
    for (Lane l : lanes) {
      if (l.room(now) > 0) {
        open.add(l);
      }
    }
    open.sort(Comparator.comparingDouble((Lane l) -> c.attempt > 0 && l.index == c.lane ? 1 : 0)
        .thenComparingDouble(Lane::load).thenComparingInt(l -> l.index));
    return open;
  }

  private static String usd(double v) {
    return String.format(java.util.Locale.ROOT, "$%.4f", v);
  }

  private Call next(long now, boolean roomForNew) {
    if (!retries.isEmpty() && retries.peek().notBefore <= now) {
      return retries.poll();
    }
    if (!roomForNew) {
      return null;
    }
    if (held != null) {
      Call c = held;
      held = null;
      return c;
    }
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get((nextStage + i) % stages.size());
      Call c = s.finished() ? null : s.next();
      if (c != null) {
        nextStage = (nextStage + i + 1) % stages.size();
        return c;
      }
    }
    return null;
  }

  private void hold(Call c) {
    if (c.attempt > 0) {
      retries.add(c);
    } else {
      held = c;
    }
  }

  private void send(Call c, Lane lane, Cost cost, double worst, long now) {
    LlmRequest request = c.request();
    if (request.temperature() != null && c.attempt > 0) {
      request = request.withTemperature(Math.min(settings.temperatureMax(), request.temperature()
          + c.attempt * SchedulerSettings.TEMPERATURE_STEP));
    }
    Dispatcher.Sent sent = c.client() != null ? new Dispatcher.Sent(c.client().call(request), Billing.ONLINE, false)
        : dispatcher != null ? dispatcher.send(c, request)
        : new Dispatcher.Sent(lane.client.call(request), Billing.ONLINE, false);
    if (!sent.resumed()) {
      counts.requestsSent++;
      lane.requestsSent++;
    }
    lane.inFlight++;
    c.lane = lane.index;
    c.billing = sent.billing();
    if (lane.breaker != null && lane.breaker.verdict(now) instanceof CircuitBreaker.Verdict.Trial) {
      lane.trialInFlight = true;
    }
    CompletableFuture<CallResult> future = sent.result();
    inFlight.put(c, new InFlight(lane, cost, worst, now, future, sent.billing()));
    reservedWorstCost += worst;
    future.handle((result, error) -> {
      if (error != null) {
        return new Reply(c, null, null, error);
      }
      noteRetryAfter(lane, result);
      try {
        Object prepared = result instanceof CallResult.Completed done ? c.owner().prepare(c, done) : null;
        return new Reply(c, result, prepared, null);
      } catch (RuntimeException e) {
        return new Reply(c, result, null, e);
      }
    }).thenAccept(replies::add);
  }

  /**
   * Called on the HTTP thread the moment a reply asks us to wait, so that the scheduler stops sending at once
   * rather than after it has worked through the replies queued before this one.
   */
  private void noteRetryAfter(Lane lane, CallResult result) {
    Duration wait = result instanceof CallResult.RateLimited rl ? rl.retryAfter()
        : result instanceof CallResult.Transient t ? t.retryAfter() : null;
    if (wait != null) {
      synchronized (lane.sendGate) {
        long until = clock.nanoTime() + Math.min(wait.toNanos(), settings.maxWait().toNanos());
        lane.waitHint.accumulateAndGet(until, Math::max);
      }
    }
  }

  private void handle(Reply r) {
    InFlight f = inFlight.remove(r.call());
    if (f == null) {
      return;
    }
    reservedWorstCost -= f.worstCost();
    Lane lane = f.lane();
    lane.inFlight--;
    lane.trialInFlight = false;
    if (r.error() != null) {
      if (r.error() instanceof CancellationException) {
        return;
      }
      throw new IllegalStateException("bug while handling a reply: " + r.error(), r.error());
    }
    long now = clock.nanoTime();
    // Summed in place: this runs for every reply, over every request in flight.
    long[] since = new long[3];
    long[] inAll = new long[3];
    for (InFlight other : inFlight.values()) {
      if (other.lane() != lane) {
        continue;
      }
      Cost c = other.cost();
      add(inAll, c);
      if (other.sentAt() > f.sentAt()) {
        add(since, c);
      }
    }
    Cost sentSince = new Cost(since[0], since[1], since[2]);
    Cost all = new Cost(inAll[0], inAll[1], inAll[2]);
    Call call = r.call();
    CallResult result = r.result();
    // Give back what the request did not use before the headers are compared: the server gave it back before it
    // wrote them, and giving it back after a correction counted it twice.
    Usage usage = result instanceof CallResult.Completed done ? usage(call, done) : null;
    if (usage != null) {
      lane.limiter.release(f.cost(), usage, now);
    } else if (result instanceof CallResult.RateLimited) {
      lane.limiter.release(f.cost(), Usage.ZERO, now);
    }
    lane.limiter.observe(result.limits(), sentSince, all, now);
    if (result instanceof CallResult.Completed c) {
      completed(call, f, c, r.prepared(), usage, now);
      if (lane.breaker != null) {
        lane.breaker.onSuccess(f.sentAt());
      }
    } else if (result instanceof CallResult.RateLimited rl) {
      counts.rateLimited++;
      lane.rateLimited++;
      Message why = rl.message().isBlank() ? Message.of("retry.rate_limited")
          : Message.of("retry.rate_limited.message", rl.message());
      if (pause(lane, rl.retryAfter(), rl.limits(), call, why, now)) {
        lane.window.onOverload(now, lane.typicalLatency);
        // With other endpoints to go to, a retry need not wait for this one's pause.
        retry(call, why, lanes.size() > 1 ? 0 : lane.limiter.pausedUntil() - now, now);
      }
    } else if (result instanceof CallResult.Transient t) {
      counts.failures.merge(t.kind().label(), 1L, Long::sum);
      lane.failures++;
      failedOn(lane, f.sentAt(), now);
      String status = t.status() > 0 ? t.status() + " " : "";
      Message why = t.kind() == CallResult.Failure.TIMEOUT ? Message.of("retry.timeout", status, t.message(),
          Setting.TIMEOUT) : Message.of("retry.transient", status, t.kind().message(), t.message());
      if (t.retryAfter() != null && !pause(lane, t.retryAfter(), t.limits(), call, why, now)) {
        return;
      }
      if (t.kind() != CallResult.Failure.BAD_RESPONSE && f.billing() == Billing.ONLINE) {
        lane.window.onOverload(now, lane.typicalLatency);
      }
      retry(call, why, t.retryAfter() == null ? 0 : Math.min(t.retryAfter().toNanos(),
          settings.maxWait().toNanos()), now);
    } else if (result instanceof CallResult.Fatal fatal) {
      stop(new RunOutcome.Failed(Message.of("fail.provider", fatal.message()), fatal.isConfiguration()));
    }
  }

  /**
   * Pauses every send as the provider asked; a wait longer than {@link SchedulerSettings#maxWait()} stops the run
   * instead, with the journal intact.
   *
   * @return false when the run stops rather than wait
   */
  private boolean pause(Lane lane, Duration retryAfter, RateLimits limits, Call c, Message why, long now) {
    if (retryAfter != null && retryAfter.compareTo(settings.maxWait()) > 0) {
      Instant resumeAfter = clock.instant().plus(retryAfter).truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
      stop(new RunOutcome.Stopped(RunOutcome.Reason.PROVIDER_WAIT, Message.of("stop.wait_too_long",
          human(retryAfter), why, human(settings.maxWait()), resumeAfter.toString())));
      c.owner().gaveUp(c, why);
      return false;
    }
    long before = lane.limiter.pausedUntil();
    long until = lane.limiter.pause(retryAfter, limits, backoff.delay(c.attempt + 1), now);
    if (until > before && lanes.size() == 1) {
      listener.onPause(Duration.ofNanos(until - now), why);
    }
    return true;
  }

  /** A duration the way people say it: 45 s, 12 min, 27 h 46 min. */
  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return (s + 30) / 60 + " min";
    }
    return s / 3600 + " h " + (s % 3600) / 60 + " min";
  }

  /** Counts a failure against an endpoint of a fleet, and says so when that takes it out of service. */
  private void failedOn(Lane lane, long sentAt, long now) {
    if (lane.breaker == null) {
      return;
    }
    Duration out = lane.breaker.onFailure(sentAt, now);
    if (out != null) {
      listener.onNotice(Message.of("notice.endpoint.out", lane.client.endpoint(), CircuitBreaker.THRESHOLD,
          human(out)));
    }
  }

  /** What a reply used: as the server reported, else estimated from the prompt and the reply's text. */
  private Usage usage(Call call, CallResult.Completed c) {
    return c.usage() != null ? c.usage() : new Usage(call.promptTokens(), tokens.count(c.text()), 0, 0, 0);
  }

  private void completed(Call call, InFlight f, CallResult.Completed c, Object prepared, Usage usage, long now) {
    Lane lane = f.lane();
    // Another model's tokens (the judge's own, counted by its own counter) say nothing of this endpoint's estimates.
    if (c.usage() != null && call.client() == null) {
      lane.calibration.observe(call.promptTokens(), usage.inputTokens() + usage.cacheReadTokens()
          + usage.cacheWriteTokens());
    }
    lane.replies++;
    if (f.billing() == Billing.ONLINE) {
      // A batch result's latency is the batch's, which says nothing about the endpoint's load.
      long latency = c.latency().toNanos();
      lane.typicalLatency = (long) (0.8 * lane.typicalLatency + 0.2 * latency);
      lane.window.onSuccess(!c.limits().isEmpty(),
          usage.outputTokens() > 0 ? (double) latency / usage.outputTokens() : 0, now, lane.typicalLatency);
      lane.latencyNanos += latency;
    } else {
      counts.batchUsage = counts.batchUsage.plus(usage);
      counts.batchReplies++;
    }
    everSucceeded = true;
    failureStreak = 0;
    counts.replies++;
    counts.usage = counts.usage.plus(usage);
    if (call.price() != null && price != null) {
      otherPrices += call.price().cost(usage) - price.cost(usage);
    }
    call.owner().completed(call, c, prepared, usage);
  }

  private void retry(Call c, Message reason, long minDelayNanos, long now) {
    if (c.attempt >= settings.maxRetries()) {
      counts.failedCalls++;
      failureStreak++;
      c.owner().gaveUp(c, reason);
      int allowed = everSucceeded ? SchedulerSettings.FAILURE_STREAK : 1;
      if (failureStreak >= allowed) {
        stop(new RunOutcome.Failed(Message.of("fail.streak", failureStreak, settings.maxRetries() + 1, reason,
            Setting.MAX_RETRIES, Setting.RETRY_DELAY)));
      }
      return;
    }
    c.attempt++;
    counts.retries++;
    long delay = Math.max(backoff.delay(c.attempt).toNanos(), minDelayNanos);
    c.notBefore = now + delay;
    retries.add(c);
    listener.onRetry(c, reason, Duration.ofNanos(delay));
  }

  private void tick(boolean force) {
    long now = clock.nanoTime();
    if (force || lastProgress == Long.MIN_VALUE || now - lastProgress >= PROGRESS_EVERY) {
      lastProgress = now;
      listener.onTick();
    }
  }

  /** Assembles a scheduler; the settings, a client (or one and a dispatcher) and the token counter are required. */
  public static final class Builder {
    private SchedulerSettings settings;
    /** An endpoint's client and its share of the work. */
    private record Weighted(LlmClient client, int weight) {}

    private final List<Weighted> clients = new ArrayList<>();
    private Dispatcher dispatcher;
    private boolean wideWindow;
    private Double spentBeforeUsd;
    private TokenCounter tokens;
    private ModelPrice price;
    private Usage spentBefore = Usage.ZERO;
    private double otherPricesBefore;
    private EngineClock clock = EngineClock.system();
    private SchedulerListener listener = SchedulerListener.NONE;
    private RunControl control = new RunControl();

    public Builder settings(SchedulerSettings v) { settings = v; return this; }
    /** The one endpoint to send to. */
    public Builder client(LlmClient v) {
      clients.clear();
      return endpoint(v, 1);
    }

    /**
     * Adds an endpoint of a fleet: each has its own rate limiter, concurrency window (up to the settings' cap) and
     * circuit breaker, and each call goes to the least loaded for its weight that can take it.
     */
    public Builder endpoint(LlmClient v, int weight) {
      if (weight < 1) {
        throw new IllegalArgumentException("weight " + weight + " < 1");
      }
      clients.add(new Weighted(Objects.requireNonNull(v, "client"), weight));
      return this;
    }

    /** How the one endpoint's calls reach the provider; default online through its client. */
    public Builder dispatcher(Dispatcher v) { dispatcher = v; return this; }
    /**
     * Whether the window is always the full concurrency, without probing or adapting: for batches, where calls
     * wait in the provider's queue rather than on its servers.
     */
    public Builder wideWindow(boolean v) { wideWindow = v; return this; }
    /** What earlier runs spent in dollars, when they were priced in ways usage alone cannot tell (batches). */
    public Builder spentBeforeUsd(Double v) { spentBeforeUsd = v; return this; }
    /** Estimates the tokens of a reply whose server reported no usage. */
    public Builder tokens(TokenCounter v) { tokens = v; return this; }
    /** The model's price, or null when unknown (the budget cap then cannot apply). */
    public Builder price(ModelPrice v) { price = v; return this; }
    /** What earlier runs of the same journal spent; it counts toward the budget. */
    public Builder spentBefore(Usage v) { spentBefore = Objects.requireNonNull(v); return this; }
    /**
     * What earlier runs' calls to another model (the rubric judge's) cost beyond the scheduler's price of their
     * usage, which {@link #spentBefore} includes; USD, may be negative.
     */
    public Builder otherPricesBefore(double usd) { otherPricesBefore = usd; return this; }
    public Builder clock(EngineClock v) { clock = Objects.requireNonNull(v); return this; }
    public Builder listener(SchedulerListener v) { listener = Objects.requireNonNull(v); return this; }
    public Builder control(RunControl v) { control = Objects.requireNonNull(v); return this; }

    public CallScheduler build() {
      return new CallScheduler(this);
    }
  }

  private static void add(long[] sum, Cost c) {
    sum[0] += c.requests();
    sum[1] += c.inputTokens();
    sum[2] += c.outputTokens();
  }
}
