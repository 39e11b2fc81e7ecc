package io.datasynth.testkit;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Makes the reply to a request that passed every check, for online requests and batch items alike: prompt-cache
 * accounting, hidden reasoning, the records (or scores) and the rendered completion. Thread-safe.
 */
final class Answerer {
  private final Settings settings;
  private final Replies replies;
  private final Map<ApiStyle, PromptCache> caches = new EnumMap<>(ApiStyle.class);

  Answerer(Settings settings) {
    this.settings = settings;
    this.replies =
        new Replies(
            settings.records(), settings.recordsPerReply(), settings.countFromPrompt(), settings.replyStyle(),
            settings.shaping(), settings.judge(), settings.structuredViolationRate());
    for (ApiStyle style : ApiStyle.values()) {
      caches.put(style, new PromptCache());
    }
  }

  /** A reply and what caching did, before latency and rendering. */
  record Draft(Reply reply, CacheUsage cache) {}

  /** Accounts the cache at {@code nowNanos} and makes the reply under {@code fault}. */
  Draft draft(ApiStyle style, CompletionRequest request, ModelRule rule, Fault fault, RandomGenerator random,
      long nowNanos) {
    PromptCache cache = caches.get(style);
    CacheUsage usage = style == ApiStyle.ANTHROPIC
        ? cache.anthropic(request, rule.cacheMinimum(), nowNanos)
        : cache.openAi(request, rule.cacheMinimum(), nowNanos);
    int reasoning = Reasoning.tokens(style, request, rule, settings.reasoningTokens());
    return new Draft(replies.make(request, fault, random, reasoning), usage);
  }

  /** The completion of a draft, with ids drawn from {@code random}. */
  Completion complete(WireFormat wire, CompletionRequest request, ModelRule rule, Draft draft, RandomGenerator random,
      Instant now) {
    return wire.complete(request, draft.reply(), Reasoning.summarized(request, rule), draft.cache(), random, now);
  }

  /** The number of live cached prefixes of {@code style}, for tests. */
  int cachedPrefixes(ApiStyle style, long nowNanos) {
    return caches.get(style).size(nowNanos);
  }
}
