package io.datasynth.testkit;

import java.time.InstantSource;
import java.util.List;

/**
 * The validated configuration of one fake provider, as {@link FakeProvider.Builder} produced it.
 *
 * @param apiKeyFingerprint the {@linkplain RequestLog#fingerprint fingerprint} of the key clients must present;
 *     null to accept any. The key itself is not kept.
 * @param models the allowed models; empty to accept any model the rules know
 * @param rules the per-model rules requests are held to
 * @param reasoningTokens hidden reasoning tokens a reply spends where the model thinks or reasons
 * @param clock the injected clock; null for real time
 * @param rpm requests per minute; 0 for no limit (likewise {@code itpm}, {@code otpm}, {@code tpm})
 * @param hostility the hostile-server behaviours
 * @param shaping how replies bend their records (skews, seed echoes, fixed fields)
 * @param judge how judge requests are scored
 * @param structuredViolationRate the probability that a record of a structured reply breaks a rule the schema
 *     cannot state
 * @param batches how batches behave
 * @param outage when the fake fails every request; null for never
 */
record Settings(
    long seed,
    String apiKeyFingerprint,
    List<String> models,
    ModelRules rules,
    int reasoningTokens,
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
    int defaultMaxTokens,
    Hostility hostility,
    Shaping shaping,
    JudgeScorer judge,
    double structuredViolationRate,
    BatchSettings batches,
    Outage outage) {

  /** Whether a request presenting {@code key} (null: none) may pass. */
  boolean accepts(String key) {
    return apiKeyFingerprint == null || apiKeyFingerprint.equals(RequestLog.fingerprint(key));
  }

  /** The models {@code GET /v1/models} lists in {@code style}: the allow-list, else the rules' current models. */
  List<String> listedModels(ApiStyle style) {
    return models.isEmpty() ? rules.listed(style) : models;
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
