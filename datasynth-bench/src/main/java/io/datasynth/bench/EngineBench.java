package io.datasynth.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark of the generation engine: for each scenario, a fake provider on loopback (real time,
 * real HTTP) and a library run through it, reported as one table with the rate-limit ceiling as the ideal row.
 *
 * <p><b>Workload.</b> Each scenario generates 2,000 records (an instruction/response schema, 20 seed examples from
 * the shared English pool or {@code examples/}) with the library's defaults (concurrency 64, 3 retries, 2 s first
 * back-off) and batches of 5, against a fake that answers with as many records as the prompt asks for (numbered,
 * with random words, so none is a duplicate), after 1 s plus up to 0.1 s of uniform jitter, and enforces 600
 * requests per minute (token limits off). The scenarios differ in the fake's bucket (the whole minute, or one
 * second's worth so the limit binds from the start), the wire format, seeded faults, and whether the client sees
 * rate-limit headers; see {@link Scenario}.
 *
 * <p><b>Figures.</b> {@code of ceiling} is requests completed ÷ requests the limit would have admitted while the
 * client was sending (burst + rate × time from the first request to the last); {@code of rate} is records/s ÷
 * (limit per second × records per reply). Ratios measured in one run, so they compare across machines; nothing
 * here asserts on them.
 *
 * <p>Run from the project root (about 3.5 minutes for all five scenarios; {@code --quick} takes 300 records and
 * under a minute):
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package &amp;&amp; java -cp datasynth-bench/target/benchmarks.jar io.datasynth.bench.EngineBench --scenario a,b
 * </pre>
 */
public final class EngineBench {
  private EngineBench() {}

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("EngineBench: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    System.exit(run(options, System.out, System.err));
  }

  /** Runs the scenarios and prints the table to {@code out}, progress to {@code log}; returns the exit code. */
  static int run(BenchOptions o, PrintStream out, PrintStream log) {
    out.printf(Locale.ROOT, "EngineBench %s, %d cores, Java %s, %s %s%n", LocalDate.now(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name"),
        System.getProperty("os.arch"));
    out.printf(Locale.ROOT, "%d records per scenario, %d per reply, limit %d requests/min, latency %d ms + up to %d ms,"
        + " concurrency %d, seed %d, seeds from %s%n", o.records(), o.recordsPerReply(), o.rpm(), o.latencyMs(),
        o.jitterMs(), o.concurrency(), o.seed(), BenchData.source());
    Path dir = tempDir();
    List<Measurement> results = new ArrayList<>();
    Map<Scenario, BenchLimit> limits = new LinkedHashMap<>();
    try {
      ScenarioRun runner = new ScenarioRun(o, dir, log);
      log.println("warming up");
      runner.warmUp();
      for (Scenario s : o.scenarios()) {
        BenchLimit limit = runner.limit(s);
        limits.put(s, limit);
        if (s.binding != Scenario.Binding.REQUESTS) {
          out.printf(Locale.ROOT, "%s %s: %d %s/min bind (a mean request takes %.0f), %d requests/min do not%n",
              s.id(), s.label, limit.perMinute(), limit.unit(), limit.perRequest(), o.rpm());
        }
      }
      for (Scenario s : o.scenarios()) {
        log.printf("running %s %s%n", s.id(), s.label);
        results.add(runner.run(s));
      }
    } finally {
      deleteTree(dir);
    }
    ResultTable table = new ResultTable();
    Map<String, BenchLimit> ideals = new LinkedHashMap<>();
    for (Scenario s : o.scenarios()) {
      BenchLimit limit = limits.get(s);
      ideals.putIfAbsent(String.format(Locale.ROOT, "ideal, burst %.0f %s", limit.burst(), limit.unit()), limit);
    }
    ideals.forEach((name, limit) -> table.add(Measurement.ideal(name, o, limit)));
    results.forEach(table::add);
    out.print(table);
    out.println("of ceiling: what completed requests took from the binding limit / (burst + rate x sending time), in "
        + "its unit;");
    out.println("of rate: rec/s / the records per second the binding limit allows in the long run;");
    out.println("wasted tok: output tokens of dropped records (estimated); other: records cut off, malformed or "
        + "surplus.");
    int exit = 0;
    for (Measurement m : results) {
      if (m.injected429s() > 0) {
        out.println(m.name() + ": " + m.injected429s() + " of its " + m.rateLimited()
            + " 429s were injected by the fault script");
      }
      if (m.error() != null) {
        out.println(m.name() + " did not complete: " + m.error());
        exit = 1;
      }
    }
    return exit;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("datasynth-bench");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
