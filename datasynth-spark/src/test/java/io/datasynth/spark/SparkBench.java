package io.datasynth.spark;

import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.api.SynthesisResult;
import io.datasynth.provider.ProviderKind;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A benchmark, not a test: records/s of one job run by the Spark application in local mode against a fleet of fake
 * providers with latency, against the same job on one machine. The workload: the bundled {@code instruction_zh}
 * example, batches of 5, every record unique, near-duplicate checks on; each fake answers after {@code --latency}
 * ms (±20%) with no rate limit, so an endpoint serves at most concurrency × batch / latency records/s, the ideal row.
 *
 * <p>Rows: one machine against one endpoint; Spark against the same one endpoint (2 partitions sharing its window);
 * Spark against two endpoints (one partition each). Run it from the repository's root (see the README's "Beyond one
 * machine: Apache Spark"): {@code java --add-opens=… -cp … io.datasynth.spark.SparkBench [--records N] [--latency MS]
 * [--concurrency C]}.
 */
public final class SparkBench {
  private SparkBench() {}

  public static void main(String[] args) throws IOException {
    int records = 2_000;
    int latencyMs = 100;
    int concurrency = 8;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--records" -> records = Integer.parseInt(args[i + 1]);
        case "--latency" -> latencyMs = Integer.parseInt(args[i + 1]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --records N, --latency MS, --concurrency C");
      }
    }
    Path dir = Files.createTempDirectory("datasynth-spark-bench-");
    Path schema = dir.resolve("schema.json");
    Path seeds = dir.resolve("seeds.json");
    Files.copy(Path.of("examples/instruction_zh/schema.json"), schema);
    Files.copy(Path.of("examples/instruction_zh/seeds.json"), seeds);
    Duration latency = Duration.ofMillis(latencyMs);
    int batch = 5;
    List<String[]> rows = new ArrayList<>();

    try (FakeProvider a = fake("甲", latency); FakeProvider b = fake("乙", latency)) {
      SynthesisConfig config = SynthesisConfig.builder().count(records).batchSize(batch).concurrency(concurrency)
          .provider(ProviderKind.ANTHROPIC).baseUrl(a.anthropicBaseUrl()).build();
      long t0 = System.nanoTime();
      SynthesisResult one = DataSynthesizer.builder().config(config).env(Map.of()).build()
          .synthesize(schema, seeds, dir.resolve("one.jsonl"));
      double s = (System.nanoTime() - t0) / 1e9;
      rows.add(row("one machine, 1 endpoint", one.generatedCount(), a.totalRequests(), s,
          ideal(1, concurrency, batch, latency)));

      SparkSession spark = SparkSession.builder().master("local[2]").appName("datasynth-spark-bench")
          .config("spark.ui.enabled", "false").getOrCreate();
      spark.sparkContext().setLogLevel("ERROR");
      try {
        a.reset();
        rows.add(spark(spark, "spark local[2], 1 endpoint", schema, seeds, dir.resolve("spark1.jsonl"), records,
            batch, concurrency, List.of(a), ideal(1, concurrency, batch, latency)));
        a.reset();
        b.reset();
        rows.add(spark(spark, "spark local[2], 2 endpoints", schema, seeds, dir.resolve("spark2.jsonl"), records,
            batch, concurrency, List.of(a, b), ideal(2, concurrency, batch, latency)));
      } finally {
        spark.stop();
      }
    }
    System.out.printf(Locale.ROOT, "%d records, batches of %d, latency %d ms ±20%%, concurrency %d per endpoint%n",
        records, batch, latencyMs, concurrency);
    String format = "| %-28s | %8s | %8s | %8s | %8s | %6s |%n";
    System.out.printf(Locale.ROOT, format, "run", "records", "requests", "wall s", "rec/s", "ideal");
    for (String[] r : rows) {
      System.out.printf(Locale.ROOT, format, (Object[]) r);
    }
  }

  private static String[] spark(SparkSession spark, String name, Path schema, Path seeds, Path out, int records,
      int batch, int concurrency, List<FakeProvider> fleet, double ideal) {
    List<String> args = new ArrayList<>(List.of(schema.toString(), seeds.toString(), "-o", out.toString(), "-n",
        Integer.toString(records), "--batch-size", Integer.toString(batch), "--concurrency",
        Integer.toString(concurrency), "--partitions", "2", "-q"));
    for (FakeProvider f : fleet) {
      args.add("--endpoint");
      args.add(f.anthropicBaseUrl());
    }
    StringWriter err = new StringWriter();
    long t0 = System.nanoTime();
    int code = SparkMain.run(args.toArray(String[]::new), () -> spark, Map.of(), new PrintWriter(new StringWriter()),
        new PrintWriter(err, true));
    double s = (System.nanoTime() - t0) / 1e9;
    if (code != 0) {
      throw new IllegalStateException(name + " exited " + code + ": " + err);
    }
    long requests = fleet.stream().mapToLong(FakeProvider::totalRequests).sum();
    return row(name, records, requests, s, ideal);
  }

  private static FakeProvider fake(String tag, Duration latency) {
    return FakeProvider.builder().seed(tag.hashCode()).countFromPrompt(true)
        .latency(latency, latency.dividedBy(5))
        .records(RecordSource.counter(SparkJobIT.object(SparkJobIT.INSTRUCTION_ZH.replace("问题", "问题" + tag))))
        .start();
  }

  private static double ideal(int endpoints, int concurrency, int batch, Duration latency) {
    return endpoints * concurrency * batch / (latency.toNanos() / 1e9);
  }

  private static String[] row(String name, long records, long requests, double seconds, double ideal) {
    return new String[] {name, Long.toString(records), Long.toString(requests),
        String.format(Locale.ROOT, "%.1f", seconds), String.format(Locale.ROOT, "%.0f", records / seconds),
        String.format(Locale.ROOT, "%.0f", ideal)};
  }
}
