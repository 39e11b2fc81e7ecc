package io.datasynth.testkit;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake's prompt cache: prefixes by the hash of their exact bytes, each alive until its TTL has passed on the
 * fake's clock since it was last written or read. One per fake and style; thread-safe.
 *
 * <p><b>Anthropic</b> (explicit breakpoints): a request reads the longest cached prefix that ends at a block
 * boundary at most 20 blocks before one of its breakpoints, and refreshes it; then every breakpoint after that
 * prefix whose prefix has at least the model's minimum tokens is written with its TTL. Tokens between two
 * breakpoints are written with the TTL of the later one. A prefix below the minimum is neither read nor written.
 *
 * <p><b>OpenAI</b> (automatic): a prompt of at least the minimum (1,024) tokens reads the longest cached prefix of
 * 1,024 + 128·k tokens and writes all of its prefixes of that form; they live {@link #OPENAI_RETENTION_SECONDS}
 * (24 hours with {@code prompt_cache_retention: 24h}).
 */
final class PromptCache {
  /** How many blocks before a breakpoint Anthropic looks for an earlier cached prefix. */
  static final int LOOKBACK_BLOCKS = 20;
  /** OpenAI's first cacheable length and its increment. */
  static final int OPENAI_STEP = 128;
  /** How long an OpenAI prefix lives unused: the docs say 5 to 10 minutes of inactivity; the fake keeps 10. */
  static final long OPENAI_RETENTION_SECONDS = 600;
  static final long OPENAI_LONG_RETENTION_SECONDS = 24 * 3600;
  private static final int SWEEP_EVERY = 10_000;
  private static final int MAX_ENTRIES = 1_000_000;

  private final Map<String, Long> expiries = new ConcurrentHashMap<>();
  private long writes;

  /** Accounts an Anthropic request at {@code nowNanos}; {@code minimum} null: no caching. */
  synchronized CacheUsage anthropic(CompletionRequest request, Integer minimum, long nowNanos) {
    CacheLayout layout = request.cache();
    List<CacheLayout.Breakpoint> breakpoints = layout.breakpoints();
    if (minimum == null || breakpoints.isEmpty()) {
      return CacheUsage.NONE;
    }
    int hit = -1;
    for (CacheLayout.Breakpoint breakpoint : breakpoints) {
      for (int b = breakpoint.boundary(); b >= 0 && b > breakpoint.boundary() - LOOKBACK_BLOCKS; b--) {
        if (b > hit && alive(layout.boundaries().get(b).hash(), nowNanos) && tokens(request, b) >= minimum) {
          hit = b;
          break;
        }
      }
    }
    int read = hit < 0 ? 0 : tokens(request, hit);
    if (hit >= 0) {
      refresh(layout.boundaries().get(hit).hash(), nowNanos, ttlAt(breakpoints, hit));
    }
    int covered = read;
    int written5m = 0;
    int written1h = 0;
    for (CacheLayout.Breakpoint breakpoint : breakpoints) {
      int tokens = tokens(request, breakpoint.boundary());
      if (breakpoint.boundary() <= hit || tokens < minimum) {
        continue;
      }
      put(layout.boundaries().get(breakpoint.boundary()).hash(), nowNanos, breakpoint.ttlSeconds());
      if (breakpoint.ttlSeconds() >= 3600) {
        written1h += tokens - covered;
      } else {
        written5m += tokens - covered;
      }
      covered = tokens;
    }
    return new CacheUsage(read, written5m, written1h);
  }

  /** Accounts an OpenAI request at {@code nowNanos}; {@code minimum} null: the model caches nothing. */
  synchronized CacheUsage openAi(CompletionRequest request, Integer minimum, long nowNanos) {
    CacheLayout layout = request.cache();
    if (minimum == null || layout.scope() == null || request.inputTokens() < minimum) {
      return CacheUsage.NONE;
    }
    long retention = layout.longRetention() ? OPENAI_LONG_RETENTION_SECONDS : OPENAI_RETENTION_SECONDS;
    String prompt = request.prompt();
    int[] ends = TokenCounter.prefixEnds(prompt, minimum, OPENAI_STEP);
    PrefixHash hash = new PrefixHash(layout.scope());
    int start = 0;
    int read = 0;
    boolean matching = true;
    for (int i = 0; i < ends.length; i++) {
      hash.add(prompt.substring(start, ends[i]));
      start = ends[i];
      String key = hash.current();
      if (matching && alive(key, nowNanos)) {
        read = minimum + OPENAI_STEP * i;
      } else {
        matching = false;
      }
      put(key, nowNanos, retention);
    }
    return new CacheUsage(read, 0, 0);
  }

  /** The number of live prefixes, for tests. */
  synchronized int size(long nowNanos) {
    sweep(nowNanos);
    return expiries.size();
  }

  private static int tokens(CompletionRequest request, int boundary) {
    return TokenCounter.count(request.prompt().substring(0, request.cache().boundaries().get(boundary).endChar()));
  }

  private static long ttlAt(List<CacheLayout.Breakpoint> breakpoints, int boundary) {
    for (CacheLayout.Breakpoint breakpoint : breakpoints) {
      if (breakpoint.boundary() >= boundary) {
        return breakpoint.ttlSeconds();
      }
    }
    return breakpoints.get(breakpoints.size() - 1).ttlSeconds();
  }

  private boolean alive(String key, long nowNanos) {
    Long expiry = expiries.get(key);
    return expiry != null && expiry > nowNanos;
  }

  private void refresh(String key, long nowNanos, long ttlSeconds) {
    expiries.merge(key, nowNanos + ttlSeconds * 1_000_000_000L, Math::max);
  }

  private void put(String key, long nowNanos, long ttlSeconds) {
    refresh(key, nowNanos, ttlSeconds);
    if (++writes % SWEEP_EVERY == 0 || expiries.size() > MAX_ENTRIES) {
      sweep(nowNanos);
      if (expiries.size() > MAX_ENTRIES) {
        expiries.clear();
      }
    }
  }

  private void sweep(long nowNanos) {
    for (Iterator<Long> it = expiries.values().iterator(); it.hasNext(); ) {
      if (it.next() <= nowNanos) {
        it.remove();
      }
    }
  }
}
