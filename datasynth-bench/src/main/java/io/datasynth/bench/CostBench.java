package io.datasynth.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.ResumeMode;
import io.datasynth.api.RunMode;
import io.datasynth.api.StructuredMode;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.api.SynthesisResult;
import io.datasynth.json.Json;
import io.datasynth.provider.ProviderKind;
import io.datasynth.quality.RejectReason.Code;
import io.datasynth.recipe.Inputs;
import io.datasynth.report.RunReport;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.FaultScript;
import io.datasynth.testkit.RecordSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost benchmark: what 1,000 accepted records cost with each of DataSynth's cost levers, against today's
 * behaviour ({@code --mode online --cache off --structured off}), with the same model, data, seed and price file.
 *
 * <p><b>Workload.</b> Each configuration generates {@code --records} records (default 1,000) of the bench's
 * five-field instruction schema (20 English seed examples, batches of 5) from a fresh fake provider on loopback that
 * answers with numbered records of realistic length and, for free-text replies, puts invalid records into 12% of the
 * online replies (about 8% of the records; structured replies are held to the schema, as the providers do). The
 * prompts carry 2,000 characters of annotation guidelines (the most a prompt takes). Batches end
 * 200 ms after they are created, so the batch configurations finish in seconds; the price is the batch price all
 * the same (the fake applies its invalid-record faults to online replies only, so batch replies have none). Costs
 * are the run's own report: the fake's reported usage (cache reads and writes included) at the
 * bundled price file's rates.
 *
 * <p><b>Figures.</b> {@code $/1k} is the run's cost ÷ records delivered × 1,000; {@code × base} divides it by the
 * baseline's. Nothing asserts on them.
 *
 * <p>Run from the project root (about a minute):
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package &amp;&amp; java -cp datasynth-bench/target/benchmarks.jar io.datasynth.bench.CostBench
 * </pre>
 * Options: {@code --records N}, {@code --model ID} (an Anthropic model of the price file; default
 * {@code claude-sonnet-5-5}), {@code --provider anthropic|openai}.
 */
public final class CostBench {
  private CostBench() {}

  /** One configuration of the levers. */
  record Levers(String name, RunMode mode, boolean cache, StructuredMode structured) {}

  static final List<Levers> CONFIGURATIONS = List.of(
      new Levers("baseline (online, cache off, structured off)", RunMode.ONLINE, false, StructuredMode.OFF),
      new Levers("prompt caching only", RunMode.ONLINE, true, StructuredMode.OFF),
      new Levers("structured outputs only", RunMode.ONLINE, false, StructuredMode.AUTO),
      new Levers("batch only", RunMode.BATCH, false, StructuredMode.OFF),
      new Levers("all three (batch, cache, structured)", RunMode.BATCH, true, StructuredMode.AUTO));

  public static void main(String[] args) throws IOException {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    int records = 1000;
    String model = SynthesisConfig.DEFAULT_ANTHROPIC_MODEL;
    ProviderKind provider = ProviderKind.ANTHROPIC;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> records = Integer.parseInt(args[++i]);
        case "--model" -> model = args[++i];
        case "--provider" -> provider = ProviderKind.parse(args[++i]).orElseThrow();
        default -> {
          System.err.println("CostBench: unknown option " + args[i]
              + "; use --records N, --model ID, --provider anthropic|openai");
          System.exit(2);
        }
      }
    }
    System.exit(run(records, provider, model, System.out) ? 0 : 1);
  }

  static boolean run(int records, ProviderKind provider, String model, PrintStream out) throws IOException {
    Path dir = Files.createTempDirectory("datasynth-costbench");
    Inputs inputs = new Inputs(BenchData.schema(), BenchData.seeds("en", 20), guidelines(), null, null, null);
    out.printf(Locale.ROOT, "CostBench %s, %s %s, %d records per configuration, batches of 5, seeds from %s%n",
        LocalDate.now(), provider.id(), model, records, BenchData.source());
    out.printf(Locale.ROOT, "%-46s %8s %8s %8s %9s %10s %9s %7s%n", "configuration", "records", "requests",
        "invalid", "cache hit", "cost", "$/1k", "x base");
    Double base = null;
    boolean ok = true;
    for (Levers l : CONFIGURATIONS) {
      SynthesisResult r = run(l, records, provider, model, inputs, dir.resolve(l.mode().id() + l.cache()
          + l.structured().id() + ".jsonl"));
      RunReport report = r.report();
      if (!r.success() || report.costUsd() == null) {
        out.printf(Locale.ROOT, "%-46s failed: %s%n", l.name(), r.errorText());
        ok = false;
        continue;
      }
      double perK = report.costUsd() / Math.max(1, r.generatedCount()) * 1000;
      if (base == null) {
        base = perK;
      }
      long invalid = r.rejected().getOrDefault(Code.INVALID, 0L);
      out.printf(Locale.ROOT, "%-46s %8d %8d %8d %8.1f%% %10s %9s %7.2f%n", l.name(), r.generatedCount(),
          report.requests(), invalid, report.spending().cacheHitRate() * 100, usd(report.costUsd()), usd(perK),
          perK / base);
    }
    deleteQuietly(dir);
    return ok;
  }

  static SynthesisResult run(Levers l, int records, ProviderKind provider, String model, Inputs inputs, Path out) {
    ObjectNode template = Json.object();
    template.put("instruction", "Instruction {n}: {words} {words} {words}?");
    template.put("response", "Response {n}: {words}, {words}. {words} {words}; {words}, {words} {words}.");
    template.put("category", "knowledge");
    template.put("quality", 4);
    try (FakeProvider fake = FakeProvider.builder().seed(42).records(RecordSource.counter(template))
        .countFromPrompt(true).faults(FaultScript.random(42).invalidRecords(0.12))
        .batchDuration(Duration.ofMillis(200)).start()) {
      SynthesisConfig config = SynthesisConfig.builder().count(records).provider(provider).model(model)
          .batchSize(5).concurrency(16).force(true).resume(ResumeMode.NEVER).mode(l.mode()).cache(l.cache())
          .structured(l.structured()).build();
      Map<String, String> env = provider == ProviderKind.OPENAI
          ? Map.of("OPENAI_BASE_URL", fake.openAiBaseUrl(), "OPENAI_API_KEY", "sk-bench")
          : Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl(), "ANTHROPIC_API_KEY", "sk-ant-bench");
      java.util.Set<String> notices = new java.util.LinkedHashSet<>();
      io.datasynth.engine.EngineListener listener = new io.datasynth.engine.EngineListener() {
        @Override
        public void onNotice(io.datasynth.text.Message m) {
          if (!m.key().startsWith("notice.batch.") && notices.add(m.key())) {
            System.err.println("  " + l.name() + ": " + io.datasynth.text.Messages.english().render(m));
          }
        }
      };
      return DataSynthesizer.builder().config(config).env(env).listener(listener)
          .batchWaits(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(500)).build()
          .synthesize(inputs, out);
    }
  }

  /** Annotation guidelines longer than the 2,000 characters a prompt takes of them. */
  static String guidelines() {
    String[] topics = {"writing", "knowledge", "coding", "advice"};
    StringBuilder g = new StringBuilder("Annotation guidelines\n\n");
    for (int i = 1; i <= 48; i++) {
      String t = topics[i % topics.length];
      g.append(i).append(". For ").append(t).append(" tasks, state the user's goal in the instruction, keep any "
          + "material the answer needs in the input, and write a response a careful expert would sign.\n");
    }
    return g.toString();
  }

  private static String usd(double v) {
    return String.format(Locale.ROOT, "$%.4f", v);
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
