package io.datasynth.bench;

import io.datasynth.api.SynthesisConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one {@link EngineBench} run, from its command line.
 *
 * @param records records each scenario generates
 * @param recordsPerReply records asked for per request (the batch size) and answered per reply
 * @param rpm the fake provider's requests-per-minute limit; token limits are off
 * @param latencyMs the fake's base latency per reply
 * @param jitterMs the most uniform jitter added to it
 * @param concurrency the engine's cap on requests in flight ({@code --concurrency})
 * @param seed seeds the fake's records, jitter and faults
 * @param scenarios what to run, in order; not empty
 */
record BenchOptions(int records, int recordsPerReply, long rpm, long latencyMs, long jitterMs, int concurrency,
    long seed, List<Scenario> scenarios) {

  static final String USAGE = """
      Usage: EngineBench [--records N] [--rpm N] [--latency-ms N] [--jitter-ms N] [--concurrency N]
                         [--scenario a,b,c,d,e] [--seed N] [--quick]
        --records N      records per scenario (default 2000; --quick: 300)
        --rpm N          the fake provider's requests/minute limit (default 600)
        --latency-ms N   base latency per reply (default 1000); --jitter-ms adds up to N more (default latency/10)
        --concurrency N  the engine's cap on requests in flight (default: the library's default)
        --scenario LIST  a: anthropic, burst 60 s; b: burst 1 s; c: openai, burst 1 s;
                         d: faults (2% 429, 2% 500, 1% 529, 2% truncated, 5% duplicates), burst 1 s;
                         e: no rate-limit headers (AIMD window), burst 1 s. Default a,b,c,d,e
        --seed N         seed of the fake's records, jitter and faults (default 42)""";

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException naming the option and what to give it
   */
  static BenchOptions parse(String... args) {
    int records = 2000;
    boolean recordsGiven = false;
    boolean quick = false;
    long rpm = 600;
    long latency = 1000;
    long jitter = -1;
    int concurrency = SynthesisConfig.DEFAULT_CONCURRENCY;
    long seed = 42;
    List<Scenario> scenarios = List.of(Scenario.values());
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick" -> quick = true;
        case "--records" -> {
          records = (int) number(a, value(args, ++i, a), 1, 1_000_000);
          recordsGiven = true;
        }
        case "--rpm" -> rpm = number(a, value(args, ++i, a), 1, 1_000_000);
        case "--latency-ms" -> latency = number(a, value(args, ++i, a), 0, 600_000);
        case "--jitter-ms" -> jitter = number(a, value(args, ++i, a), 0, 600_000);
        case "--concurrency" -> concurrency = (int) number(a, value(args, ++i, a), 1, 1024);
        case "--seed" -> seed = number(a, value(args, ++i, a), Long.MIN_VALUE, Long.MAX_VALUE);
        case "--scenario", "--scenarios" -> {
          List<Scenario> list = new ArrayList<>();
          for (String id : value(args, ++i, a).split(",")) {
            if (!id.isBlank()) {
              list.add(Scenario.of(id));
            }
          }
          if (list.isEmpty()) {
            throw new IllegalArgumentException("--scenario is empty; give a comma-separated list of a, b, c, d, e");
          }
          scenarios = List.copyOf(list);
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    if (quick && !recordsGiven) {
      records = 300;
    }
    return new BenchOptions(records, 5, rpm, latency, jitter < 0 ? latency / 10 : jitter, concurrency, seed,
        scenarios);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static long number(String option, String text, long min, long max) {
    long v;
    try {
      v = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " is '" + text + "'; give a whole number");
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(option + " is " + v + "; give a number from " + min + " to " + max);
    }
    return v;
  }

  /** Requests per second the limit allows in the long run. */
  double ratePerSecond() {
    return rpm / 60.0;
  }

  /** The records per second the limit allows in the long run: its rate times the records per reply. */
  double steadyCeiling() {
    return ratePerSecond() * recordsPerReply;
  }

  /** How many requests the fake's bucket holds for a scenario: its burst seconds' worth of the limit, at least 1. */
  double burst(Scenario s) {
    return Math.max(1, rpm * s.burstSeconds / 60.0);
  }

  /** Requests a run needs when nothing fails. */
  int requestsNeeded() {
    return (records + recordsPerReply - 1) / recordsPerReply;
  }
}
