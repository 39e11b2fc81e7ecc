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
  E("no limit headers, burst 1 s", ProviderKind.ANTHROPIC, 1, false, true);

  final String label;
  final ProviderKind provider;
  final double burstSeconds;
  final boolean faults;
  final boolean headerless;

  Scenario(String label, ProviderKind provider, double burstSeconds, boolean faults, boolean headerless) {
    this.label = label;
    this.provider = provider;
    this.burstSeconds = burstSeconds;
    this.faults = faults;
    this.headerless = headerless;
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
    throw new IllegalArgumentException("unknown scenario '" + id + "'; use a comma-separated list of a, b, c, d, e");
  }
}
