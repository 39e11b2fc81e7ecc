package io.datasynth.testkit;

import java.time.InstantSource;
import java.util.List;

/**
 * The validated configuration of one fake provider, as {@link FakeProvider.Builder} produced it.
 *
 * @param apiKeyFingerprint the {@linkplain RequestLog#fingerprint fingerprint} of the key clients must present;
 *     null to accept any. The key itself is not kept.
 * @param models the allowed models; empty to accept any
 * @param clock the injected clock; null for real time
 * @param rpm requests per minute; 0 for no limit (likewise {@code itpm}, {@code otpm}, {@code tpm})
 */
record Settings(
    long seed,
    String apiKeyFingerprint,
    List<String> models,
    RecordSource records,
    int recordsPerReply,
    boolean countFromPrompt,
    ReplyStyle replyStyle,
    Latency latency,
    long rpm,
    long itpm,
    long otpm,
    long tpm,
    double burstSeconds,
    FaultScript faults,
    InstantSource clock,
    int port,
    int maxThreads,
    int defaultMaxTokens) {

  /** The models {@code GET /v1/models} lists when no allow-list is set. */
  static final List<String> DEFAULT_MODELS = List.of("claude-fake", "gpt-fake");

  /** Whether a request presenting {@code key} (null: none) may pass. */
  boolean accepts(String key) {
    return apiKeyFingerprint == null || apiKeyFingerprint.equals(RequestLog.fingerprint(key));
  }

  List<String> listedModels() {
    return models.isEmpty() ? DEFAULT_MODELS : models;
  }

  /** The configured per-minute limit of a bucket kind; 0 when not limited. */
  long limitOf(RateLimiter.Kind kind) {
    return switch (kind) {
      case REQUESTS -> rpm;
      case INPUT_TOKENS -> itpm;
      case OUTPUT_TOKENS -> otpm;
      case TOKENS -> tpm;
    };
  }
}
