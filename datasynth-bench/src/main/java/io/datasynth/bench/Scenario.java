package io.datasynth.bench;

import io.datasynth.provider.ProviderKind;
import io.datasynth.testkit.FaultScript;
import java.util.Locale;

/**
 * One situation {@link EngineBench} replays against the fake provider: the wire format, how many seconds' worth of
 * the limit the provider's bucket holds, the seeded faults, and whether the client sees rate-limit headers.
 */
enum Scenario {
  /** The scenario: Anthropic format, a bucket holding the whole minute (the fake's default), no faults. */
  A("anthropic, burst 60 s", ProviderKind.ANTHROPIC, 60, false, false),
  /** As A with a one-second bucket, so the limit binds from the first second. */
  B("anthropic, burst 1 s", ProviderKind.ANTHROPIC, 1, false, false),
  /** As B in the OpenAI format (its headers give resets as durations and one token limit). */
  C("openai, burst 1 s", ProviderKind.OPENAI, 1, false, false),
  /** As B with 2% 429 (retry-after 1 s), 2% 500, 1% 529, 2% truncated and 5% duplicate-laden replies. */
  D("faults, burst 1 s", ProviderKind.ANTHROPIC, 1, true, false),
  /**
   * As B without rate-limit headers: the client sees only 429s with retry-after, so the AIMD window sets the pace.
   * The fake always sends its headers when it enforces a limit, so {@link HeaderlessTransport} strips them.
   */
  E("no limit headers, burst 1 s", ProviderKind.ANTHROPIC, 1, false, true),
  /**
   * Anthropic with an input-tokens-per-minute limit that binds (requests per minute do not, and the output limit is
   * set but four times as far away): a bucket of one second's worth, as in B, in tokens.
   */
  F("input tokens bind, burst 1 s", ProviderKind.ANTHROPIC, 1, false, false, Binding.INPUT_TOKENS),
  /**
   * Anthropic with an output-tokens-per-minute limit that binds (the input limit is set but far away); the server
   * counts {@code max_tokens} when a request starts and gives back what the reply did not use when it ends. The
   * bucket holds the whole minute, the real API's: a small one could not hold the reservations of the requests in
   * flight, so even a perfect client would stall (the engine's {@code max_tokens} is sized from the seeds, far
   * above the fake's short replies).
   */
  G("output tokens bind, burst 60 s", ProviderKind.ANTHROPIC, 60, false, false, Binding.OUTPUT_TOKENS),
  /** F with the bucket holding the whole minute, the real API's: the limit binds once the first minute's is spent. */
  H("input tokens bind, burst 60 s", ProviderKind.ANTHROPIC, 60, false, false, Binding.INPUT_TOKENS),
  /**
   * H with Chinese seeds, so Chinese prompts: the client's token estimate for Claude is an approximation, and the
   * server's count is what the limit takes.
   */
  I("input tokens bind, Chinese, burst 60 s", ProviderKind.ANTHROPIC, 60, false, false, Binding.INPUT_TOKENS, true);

  /** Which of the fake's limits a scenario makes bind; the others are off or far away. */
  enum Binding {
    REQUESTS("requests"),
    INPUT_TOKENS("input tokens"),
    OUTPUT_TOKENS("output tokens");

    final String unit;

    Binding(String unit) {
      this.unit = unit;
    }
  }

  final String label;
  final ProviderKind provider;
  final double burstSeconds;
  final boolean faults;
  final boolean headerless;
  final Binding binding;
  /** Whether the seeds, and so the prompts, are Chinese rather than English. */
  final boolean chinese;

  Scenario(String label, ProviderKind provider, double burstSeconds, boolean faults, boolean headerless) {
    this(label, provider, burstSeconds, faults, headerless, Binding.REQUESTS);
  }

  Scenario(String label, ProviderKind provider, double burstSeconds, boolean faults, boolean headerless,
      Binding binding) {
    this(label, provider, burstSeconds, faults, headerless, binding, false);
  }

  Scenario(String label, ProviderKind provider, double burstSeconds, boolean faults, boolean headerless,
      Binding binding, boolean chinese) {
    this.label = label;
    this.provider = provider;
    this.burstSeconds = burstSeconds;
    this.faults = faults;
    this.headerless = headerless;
    this.binding = binding;
    this.chinese = chinese;
  }

  /** The one-letter name used by {@code --scenario}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The faults this scenario injects, drawn with {@code seed}. */
  FaultScript faultScript(long seed) {
    if (!faults) {
      return FaultScript.none();
    }
    return FaultScript.random(seed).rateLimited(0.02).serverError(0.02).overloaded(0.01).truncated(0.02)
        .duplicates(0.05);
  }

  /** The scenario named {@code id} (case ignored), or an exception listing the valid names. */
  static Scenario of(String id) {
    for (Scenario s : values()) {
      if (s.id().equalsIgnoreCase(id.strip())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + id + "'; use a comma-separated list of a, b, c, d, e, f, g, h, i");
  }
}
