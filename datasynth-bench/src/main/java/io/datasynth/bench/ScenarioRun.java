package io.datasynth.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.ResumeMode;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.api.SynthesisResult;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunStats;
import io.datasynth.quality.RejectReason.Code;
import io.datasynth.json.Json;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmClients;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.ProviderSettings;
import io.datasynth.recipe.Inputs;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.Fault;
import io.datasynth.testkit.RecordSource;
import io.datasynth.testkit.RecordedRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one {@link Scenario}: starts a fake provider on loopback in real time, generates the records through
 * {@link DataSynthesizer#synthesize(Inputs, Path)} as a library user would, and measures the run from the library's
 * stats and the fake's request log.
 */
final class ScenarioRun {
  static final int SEEDS = 20;
  private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

  private final BenchOptions options;
  private final Inputs english;
  private final Inputs chinese;
  private final Path dir;
  private final PrintStream log;
  /** The input tokens of a mean request by prompt language, and the output tokens of a mean reply. */
  private final Map<Boolean, Double> inputPerRequest = new HashMap<>();
  private double outputPerRequest = 1;
  private double reservedPerRequest = 1;

  ScenarioRun(BenchOptions options, Path dir, PrintStream log) {
    this.options = options;
    this.dir = dir;
    this.log = log;
    this.english = inputs(BenchData.english());
    this.chinese = inputs(BenchData.chinese());
  }

  private static Inputs inputs(List<BenchData.Pair> pairs) {
    List<Seed> seeds = new ArrayList<>();
    for (BenchData.Pair p : pairs.subList(0, Math.min(SEEDS, pairs.size()))) {
      seeds.add(new Seed(seeds.size() + 1, "seed #" + (seeds.size() + 1), BenchData.toRecord(p)));
    }
    Schema schema = new Schema("bench", "Instructions with helpful answers.",
        List.of(Field.of("instruction", FieldType.TEXT), Field.of("response", FieldType.TEXT)), List.of());
    return new Inputs(schema, seeds, "", null, null, null);
  }

  /** The records the fake serves: numbered, with random words so that none is a near duplicate of another. */
  static ObjectNode template() {
    ObjectNode t = Json.object();
    t.put("instruction", "Instruction {n}: {words}?");
    t.put("response", "Response {n}: {words}, {words}.");
    return t;
  }

  /**
   * Generates a few hundred records in each wire format from a fake without latency or limits, so class loading,
   * JIT compilation and the tokenizer's first load are not charged to the first scenario; the Anthropic run also
   * measures the input and output tokens of a mean request, from which token limits are derived.
   */
  void warmUp() {
    for (ProviderKind kind : ProviderKind.values()) {
      for (boolean zh : kind == ProviderKind.ANTHROPIC ? new boolean[] {false, true} : new boolean[] {false}) {
        try (FakeProvider fake = FakeProvider.builder().seed(options.seed()).records(RecordSource.counter(template()))
            .countFromPrompt(true).recordsPerReply(options.recordsPerReply()).start()) {
          synthesize(fake, kind, false, zh ? chinese : english, 500, null,
              dir.resolve("warm-up-" + kind + (zh ? "-zh" : "") + ".jsonl"));
          if (kind == ProviderKind.ANTHROPIC) {
            List<RecordedRequest> ok = fake.requests().stream().filter(r -> r.status() == 200).toList();
            inputPerRequest.put(zh, ok.stream().mapToInt(r -> r.inputTokens() - r.cacheReadTokens()).average()
                .orElse(1));
            if (!zh) {
              outputPerRequest = ok.stream().mapToInt(RecordedRequest::outputTokens).average().orElse(1);
              reservedPerRequest = ok.stream().mapToInt(r -> r.maxTokens() == null ? 0 : r.maxTokens()).average()
                  .orElse(1);
            }
          }
        }
      }
    }
  }

  /** The limit that binds in scenario {@code s}; call after {@link #warmUp}. */
  BenchLimit limit(Scenario s) {
    return options.limit(s, input(s), outputPerRequest);
  }

  private double input(Scenario s) {
    return inputPerRequest.getOrDefault(s.chinese, 1.0);
  }

  Measurement run(Scenario s) {
    BenchLimit limit = limit(s);
    FakeProvider.Builder builder = FakeProvider.builder().seed(options.seed())
        .records(RecordSource.counter(template()))
        .countFromPrompt(true).recordsPerReply(options.recordsPerReply())
        .latency(Duration.ofMillis(options.latencyMs()), Duration.ofMillis(options.jitterMs()))
        .requestsPerMinute(options.rpm()).burstSeconds(s.burstSeconds)
        .faults(s.faultScript(options.seed()));
    if (s.binding != Scenario.Binding.REQUESTS) {
      builder.inputTokensPerMinute(options.inputLimit(s, input(s)))
          .outputTokensPerMinute(options.outputLimit(s, outputPerRequest, reservedPerRequest));
    }
    try (FakeProvider fake = builder.start()) {
      long start = System.nanoTime();
      SynthesisResult result = synthesize(fake, s.provider, s.headerless, s.chinese ? chinese : english,
          options.records(), progress(s), dir.resolve(s.id() + ".jsonl"));
      double wall = (System.nanoTime() - start) / 1e9;
      return measure(s, limit, result, wall, fake.requests());
    }
  }

  private SynthesisResult synthesize(FakeProvider fake, ProviderKind kind, boolean headerless, Inputs inputs,
      int records, EngineListener listener, Path output) {
    SynthesisConfig config = SynthesisConfig.builder().count(records).provider(kind)
        .batchSize(options.recordsPerReply()).concurrency(options.concurrency()).force(true)
        .resume(ResumeMode.NEVER).build();
    Map<String, String> env = kind == ProviderKind.OPENAI
        ? Map.of("OPENAI_BASE_URL", fake.openAiBaseUrl()) : Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
    Function<ProviderSettings, LlmClient> clients = headerless
        ? settings -> LlmClients.create(settings, HeaderlessTransport::new) : LlmClients::create;
    return DataSynthesizer.builder().config(config).env(env).clients(clients)
        .listener(listener == null ? EngineListener.NONE : listener).build().synthesize(inputs, output);
  }

  private Measurement measure(Scenario s, BenchLimit limit, SynthesisResult result, double wall,
      List<RecordedRequest> log) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long requests = 0;
    long completed = 0;
    long used = 0;
    long limited = 0;
    long injected = 0;
    for (RecordedRequest r : log) {
      if (!"POST".equals(r.method())) {
        continue;
      }
      requests++;
      first = Math.min(first, r.arrivalNanos());
      last = Math.max(last, r.arrivalNanos());
      if (r.status() == 200) {
        completed++;
        used += switch (s.binding) {
          case REQUESTS -> 1;
          case INPUT_TOKENS -> r.inputTokens() - r.cacheReadTokens();
          case OUTPUT_TOKENS -> r.outputTokens();
        };
      } else if (r.status() == 429) {
        limited++;
        if (r.fault() == Fault.RATE_LIMITED) {
          injected++;
        }
      }
    }
    RunStats st = result.stats();
    Map<Code, Long> rejected = st.rejected();
    long duplicates = rejected.getOrDefault(Code.DUPLICATE, 0L) + rejected.getOrDefault(Code.NEAR_DUPLICATE, 0L);
    long invalid = rejected.getOrDefault(Code.INVALID, 0L) + rejected.getOrDefault(Code.NOT_AN_OBJECT, 0L);
    long dropped = st.rejectedTotal();
    long received = st.received();
    long wasted = received == 0 ? 0 : Math.round((double) st.usage().outputTokens() * dropped / received);
    return new Measurement(s.id() + " " + s.label, wall, requests, completed, limited, injected, st.retries(),
        wasted, result.generatedCount(), duplicates, invalid, dropped - duplicates - invalid,
        requests == 0 ? 0 : (last - first) / 1e9, limit.unit(), used, limit.burst(), limit.perSecond(),
        limit.steadyRecordsPerSecond(options.recordsPerReply()), result.success() ? null : result.errorText());
  }

  private EngineListener progress(Scenario s) {
    return new EngineListener() {
      private long lastAt = System.nanoTime();

      @Override
      public void onProgress(RunStats stats) {
        long now = System.nanoTime();
        if (now - lastAt >= PROGRESS_EVERY_NANOS) {
          lastAt = now;
          log.printf("  %s: %d/%d records, %d requests, %d rate-limited, %.0f s%n", s.id(), stats.accepted(),
              stats.target(), stats.requestsSent(), stats.rateLimited(), stats.elapsed().toNanos() / 1e9);
        }
      }
    };
  }
}
