package io.datasynth.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One batch's timeline on the fake's clock, for both APIs: its items finish one by one over the batch's duration
 * in a seeded order, each with the outcome drawn for it; the batch ends at its duration (at 24 hours at the
 * latest, when it expires), when {@link #finishNow} is called, or after a cancellation. Thread-safe.
 */
final class BatchRun {
  static final Duration WINDOW = Duration.ofHours(24);

  /** What happens to one item. */
  enum Drawn {
    NORMAL,
    SERVER_ERROR,
    EXPIRE
  }

  /** Where an item stands at some time. */
  enum ItemState {
    PROCESSING,
    SUCCEEDED,
    ERRORED,
    CANCELED,
    EXPIRED
  }

  /**
   * One request of the batch as it was read at creation.
   *
   * @param customId the client's id
   * @param request the parsed request; null when it was refused
   * @param rule the model's rules; null when refused
   * @param refused the error it gets; null when it can be answered
   */
  record Item(String customId, CompletionRequest request, ModelRule rule, ApiError refused) {}

  final String id;
  final long sequence;
  final List<Item> items;
  final Instant createdAt;
  final long createdNanos;
  private final long durationNanos;
  private final long cancelDelayNanos;
  private final int[] rank;
  private final Drawn[] drawn;
  private final int[] order;
  private Long forcedEndNanos;
  private Long cancelNanos;
  private byte[] results;

  BatchRun(String id, long sequence, List<Item> items, Instant createdAt, long createdNanos, BatchSettings settings,
      RandomGenerator random) {
    this.id = id;
    this.sequence = sequence;
    this.items = List.copyOf(items);
    this.createdAt = createdAt;
    this.createdNanos = createdNanos;
    this.durationNanos = settings.duration().toNanos();
    this.cancelDelayNanos = settings.cancelDelay().toNanos();
    int n = items.size();
    int[] processing = shuffled(n, random);
    rank = new int[n];
    for (int r = 0; r < n; r++) {
      rank[processing[r]] = r;
    }
    drawn = new Drawn[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      drawn[i] = u < settings.expireRate() ? Drawn.EXPIRE
          : u < settings.expireRate() + settings.errorRate() ? Drawn.SERVER_ERROR : Drawn.NORMAL;
    }
    order = settings.shuffle() ? shuffled(n, random) : identity(n);
  }

  /** Ends the batch now, as if its last item had just finished (a cancellation in progress ends too). */
  synchronized void finishNow(long nowNanos) {
    if (!ended(nowNanos)) {
      forcedEndNanos = nowNanos;
    }
  }

  /** Cancels the batch at {@code nowNanos}; false when it has already ended. */
  synchronized boolean cancel(long nowNanos) {
    if (ended(nowNanos)) {
      return false;
    }
    if (cancelNanos == null) {
      cancelNanos = nowNanos;
    }
    return true;
  }

  synchronized boolean canceled() {
    return cancelNanos != null;
  }

  synchronized Long cancelNanos() {
    return cancelNanos;
  }

  /** When the batch ends (or ended), in the fake's nanoseconds. */
  synchronized long endNanos() {
    long end = createdNanos + Math.min(durationNanos, WINDOW.toNanos());
    if (forcedEndNanos != null) {
      end = Math.min(end, forcedEndNanos);
    }
    if (cancelNanos != null) {
      end = Math.min(end, cancelNanos + cancelDelayNanos);
    }
    return end;
  }

  synchronized boolean ended(long nowNanos) {
    return nowNanos >= endNanos();
  }

  /** When item {@code i} finishes, if the batch runs its course. */
  synchronized long itemNanos(int i) {
    long span = forcedEndNanos != null ? Math.min(durationNanos, forcedEndNanos - createdNanos) : durationNanos;
    return createdNanos + (long) ((rank[i] + 1) * ((double) span / (items.size() + 1)));
  }

  /** Where item {@code i} stands at {@code nowNanos}. */
  synchronized ItemState state(int i, long nowNanos) {
    long done = itemNanos(i);
    boolean ended = ended(nowNanos);
    long limit = Math.min(nowNanos, endNanos());
    if (cancelNanos != null) {
      limit = Math.min(limit, cancelNanos);
    }
    if (drawn[i] != Drawn.EXPIRE && done <= limit && done < createdNanos + WINDOW.toNanos()) {
      Item item = items.get(i);
      return item.refused() != null || drawn[i] == Drawn.SERVER_ERROR ? ItemState.ERRORED : ItemState.SUCCEEDED;
    }
    if (!ended) {
      return ItemState.PROCESSING;
    }
    return cancelNanos != null ? ItemState.CANCELED : ItemState.EXPIRED;
  }

  /** The counts of each state at {@code nowNanos}, indexed by {@link ItemState#ordinal()}. */
  synchronized int[] counts(long nowNanos) {
    int[] counts = new int[ItemState.values().length];
    for (int i = 0; i < items.size(); i++) {
      counts[state(i, nowNanos).ordinal()]++;
    }
    return counts;
  }

  /** The item indexes in the order results are written. */
  int[] resultOrder() {
    return order.clone();
  }

  synchronized byte[] results() {
    return results;
  }

  synchronized void results(byte[] results) {
    this.results = results;
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  private static int[] shuffled(int n, RandomGenerator random) {
    int[] order = identity(n);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
