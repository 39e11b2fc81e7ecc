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
  private final Inputs inputs;
  private final Path dir;
  private final PrintStream log;

  ScenarioRun(BenchOptions options, Path dir, PrintStream log) {
    this.options = options;
    this.dir = dir;
    this.log = log;
    List<BenchData.Pair> pairs = BenchData.english();
    List<Seed> seeds = new ArrayList<>();
    for (BenchData.Pair p : pairs.subList(0, Math.min(SEEDS, pairs.size()))) {
      seeds.add(new Seed(seeds.size() + 1, "seed #" + (seeds.size() + 1), BenchData.toRecord(p)));
    }
    Schema schema = new Schema("bench", "Instructions with helpful answers.",
        List.of(Field.of("instruction", FieldType.TEXT), Field.of("response", FieldType.TEXT)), List.of());
    this.inputs = new Inputs(schema, seeds, "", null, null, null);
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
   * JIT compilation and the tokenizer's first load are not charged to the first scenario.
   */
  void warmUp() {
    for (ProviderKind kind : ProviderKind.values()) {
      try (FakeProvider fake = FakeProvider.builder().seed(options.seed()).records(RecordSource.counter(template()))
          .countFromPrompt(true).start()) {
        synthesize(fake, kind, false, 500, null, dir.resolve("warm-up-" + kind + ".jsonl"));
      }
    }
  }

  Measurement run(Scenario s) {
    try (FakeProvider fake = FakeProvider.builder().seed(options.seed())
        .records(RecordSource.counter(template()))
        .countFromPrompt(true).recordsPerReply(options.recordsPerReply())
        .latency(Duration.ofMillis(options.latencyMs()), Duration.ofMillis(options.jitterMs()))
        .requestsPerMinute(options.rpm()).burstSeconds(s.burstSeconds)
        .faults(s.faultScript(options.seed()))
        .start()) {
      long start = System.nanoTime();
      SynthesisResult result = synthesize(fake, s.provider, s.headerless, options.records(), progress(s),
          dir.resolve(s.id() + ".jsonl"));
      double wall = (System.nanoTime() - start) / 1e9;
      return measure(s, result, wall, fake.requests());
    }
  }

  private SynthesisResult synthesize(FakeProvider fake, ProviderKind kind, boolean headerless, int records,
      EngineListener listener, Path output) {
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

  private Measurement measure(Scenario s, SynthesisResult result, double wall, List<RecordedRequest> log) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long requests = 0;
    long completed = 0;
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
        requests == 0 ? 0 : (last - first) / 1e9, options.burst(s), options.ratePerSecond(),
        options.steadyCeiling(), result.success() ? null : result.errorText());
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
