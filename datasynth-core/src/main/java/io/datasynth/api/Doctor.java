package io.datasynth.api;

import io.datasynth.api.DoctorReport.Check;
import io.datasynth.api.DoctorReport.Status;
import io.datasynth.api.DoctorReport.Topic;
import io.datasynth.cost.CostFormat;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.PriceTable;
import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.model.ModelProfile;
import io.datasynth.model.ModelProfiles;
import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.ProviderSettings;
import io.datasynth.provider.RateLimits;
import io.datasynth.provider.Usage;
import io.datasynth.text.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Checks that a run would work before a big job: the key, the model's profile and price, and what the endpoint
 * accepts, with a few tiny requests whose worst-case cost is announced before the first is sent.
 */
final class Doctor {
  /** The output limit of a probe: enough for a word, small enough to cost next to nothing. */
  static final int PROBE_TOKENS = 16;
  /** Probes sent at most: the plain request, streaming, and a temperature. */
  static final int MAX_PROBES = 3;
  private static final String PROMPT = "Reply with the single word OK.";

  private final SynthesisConfig config;
  private final Map<String, String> env;
  private final Function<ProviderSettings, LlmClient> clients;

  Doctor(SynthesisConfig config, Map<String, String> env, Function<ProviderSettings, LlmClient> clients) {
    this.config = config;
    this.env = env;
    this.clients = clients;
  }

  /**
   * Runs the checks.
   *
   * @param announce receives, before any request, what the probes may cost at most
   */
  DoctorReport run(PriceTable prices, Consumer<Message> announce) {
    ModelProfiles profiles = ModelProfiles.of(config.models());
    ModelProfile profile = profiles.lookup(config.provider(), config.model());
    List<Check> checks = new ArrayList<>();
    String model = config.model();
    checks.add(profile.known()
        ? Check.ok(Topic.MODEL_PROFILE, Message.of("doctor.profile.known", model, profile.family()))
        : new Check(Topic.MODEL_PROFILE, Status.WARNING, Message.of("doctor.profile.unknown", model),
            Message.of("doctor.profile.unknown.fix", Setting.MODELS, ModelProfiles.RESOURCE.substring(1))));
    ModelPrice price = prices.lookup(model).orElse(null);
    checks.add(price != null
        ? Check.ok(Topic.PRICE, Message.of("doctor.price.known", CostFormat.usd(price.inputPerMTok()),
            CostFormat.usd(price.outputPerMTok())))
        : new Check(Topic.PRICE, Status.WARNING, Message.of("doctor.price.unknown", model),
            Message.of("doctor.price.unknown.fix", Setting.PRICES, Setting.MAX_COST)));
    String variable = config.apiKeyVariable() == null ? config.provider().keyVariable() : config.apiKeyVariable();
    ProviderSettings settings;
    try {
      settings = ProviderSettings.resolve(config.provider(), model, config.baseUrl(), config.apiKeyVariable(), env,
          config.requestTimeout(), profile);
    } catch (ConfigException e) {
      String key = env.get(variable);
      if (key != null && !key.isBlank()) {
        throw e;
      }
      // A missing key is what doctor is for: a finding, not a usage error.
      checks.add(new Check(Topic.KEY, Status.FAILED, Message.of("doctor.key.missing", variable),
          Message.of("doctor.key.missing.fix", variable, Setting.BASE_URL)));
      return report(profile.api().id(), model, config.baseUrl(), checks);
    }
    announce.accept(price == null ? Message.of("doctor.cost.unknown", MAX_PROBES, PROBE_TOKENS)
        : Message.of("doctor.cost", MAX_PROBES, PROBE_TOKENS, CostFormat.usd(MAX_PROBES
            * price.cost(new Usage(200, PROBE_TOKENS, 0, 0, 0)))));
    try (LlmClient client = clients.apply(settings)) {
      CallResult first = client.call(LlmRequest.of("", PROMPT, PROBE_TOKENS)).join();
      boolean answered = request(first, settings, variable, client.endpoint(), checks);
      if (!answered) {
        return report(profile.api().id(), model, client.endpoint(), checks);
      }
      rateLimits(first.limits(), checks);
      streaming(settings, profile, checks);
      sampling(settings, profile, checks);
      structured(profile, checks);
      checks.add(Check.ok(Topic.PROMPT_CACHE, profile.cacheMinTokens() > 0
          ? Message.of("doctor.cache.min", profile.cacheMinTokens()) : Message.of("doctor.cache.none")));
      return report(profile.api().id(), model, client.endpoint(), checks);
    }
  }

  private static DoctorReport report(String provider, String model, String endpoint, List<Check> checks) {
    return new DoctorReport(provider, model, endpoint == null ? "" : endpoint, checks);
  }

  /** The plain probe: whether the key and the model are accepted. */
  private boolean request(CallResult r, ProviderSettings settings, String variable, String endpoint,
      List<Check> checks) {
    Message key = settings.apiKey() == null ? Message.of("doctor.key.none_needed", endpoint)
        : Message.of("doctor.key.accepted", variable);
    if (r instanceof CallResult.Completed c) {
      checks.add(Check.ok(Topic.KEY, key));
      checks.add(Check.ok(Topic.REQUEST, Message.of("doctor.request.ok", c.latency().toMillis())));
      return true;
    }
    if (r instanceof CallResult.RateLimited rl) {
      checks.add(Check.ok(Topic.KEY, key));
      checks.add(new Check(Topic.REQUEST, Status.WARNING, Message.of("doctor.request.rate_limited", rl.message()),
          Message.of("doctor.request.rate_limited.fix")));
      return true;
    }
    if (r instanceof CallResult.Fatal f) {
      if (f.status() == 401 || f.status() == 403) {
        checks.add(new Check(Topic.KEY, Status.FAILED, Message.of("doctor.key.refused", variable, f.status()),
            Message.of("doctor.key.refused.fix", variable, Setting.API_KEY_ENV)));
      } else {
        checks.add(new Check(Topic.REQUEST, Status.FAILED, Message.of("doctor.request.refused", f.status(),
            f.message()), f.status() == 404 ? Message.of("doctor.request.not_found.fix", Setting.MODEL,
            Setting.BASE_URL) : Message.of("doctor.request.refused.fix", Setting.MODELS)));
      }
      return false;
    }
    CallResult.Transient t = (CallResult.Transient) r;
    boolean unreachable = t.kind() == CallResult.Failure.CONNECTION || t.kind() == CallResult.Failure.TIMEOUT;
    checks.add(new Check(Topic.REQUEST, Status.FAILED, Message.of("doctor.request.failed", t.message()),
        unreachable ? Message.of("doctor.request.unreachable.fix", endpoint, Setting.BASE_URL)
            : Message.of("doctor.request.failed.fix")));
    return false;
  }

  private static void rateLimits(RateLimits limits, List<Check> checks) {
    if (limits.isEmpty()) {
      checks.add(Check.ok(Topic.RATE_LIMITS, Message.of("doctor.limits.none")));
      return;
    }
    StringBuilder sb = new StringBuilder();
    limits.limits().forEach((dim, l) -> sb.append(sb.length() == 0 ? "" : ", ")
        .append(dim.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(' ')
        .append(l.remaining()).append('/').append(l.limit()));
    checks.add(Check.ok(Topic.RATE_LIMITS, Message.of("doctor.limits", sb.toString())));
  }

  private void streaming(ProviderSettings settings, ModelProfile profile, List<Check> checks) {
    CallResult r = probe(settings, profile.withNonStreamingMaxTokens(1), LlmRequest.of("", PROMPT, PROBE_TOKENS));
    if (r instanceof CallResult.Completed) {
      checks.add(Check.ok(Topic.STREAMING, Message.of(profile.nonStreamingMaxTokens() > 0
          ? "doctor.streaming.ok" : "doctor.streaming.ok.unused", profile.nonStreamingMaxTokens())));
    } else {
      checks.add(new Check(Topic.STREAMING, Status.WARNING, Message.of("doctor.streaming.failed", describe(r)),
          Message.of("doctor.streaming.failed.fix", Setting.MAX_TOKENS)));
    }
  }

  private void sampling(ProviderSettings settings, ModelProfile profile, List<Check> checks) {
    if (profile.known() && !profile.acceptsTemperature()) {
      checks.add(Check.ok(Topic.SAMPLING, Message.of("doctor.sampling.none", Setting.TEMPERATURE)));
      return;
    }
    double max = profile.acceptsTemperature() ? profile.temperatureMax() : 1.0;
    CallResult r = probe(settings, profile.withTemperature(max), new LlmRequest("", PROMPT, PROBE_TOKENS, 0.5, null));
    boolean accepted = r instanceof CallResult.Completed;
    if (profile.acceptsTemperature()) {
      checks.add(accepted ? Check.ok(Topic.SAMPLING, Message.of("doctor.sampling.ok", max))
          : new Check(Topic.SAMPLING, Status.WARNING, Message.of("doctor.sampling.refused", describe(r)),
              Message.of("doctor.sampling.refused.fix", Setting.TEMPERATURE, Setting.MODELS)));
    } else {
      checks.add(new Check(Topic.SAMPLING, Status.OK, Message.of(accepted ? "doctor.sampling.unknown.accepted"
          : "doctor.sampling.unknown.refused", Setting.MODELS), null));
    }
  }

  private static void structured(ModelProfile profile, List<Check> checks) {
    checks.add(Check.ok(Topic.STRUCTURED_OUTPUT, Message.of("doctor.structured",
        profile.structuredOutput().id())));
  }

  private CallResult probe(ProviderSettings settings, ModelProfile profile, LlmRequest request) {
    ProviderSettings s = new ProviderSettings(settings.kind(), settings.model(), settings.baseUrl(),
        settings.apiKey(), settings.requestTimeout(), settings.connectTimeout(), profile);
    try (LlmClient client = clients.apply(s)) {
      return client.call(request).join();
    }
  }

  /** What a call answered: text, or a message when the provider's refusal is worded by DataSynth. */
  private static Object describe(CallResult r) {
    if (r instanceof CallResult.RateLimited rl) {
      return "429 " + rl.message();
    }
    if (r instanceof CallResult.Fatal f) {
      return Message.of("call.fatal", f.status(), f.message());
    }
    if (r instanceof CallResult.Transient t) {
      return (t.status() > 0 ? t.status() + " " : "") + t.message();
    }
    return "ok";
  }
}
