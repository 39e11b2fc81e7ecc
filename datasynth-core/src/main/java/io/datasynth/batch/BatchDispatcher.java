package io.datasynth.batch;

import io.datasynth.cost.Billing;
import io.datasynth.engine.EngineClock;
import io.datasynth.journal.Journal;
import io.datasynth.journal.JournalEvent;
import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.RateLimits;
import io.datasynth.provider.batch.BatchApi;
import io.datasynth.provider.batch.BatchReply;
import io.datasynth.provider.batch.BatchState;
import io.datasynth.provider.batch.ItemResult;
import io.datasynth.schedule.Call;
import io.datasynth.schedule.Dispatcher;
import io.datasynth.text.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Carries a run's calls to a provider's batch API: a {@link Dispatcher} for the call scheduler, which still decides
 * what goes, retries what failed and keeps the caps. Calls gather until none has joined for a moment, then go out
 * as batches within the provider's limits. Each batch is journaled twice: its items before the create request, its
 * id as soon as the provider answers; so a crash never loses a paid batch, and a resumed run polls and collects
 * it instead of submitting again. Results come back in any order and are matched by {@code custom_id}; expired,
 * errored and cancelled items are journaled as settled and handed back as transient failures, so the scheduler
 * sends them again (in the next batch, or online when the user wants it done now).
 *
 * <p>The first call of a run goes online: its reply proves the request is accepted before thousands are paid for,
 * tells the stage how many records a reply yields, and writes the prompt cache the batch then reads. With
 * {@link BatchOptions#warmUp()}, a call goes online again before a batch whenever the cache may have gone cold.
 * After the {@link BatchOptions#deadline()} the running batches are cancelled and the rest goes online.
 *
 * <p>Polling runs on the dispatcher's own thread and backs off from seconds to minutes, never sooner than a
 * {@code retry-after}. {@link #send} and {@link #billing} are called on the scheduler's thread; everything else is
 * thread-safe. Closing stops the polling and leaves every batch running at the provider.
 */
public final class BatchDispatcher implements Dispatcher, AutoCloseable {
  private static final int CREATE_ATTEMPTS = 8;
  /** Room for the JSON around the items of an Anthropic batch body. */
  private static final long ENVELOPE_BYTES = 64;

  private final BatchApi api;
  private final LlmClient online;
  private final Journal journal;
  private final EngineClock clock;
  private final BatchOptions options;
  private final String runName;
  private final Object lock = new Object();
  private final BlockingQueue<Object> wake = new LinkedBlockingQueue<>();
  private final Queue<Message> notices = new ConcurrentLinkedQueue<>();
  private final Thread worker;

  // Guarded by lock.
  private final List<Item> gathered = new ArrayList<>();
  private long lastGathered;
  private final Map<String, Remote> remotes = new LinkedHashMap<>();
  private final Map<String, Remote> byCall = new HashMap<>();
  private final Map<String, CallResult> orphans = new HashMap<>();
  private final Deque<OnlineCall> onlineQueue = new ArrayDeque<>();
  private int onlineInFlight;
  private boolean firstSent;
  private CompletableFuture<CallResult> warmUp;
  private long warmedAt = Long.MIN_VALUE;
  private boolean anySubmitted;
  private boolean deadlinePassed;
  private long sequence;
  private volatile boolean closed;

  /** One call gathered for the next batch. */
  private record Item(String customId, byte[] bytes, CompletableFuture<CallResult> future) {}

  /** One call waiting for its turn to go online. */
  private record OnlineCall(LlmRequest request, CompletableFuture<CallResult> future) {}

  /** A batch at the provider, and the calls waiting for its results. */
  private static final class Remote {
    final String token;
    final List<String> calls;
    final Instant submittedAt;
    final long submittedNanos;
    final Map<String, CompletableFuture<CallResult>> waiting = new HashMap<>();
    String id;
    BatchState state;
    long nextPoll;
    int polls;
    boolean collected;
    boolean cancelAsked;

    Remote(String token, List<String> calls, Instant submittedAt, long submittedNanos) {
      this.token = token;
      this.calls = List.copyOf(calls);
      this.submittedAt = submittedAt;
      this.submittedNanos = submittedNanos;
    }
  }

  private BatchDispatcher(Builder b) {
    this.api = Objects.requireNonNull(b.api, "api");
    this.online = Objects.requireNonNull(b.online, "online");
    this.journal = Objects.requireNonNull(b.journal, "journal");
    this.clock = b.clock;
    this.options = Objects.requireNonNull(b.options, "options");
    this.runName = "ds" + Long.toString(clock.instant().toEpochMilli(), 36);
    long now = clock.nanoTime();
    for (BatchLedger.Pending p : b.resumed) {
      Remote r = new Remote(p.token(), p.unsettled(), p.submittedAt(), now);
      r.id = p.batchId();
      r.nextPoll = now;
      remotes.put(p.token(), r);
      p.unsettled().forEach(c -> byCall.put(c, r));
      anySubmitted = true;
    }
    this.worker = new Thread(this::work, "datasynth-batches");
    worker.setDaemon(true);
    worker.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Billing billing(Call call) {
    synchronized (lock) {
      if (call.customId() != null && byCall.containsKey(call.customId())) {
        return Billing.BATCH;
      }
      return goesOnline() ? Billing.ONLINE : Billing.BATCH;
    }
  }

  /** Whether the next new call goes online: the run's first, a warm-up, past the deadline, or a wanted top-up. */
  private boolean goesOnline() {
    if (!firstSent || deadlinePassed || options.topUpOnline() && anySubmitted) {
      return true;
    }
    return options.warmUp() && warmUp == null && gathered.isEmpty() && warmedAt != Long.MIN_VALUE
        && clock.nanoTime() - warmedAt > options.warmUpEvery().toNanos();
  }

  @Override
  public Sent send(Call call, LlmRequest request) {
    CompletableFuture<CallResult> future = new CompletableFuture<>();
    CallResult ready = null;
    synchronized (lock) {
      String id = call.customId() != null ? call.customId() : "call" + (++sequence) + "-" + call.attempt();
      Remote resumed = byCall.get(id);
      if (resumed != null) {
        ready = orphans.remove(id);
        if (ready == null) {
          resumed.waiting.put(id, future);
          future.whenComplete((r, e) -> forget(resumed, id, future));
        }
      } else if (goesOnline()) {
        boolean warming = !firstSent || options.warmUp() && !deadlinePassed
            && !(options.topUpOnline() && anySubmitted);
        firstSent = true;
        if (warming && warmUp == null) {
          warmUp = future;
          future.whenComplete((r, e) -> warmedUp(future));
        }
        onlineQueue.add(new OnlineCall(request, future));
        pumpOnline();
        return new Sent(future, Billing.ONLINE, false);
      } else {
        gathered.add(new Item(id, api.item(id, request), future));
        lastGathered = clock.nanoTime();
        wake.add(Boolean.TRUE);
        return new Sent(future, Billing.BATCH, false);
      }
    }
    if (ready != null) {
      future.complete(ready);
    }
    return new Sent(future, Billing.BATCH, true);
  }

  private void forget(Remote r, String id, CompletableFuture<CallResult> f) {
    synchronized (lock) {
      r.waiting.remove(id, f);
    }
  }

  private void warmedUp(CompletableFuture<CallResult> f) {
    synchronized (lock) {
      if (warmUp == f) {
        warmUp = null;
        warmedAt = clock.nanoTime();
      }
    }
    wake.add(Boolean.TRUE);
  }

  /** Sends queued online calls while fewer than the online concurrency are out. Holds the lock. */
  private void pumpOnline() {
    while (onlineInFlight < options.onlineConcurrency() && !onlineQueue.isEmpty()) {
      OnlineCall c = onlineQueue.poll();
      if (c.future().isDone()) {
        continue;
      }
      onlineInFlight++;
      CompletableFuture<CallResult> sent = online.call(c.request());
      c.future().whenComplete((r, e) -> {
        if (c.future().isCancelled()) {
          sent.cancel(true);
        }
      });
      sent.whenComplete((r, e) -> {
        synchronized (lock) {
          onlineInFlight--;
          pumpOnline();
        }
        if (e != null) {
          c.future().completeExceptionally(e);
        } else {
          c.future().complete(r);
        }
      });
    }
  }

  /** The batches of this run now, for progress and the summary. */
  public BatchProgress progress() {
    synchronized (lock) {
      List<BatchProgress.Batch> out = new ArrayList<>();
      for (Remote r : remotes.values()) {
        out.add(new BatchProgress.Batch(r.id, r.calls.size(), r.state, r.submittedAt, r.collected));
      }
      return new BatchProgress(out, gathered.size());
    }
  }

  /** Hands the notices gathered on the polling thread to {@code sink}, on the caller's thread. */
  public void drainNotices(Consumer<Message> sink) {
    for (Message m = notices.poll(); m != null; m = notices.poll()) {
      sink.accept(m);
    }
  }

  // ---- the polling thread ----

  private void work() {
    try {
      while (!closed) {
        long now = clock.nanoTime();
        checkDeadline();
        for (List<Item> chunk : readyChunks(now)) {
          submit(chunk);
        }
        for (Remote r : due(now)) {
          poll(r);
        }
        long wakeAt = nextWake(clock.nanoTime());
        Object signal = clock.poll(wake, Math.max(1, wakeAt - clock.nanoTime()));
        if (signal != null) {
          wake.clear();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long nextWake(long now) {
    long at = now + Duration.ofSeconds(1).toNanos();
    synchronized (lock) {
      if (!gathered.isEmpty()) {
        at = Math.min(at, lastGathered + options.settle().toNanos());
      }
      for (Remote r : remotes.values()) {
        if (!r.collected && r.id != null) {
          at = Math.min(at, r.nextPoll);
        }
      }
    }
    return at;
  }

  /** The gathered calls ready to go, split within the provider's limits; empty while a warm-up is out. */
  private List<List<Item>> readyChunks(long now) {
    synchronized (lock) {
      if (gathered.isEmpty() || warmUp != null || deadlinePassed) {
        return List.of();
      }
      long bytes = gathered.stream().mapToLong(i -> i.bytes().length + 1).sum();
      boolean full = gathered.size() >= api.limits().maxRequests() || bytes + ENVELOPE_BYTES >= api.limits().maxBytes();
      if (!full && now - lastGathered < options.settle().toNanos()) {
        return List.of();
      }
      List<List<Item>> chunks = new ArrayList<>();
      List<Item> chunk = new ArrayList<>();
      long size = ENVELOPE_BYTES;
      for (Item item : gathered) {
        long add = item.bytes().length + 1L;
        if (!chunk.isEmpty() && (chunk.size() >= api.limits().maxRequests() || size + add > api.limits().maxBytes())) {
          chunks.add(chunk);
          chunk = new ArrayList<>();
          size = ENVELOPE_BYTES;
        }
        chunk.add(item);
        size += add;
      }
      chunks.add(chunk);
      gathered.clear();
      return chunks;
    }
  }

  private void submit(List<Item> chunk) throws InterruptedException {
    List<Item> live = chunk.stream().filter(i -> !i.future().isDone()).toList();
    if (live.isEmpty()) {
      return;
    }
    String token;
    synchronized (lock) {
      token = runName + "-" + (++sequence);
    }
    List<String> ids = live.stream().map(Item::customId).toList();
    Instant at = clock.instant();
    Remote r = new Remote(token, ids, at, clock.nanoTime());
    journal.append(new JournalEvent.BatchSubmitting(token, api.kind().id(), ids, at));
    synchronized (lock) {
      for (Item i : live) {
        r.waiting.put(i.customId(), i.future());
        byCall.put(i.customId(), r);
      }
      remotes.put(token, r);
      anySubmitted = true;
    }
    BatchState created = create(r, live.stream().map(Item::bytes).toList());
    if (created == null) {
      return;
    }
    journal.append(new JournalEvent.BatchSubmitted(token, created.id(), clock.instant(), created.expiresAt()));
    synchronized (lock) {
      r.id = created.id();
      r.state = created;
      r.nextPoll = clock.nanoTime() + options.firstPoll().toNanos();
    }
    notices.add(Message.of("notice.batch.submitted", created.id(), ids.size()));
  }

  /** Creates the batch, retrying what is worth it; null when it could not be (its calls have been answered). */
  private BatchState create(Remote r, List<byte[]> items) throws InterruptedException {
    Duration wait = Duration.ofSeconds(2);
    String last = "";
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS && !closed; attempt++) {
      if (attempt > 1) {
        // The answer may have been lost after the provider took the batch: look for it before asking again.
        BatchState found = find(r);
        if (found != null) {
          return found;
        }
      }
      BatchReply<BatchState> reply = api.create(items, r.token);
      if (reply instanceof BatchReply.Done<BatchState> done) {
        return done.value();
      }
      if (reply instanceof BatchReply.Refused<BatchState> refused) {
        settle(r, "refused", new CallResult.Fatal(refused.status(), Message.of("batch.refused",
            api.kind().id(), refused.message())));
        return null;
      }
      BatchReply.Retry<BatchState> retry = (BatchReply.Retry<BatchState>) reply;
      last = retry.message();
      sleep(retry.retryAfter() != null && retry.retryAfter().compareTo(wait) > 0 ? retry.retryAfter() : wait);
      wait = wait.multipliedBy(2).compareTo(options.maxPoll()) > 0 ? options.maxPoll() : wait.multipliedBy(2);
    }
    BatchState found = find(r);
    if (found != null) {
      return found;
    }
    // Never created, as far as the provider lists: the calls were not paid for and go back to the scheduler.
    settle(r, "unsent", new CallResult.Transient(CallResult.Failure.CONNECTION, 0, "could not create a batch: " + last,
        null, RateLimits.NONE));
    return null;
  }

  /** The provider's batch whose create answer was lost, by its token or else its size and time; null if none. */
  private BatchState find(Remote r) {
    BatchReply<List<BatchState>> listed = api.createdSince(r.submittedAt.minusSeconds(60));
    if (!(listed instanceof BatchReply.Done<List<BatchState>> done)) {
      return null;
    }
    List<String> known;
    synchronized (lock) {
      known = remotes.values().stream().map(x -> x.id).filter(Objects::nonNull).toList();
    }
    BatchState best = null;
    for (BatchState s : done.value()) {
      if (known.contains(s.id())) {
        continue;
      }
      if (r.token.equals(s.token())) {
        return s;
      }
      boolean sameSize = s.token() == null && s.counts().total() == r.calls.size();
      if (sameSize && (best == null || Math.abs(Duration.between(r.submittedAt, s.createdAt()).toMillis())
          < Math.abs(Duration.between(r.submittedAt, best.createdAt()).toMillis()))) {
        best = s;
      }
    }
    return best;
  }

  /** Resumed batches whose create answer never reached the journal are looked for first. */
  private List<Remote> due(long now) {
    List<Remote> out = new ArrayList<>();
    synchronized (lock) {
      for (Remote r : remotes.values()) {
        if (!r.collected && r.nextPoll <= now && (r.id != null || r.state == null)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private void poll(Remote r) throws InterruptedException {
    if (r.id == null) {
      recover(r);
      return;
    }
    BatchReply<BatchState> reply = api.retrieve(r.id);
    long now = clock.nanoTime();
    if (reply instanceof BatchReply.Done<BatchState> done) {
      synchronized (lock) {
        r.state = done.value();
        r.polls++;
        r.nextPoll = now + backoff(r.polls);
      }
      if (done.value().ended()) {
        collect(r, done.value());
      }
    } else if (reply instanceof BatchReply.Retry<BatchState> retry) {
      long wait = backoff(++r.polls);
      if (retry.retryAfter() != null) {
        wait = Math.max(wait, retry.retryAfter().toNanos());
      }
      synchronized (lock) {
        r.nextPoll = now + wait;
      }
    } else {
      BatchReply.Refused<BatchState> refused = (BatchReply.Refused<BatchState>) reply;
      notices.add(Message.of("notice.batch.lost", r.id, refused.message()));
      settle(r, "lost", new CallResult.Transient(CallResult.Failure.BATCH_EXPIRED, refused.status(),
          "batch " + r.id + " is gone at the provider: " + refused.message(), null, RateLimits.NONE));
    }
  }

  /** A resumed batch journaled only as an intent: find it at the provider, or give its calls back. */
  private void recover(Remote r) {
    BatchState found = find(r);
    if (found != null) {
      journal.append(new JournalEvent.BatchSubmitted(r.token, found.id(), clock.instant(), found.expiresAt()));
      synchronized (lock) {
        r.id = found.id();
        r.state = found;
        r.nextPoll = clock.nanoTime();
      }
      notices.add(Message.of("notice.batch.recovered", found.id(), r.calls.size()));
    } else {
      synchronized (lock) {
        r.state = new BatchState(r.token, BatchState.Status.FAILED, BatchState.Counts.NONE, r.submittedAt, null,
            null, r.token, "never created");
      }
      settle(r, "unsent", new CallResult.Transient(CallResult.Failure.CONNECTION, 0, "the batch was never created",
          null, RateLimits.NONE));
    }
  }

  private void collect(Remote r, BatchState state) throws InterruptedException {
    if (state.status() == BatchState.Status.FAILED) {
      settle(r, "failed", new CallResult.Fatal(400, Message.of("batch.failed", api.kind().id(), r.id,
          String.valueOf(state.problem()))));
      return;
    }
    Map<String, ItemResult> results = new LinkedHashMap<>();
    BatchReply<Long> read = api.results(state, res -> results.put(res.customId(), res));
    if (!(read instanceof BatchReply.Done<Long>)) {
      synchronized (lock) {
        r.nextPoll = clock.nanoTime() + backoff(++r.polls);
      }
      return;
    }
    Map<String, List<String>> failed = new LinkedHashMap<>();
    Map<String, CallResult> outcomes = new LinkedHashMap<>();
    long latency = clock.nanoTime() - r.submittedNanos;
    for (String id : r.calls) {
      ItemResult res = results.get(id);
      CallResult c = res == null ? new CallResult.Transient(CallResult.Failure.BAD_RESPONSE, 0, "batch " + r.id
          + " has no result for " + id, null, RateLimits.NONE) : outcome(r, res, latency);
      outcomes.put(id, c);
      if (!(c instanceof CallResult.Completed)) {
        failed.computeIfAbsent(res == null ? "missing" : res.kind().id(), k -> new ArrayList<>()).add(id);
      }
    }
    // Settled in the journal before anyone acts on them, so a resumed run does not hand them out again.
    failed.forEach((kind, ids) -> journal.append(new JournalEvent.BatchItemsFailed(r.id, ids, kind)));
    synchronized (lock) {
      r.collected = true;
    }
    BatchState.Counts c = state.counts();
    notices.add(Message.of("notice.batch.ended", r.id, c.succeeded(), c.errored(), c.expired(), c.canceled()));
    outcomes.forEach((id, result) -> deliver(r, id, result));
  }

  private CallResult outcome(Remote r, ItemResult res, long latencyNanos) {
    return switch (res.kind()) {
      case SUCCEEDED -> new CallResult.Completed(res.reply().text(), res.reply().usage(), res.reply().truncated(),
          res.reply().reasoned(), RateLimits.NONE, Duration.ofNanos(latencyNanos));
      case ERRORED -> retryable(res.status())
          ? new CallResult.Transient(res.status() == 529 || res.status() == 503 ? CallResult.Failure.OVERLOADED
              : CallResult.Failure.SERVER_ERROR, res.status(), "in batch " + r.id + ": " + res.message(), null,
              RateLimits.NONE)
          : new CallResult.Fatal(res.status(), Message.of("batch.item_refused", r.id, res.message()));
      case EXPIRED -> new CallResult.Transient(CallResult.Failure.BATCH_EXPIRED, 0, "batch " + r.id
          + " expired before this request ran", null, RateLimits.NONE);
      case CANCELED -> new CallResult.Transient(CallResult.Failure.BATCH_CANCELED, 0, "batch " + r.id
          + " was cancelled before this request ran", null, RateLimits.NONE);
    };
  }

  private static boolean retryable(int status) {
    return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500 || status == 0;
  }

  /** Settles every unsettled call of a batch the same way, journaled first. */
  private void settle(Remote r, String why, CallResult result) {
    List<String> ids;
    synchronized (lock) {
      ids = List.copyOf(r.calls);
      r.collected = true;
    }
    journal.append(new JournalEvent.BatchItemsFailed(r.id != null ? r.id : r.token, ids, why));
    ids.forEach(id -> deliver(r, id, result));
  }

  private void deliver(Remote r, String id, CallResult result) {
    CompletableFuture<CallResult> f;
    synchronized (lock) {
      f = r.waiting.remove(id);
      byCall.remove(id);
      if (f == null) {
        orphans.put(id, result);
        // a resumed call not claimed yet: keep it reachable by its id
        byCall.put(id, r);
      }
    }
    if (f != null) {
      f.complete(result);
    }
  }

  private void checkDeadline() {
    if (options.deadline() == null) {
      return;
    }
    List<Remote> running;
    List<Item> rerouted;
    synchronized (lock) {
      if (deadlinePassed || clock.instant().isBefore(options.deadline())) {
        return;
      }
      deadlinePassed = true;
      running = remotes.values().stream().filter(r -> !r.collected && r.id != null && !r.cancelAsked).toList();
      running.forEach(r -> r.cancelAsked = true);
      rerouted = new ArrayList<>(gathered);
      gathered.clear();
    }
    notices.add(Message.of("notice.batch.deadline", running.size()));
    for (Remote r : running) {
      BatchReply<BatchState> reply = api.cancel(r.id);
      if (reply instanceof BatchReply.Done<BatchState> done) {
        synchronized (lock) {
          r.state = done.value();
          r.nextPoll = clock.nanoTime();
        }
      }
    }
    // Gathered calls not submitted yet go back to the scheduler, which now sends them online.
    for (Item i : rerouted) {
      i.future().complete(new CallResult.Transient(CallResult.Failure.BATCH_CANCELED, 0,
          "the deadline passed before this request was batched", null, RateLimits.NONE));
    }
  }

  private long backoff(int polls) {
    long first = options.firstPoll().toNanos();
    long max = options.maxPoll().toNanos();
    double d = first * Math.pow(2, Math.min(30, Math.max(0, polls - 1)));
    return (long) Math.min(max, d);
  }

  private void sleep(Duration d) throws InterruptedException {
    long until = clock.nanoTime() + d.toNanos();
    while (!closed && clock.nanoTime() < until) {
      clock.poll(new LinkedBlockingQueue<>(), until - clock.nanoTime());
    }
  }

  /** Stops polling; every batch keeps running at the provider, for a later run to collect. */
  @Override
  public void close() {
    closed = true;
    wake.add(Boolean.TRUE);
    worker.interrupt();
    try {
      worker.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    api.close();
  }

  /** Assembles a dispatcher; the API, the online client, the journal and the options are required. */
  public static final class Builder {
    private BatchApi api;
    private LlmClient online;
    private Journal journal;
    private EngineClock clock = EngineClock.system();
    private BatchOptions options;
    private List<BatchLedger.Pending> resumed = List.of();

    public Builder api(BatchApi v) { api = v; return this; }
    /** The client of the calls that go online (the first, warm-ups, past the deadline). */
    public Builder online(LlmClient v) { online = v; return this; }
    /** Where batches are journaled: the run's journal. */
    public Builder journal(Journal v) { journal = v; return this; }
    public Builder clock(EngineClock v) { clock = Objects.requireNonNull(v); return this; }
    public Builder options(BatchOptions v) { options = v; return this; }
    /** Batches of earlier runs with unsettled items: they are polled and collected, never submitted again. */
    public Builder resume(List<BatchLedger.Pending> v) { resumed = List.copyOf(v); return this; }

    public BatchDispatcher build() {
      return new BatchDispatcher(this);
    }
  }
}
