package io.datasynth.bench;

import io.datasynth.api.SynthesisConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one {@link EngineBench} run, from its command line.
 *
 * @param records records each scenario generates
 * @param recordsPerReply records asked for per request (the batch size) and answered per reply
 * @param rpm the fake provider's requests-per-minute limit
 * @param itpm the input-tokens-per-minute limit of the scenarios where it binds; 0 to derive it from the warm-up
 *     (half the request rate's worth of the mean request's input)
 * @param otpm the output-tokens-per-minute limit of the scenarios where it binds; 0 to derive it likewise
 * @param latencyMs the fake's base latency per reply
 * @param jitterMs the most uniform jitter added to it
 * @param concurrency the engine's cap on requests in flight ({@code --concurrency})
 * @param seed seeds the fake's records, jitter and faults
 * @param scenarios what to run, in order; not empty
 */
record BenchOptions(int records, int recordsPerReply, long rpm, long itpm, long otpm, long latencyMs, long jitterMs,
    int concurrency, long seed, List<Scenario> scenarios) {

  static final String USAGE = """
      Usage: EngineBench [--records N] [--rpm N] [--itpm N] [--otpm N] [--latency-ms N] [--jitter-ms N]
                         [--concurrency N] [--scenario a,b,...] [--seed N] [--quick]
        --records N      records per scenario (default 2000; --quick: 300)
        --rpm N          the fake provider's requests/minute limit (default 600)
        --itpm N         input tokens/minute where they bind (f, h, i); default: half the request rate's worth
        --otpm N         output tokens/minute where they bind (g); default: half the request rate's worth
        --latency-ms N   base latency per reply (default 1000); --jitter-ms adds up to N more (default latency/10)
        --concurrency N  the engine's cap on requests in flight (default: the library's default)
        --scenario LIST  a: anthropic, burst 60 s; b: burst 1 s; c: openai, burst 1 s;
                         d: faults (2% 429, 2% 500, 1% 529, 2% truncated, 5% duplicates), burst 1 s;
                         e: no rate-limit headers (AIMD window), burst 1 s;
                         f: input tokens/min bind, burst 1 s; g: output tokens/min bind, burst 60 s;
                         h: input tokens/min bind, burst 60 s; i: as h with Chinese seeds. Default: all
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
    long itpm = 0;
    long otpm = 0;
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
        case "--itpm" -> itpm = number(a, value(args, ++i, a), 1, 1_000_000_000);
        case "--otpm" -> otpm = number(a, value(args, ++i, a), 1, 1_000_000_000);
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
            throw new IllegalArgumentException("--scenario is empty; give a comma-separated list of a, b, c, d, e, f, g, h, i");
          }
          scenarios = List.copyOf(list);
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    if (quick && !recordsGiven) {
      records = 300;
    }
    return new BenchOptions(records, 5, rpm, itpm, otpm, latency, jitter < 0 ? latency / 10 : jitter, concurrency,
        seed, scenarios);
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

  /**
   * The limit that binds in a scenario, in its unit: its burst seconds' worth (at least 1), and what a request takes
   * from it.
   *
   * @param inputPerRequest the input tokens of a mean request, counted by the fake
   * @param outputPerRequest the output tokens of a mean reply
   */
  BenchLimit limit(Scenario s, double inputPerRequest, double outputPerRequest) {
    return switch (s.binding) {
      case REQUESTS -> new BenchLimit(s.binding.unit, rpm, Math.max(1, rpm * s.burstSeconds / 60.0), 1);
      case INPUT_TOKENS -> tokens(s, inputLimit(s, inputPerRequest), inputPerRequest);
      case OUTPUT_TOKENS -> tokens(s, outputLimit(s, outputPerRequest, outputPerRequest), outputPerRequest);
    };
  }

  /** The input-tokens-per-minute limit of a scenario: binding, or set and far away; 0 when off. */
  long inputLimit(Scenario s, double inputPerRequest) {
    return switch (s.binding) {
      case REQUESTS -> 0;
      case INPUT_TOKENS -> itpm > 0 ? itpm : Math.round(rpm * TOKEN_SHARE * inputPerRequest);
      case OUTPUT_TOKENS -> farAway(s, inputPerRequest, inputPerRequest);
    };
  }

  /**
   * The output-tokens-per-minute limit of a scenario, likewise.
   *
   * @param outputPerRequest the output tokens of a mean reply
   * @param reservedPerRequest the {@code max_tokens} of a mean request, which the server counts while it runs
   */
  long outputLimit(Scenario s, double outputPerRequest, double reservedPerRequest) {
    return switch (s.binding) {
      case REQUESTS -> 0;
      case OUTPUT_TOKENS -> otpm > 0 ? otpm : Math.round(rpm * TOKEN_SHARE * outputPerRequest);
      case INPUT_TOKENS -> farAway(s, outputPerRequest, reservedPerRequest);
    };
  }

  /**
   * A limit that is set, so its headers come, but never binds: {@link #OTHER_LIMIT} times the binding share of the
   * request rate, and a bucket that holds that many times the reservations of a full concurrency window (a
   * {@code max_tokens} far above the reply would otherwise make a one-second bucket bind).
   */
  private long farAway(Scenario s, double perRequest, double reservedPerRequest) {
    long byRate = Math.round(rpm * TOKEN_SHARE * OTHER_LIMIT * perRequest);
    long byBurst = Math.round(OTHER_LIMIT * concurrency * reservedPerRequest * 60 / s.burstSeconds);
    return Math.max(byRate, byBurst);
  }

  /** Token limits derived from the warm-up bind at this share of the request limit's rate. */
  static final double TOKEN_SHARE = 0.5;
  /** How many times further away than the binding one the limit that does not bind is set. */
  static final double OTHER_LIMIT = 4;

  private static BenchLimit tokens(Scenario s, long perMinute, double perRequest) {
    return new BenchLimit(s.binding.unit, perMinute, Math.max(1, perMinute * s.burstSeconds / 60.0), perRequest);
  }

  /** Requests a run needs when nothing fails. */
  int requestsNeeded() {
    return (records + recordsPerReply - 1) / recordsPerReply;
  }
}
