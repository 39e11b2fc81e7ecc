package io.datasynth.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The standalone fake provider's command-line options: one table of flags, each with its help and the
 * {@link FakeProvider.Builder} setting it drives, from which both parsing and {@code --help} are made.
 */
final class OptionParser {

  /** What an option does to a {@link Draft}; {@code value} is null for a switch given without one. */
  @FunctionalInterface
  interface Apply {
    void to(Draft draft, String flag, String value);
  }

  /**
   * One option.
   *
   * @param flag e.g. {@code --rpm}
   * @param label the value's placeholder in the help, e.g. {@code N}; null for a switch
   * @param help one line
   * @param setting the builder method it drives
   */
  record Spec(String flag, String label, String help, String setting, Apply apply) {
    boolean isSwitch() {
      return label == null;
    }
  }

  static final List<Spec> SPECS =
      List.of(
          new Spec("--port", "N", "port on 127.0.0.1 (default 0: any free port)", "port",
              (d, f, v) -> d.builder.port(integer(f, v))),
          new Spec("--api-key", "KEY", "key clients must send (default: accept any, or none)", "apiKey",
              (d, f, v) -> d.builder.apiKey(v)),
          new Spec("--models", "ID,ID", "the only models accepted, others get 404 (default: the models the rules know)",
              "models", (d, f, v) -> d.builder.models(list(f, v).toArray(String[]::new))),
          new Spec("--model-rules", "FILE", "per-model rules in the bundled model-rules.json format (default:"
              + " bundled)", "modelRules", (d, f, v) -> d.modelRules = Path.of(v)),
          new Spec("--reasoning-tokens", "N", "hidden thinking/reasoning tokens per reply on models that think"
              + " (default 0)", "reasoningTokens", (d, f, v) -> d.builder.reasoningTokens(integer(f, v))),
          new Spec("--records", "FILE.jsonl", "records to serve (default: numbered instruction/response records)",
              "records", (d, f, v) -> d.records = Path.of(v)),
          new Spec("--records-per-reply", "N", "records per reply (default 5)", "recordsPerReply",
              (d, f, v) -> d.builder.recordsPerReply(integer(f, v))),
          new Spec("--count-from-prompt", null, "reply with the count after 'Generate'/'生成' in the prompt",
              "countFromPrompt", (d, f, v) -> d.builder.countFromPrompt(bool(f, v))),
          new Spec("--reply-style", "STYLE", "fenced (default), bare, jsonl or prose: how records are laid out",
              "replyStyle", (d, f, v) -> d.builder.replyStyle(replyStyle(f, v))),
          new Spec("--latency-ms", "N", "base latency (default 0)", "latency",
              (d, f, v) -> d.latency = Duration.ofMillis(number(f, v))),
          new Spec("--jitter-ms", "N", "random latency added to the base (default 0)", "latency",
              (d, f, v) -> d.jitter = Duration.ofMillis(number(f, v))),
          new Spec("--jitter", "DIST", "uniform (default) or exponential: the jitter's distribution",
              "jitterDistribution", (d, f, v) -> d.builder.jitterDistribution(jitter(f, v))),
          new Spec("--output-token-delay-ms", "MS", "extra latency per output token, may be fractional (default 0)",
              "outputTokenDelay",
              (d, f, v) -> d.builder.outputTokenDelay(Duration.ofNanos((long) (decimal(f, v) * 1e6)))),
          new Spec("--rpm", "N", "requests per minute (default 0: no limit)", "requestsPerMinute",
              (d, f, v) -> d.builder.requestsPerMinute(number(f, v))),
          new Spec("--itpm", "N", "Anthropic input tokens per minute", "inputTokensPerMinute",
              (d, f, v) -> d.builder.inputTokensPerMinute(number(f, v))),
          new Spec("--otpm", "N", "Anthropic output tokens per minute (max_tokens held while a request runs)",
              "outputTokensPerMinute", (d, f, v) -> d.builder.outputTokensPerMinute(number(f, v))),
          new Spec("--tpm", "N", "OpenAI tokens per minute", "tokensPerMinute",
              (d, f, v) -> d.builder.tokensPerMinute(number(f, v))),
          new Spec("--burst-seconds", "S", "seconds' worth of each limit a bucket holds (default 60)", "burstSeconds",
              (d, f, v) -> d.builder.burstSeconds(decimal(f, v))),
          new Spec("--no-rate-limit-headers", null, "send no rate-limit or retry-after headers at all",
              "rateLimitHeaders", (d, f, v) -> d.builder.rateLimitHeaders(!bool(f, v))),
          new Spec("--seed", "N", "seed of records, latency and faults (default 0)", "seed",
              (d, f, v) -> d.seed = number(f, v)),
          rate("--rate-429", Fault.RATE_LIMITED, "probability of a scripted 429 (each rate in [0, 1], default 0)"),
          rate("--rate-500", Fault.SERVER_ERROR, "probability of a 500"),
          rate("--rate-529", Fault.OVERLOADED, "probability of a 529 (503 for OpenAI)"),
          rate("--rate-malformed", Fault.MALFORMED_BODY, "probability of a body that is not JSON"),
          rate("--rate-truncated", Fault.TRUNCATED, "probability of a reply cut at max_tokens"),
          rate("--rate-duplicates", Fault.DUPLICATES, "probability of a reply repeating earlier records"),
          rate("--rate-invalid", Fault.INVALID_RECORDS, "probability of a reply with invalid records"),
          rate("--rate-garbage", Fault.GARBAGE, "probability of a reply in prose without JSON"),
          rate("--rate-slow", Fault.SLOW, "probability of a reply 10 times slower (at least 1 s)"),
          rate("--rate-hang", Fault.HANG, "probability of no answer until --hang-ms, then a closed connection"),
          rate("--rate-reset", Fault.CONNECTION_RESET, "probability of a connection closed without a response"),
          rate("--rate-stream-error", Fault.STREAM_ERROR, "probability of an error event in the middle of a stream"),
          new Spec("--retry-after-ms", "N", "the retry-after of a scripted 429 (default 1000)", "faults",
              (d, f, v) -> d.retryAfter = Duration.ofMillis(number(f, v))),
          new Spec("--hang-ms", "N", "how long a hanging request waits before its connection closes (default"
              + " 60000)", "faults", (d, f, v) -> d.hangFor = Duration.ofMillis(number(f, v))),
          new Spec("--trickle-bytes-per-second", "N", "after the headers, send bodies N bytes per second",
              "trickleBody", (d, f, v) -> d.builder.trickleBody(integer(f, v))),
          new Spec("--endless-body", null, "answer completions with a 200 whose body never ends", "endlessBody",
              (d, f, v) -> d.builder.endlessBody(bool(f, v))),
          new Spec("--html-login-page", null, "answer everything with a 200 HTML login page, as a proxy does",
              "htmlLoginPage", (d, f, v) -> d.builder.htmlLoginPage(bool(f, v))),
          new Spec("--echo-key", "MODE", "full or without-prefix: answer completions with a 401 quoting the key",
              "echoKey", (d, f, v) -> d.builder.echoKey(keyEcho(f, v))),
          new Spec("--non-streaming-max-tokens", "N", "Anthropic: 504 timeout_error when a non-streaming request asks"
              + " for more max_tokens (default 0: off)", "nonStreamingMaxTokens",
              (d, f, v) -> d.builder.nonStreamingMaxTokens(integer(f, v))),
          new Spec("--skew", "FIELD=VALUE:P", "make FIELD take VALUE in a fraction P of the records (repeat per field)",
              "skew", (d, f, v) -> skew(d, f, v)),
          new Spec("--echo-seed-rate", "P", "probability that a record is a seed example of the prompt, verbatim"
              + " (default 0)", "echoSeedRate", (d, f, v) -> d.builder.echoSeedRate(probability(f, v))),
          new Spec("--ignore-fixed-fields", null, "ignore <fixed>{...}</fixed> field values stated in the prompt",
              "honourFixedFields", (d, f, v) -> d.builder.honourFixedFields(!bool(f, v))),
          new Spec("--judge-scores", "S,S", "judge requests get seeded scores among these (default: the rubric's,"
              + " else 1-5)", "judge", (d, f, v) -> d.judgeScores = scores(f, v)),
          new Spec("--judge-by-field", "FIELD=V:S,V:S", "judge requests score a record by its FIELD's value",
              "judge", (d, f, v) -> d.judgeByField = v),
          new Spec("--judge-default-score", "S", "the score of values --judge-by-field does not list (default 0)",
              "judge", (d, f, v) -> d.judgeDefault = decimal(f, v)),
          new Spec("--structured-violation-rate", "P", "probability that a structured record breaks a rule its"
              + " schema cannot state (default 0)", "structuredViolationRate",
              (d, f, v) -> d.builder.structuredViolationRate(probability(f, v))),
          new Spec("--batch-seconds", "S", "how long a batch takes to end (default 0; past 24 h it expires)",
              "batchDuration", (d, f, v) -> d.builder.batchDuration(seconds(f, v))),
          new Spec("--batch-cancel-seconds", "S", "how long a canceled batch stays canceling (default 0)",
              "batchCancelDelay", (d, f, v) -> d.builder.batchCancelDelay(seconds(f, v))),
          new Spec("--batch-expire-rate", "P", "fraction of batch items that expire (default 0)", "batchExpireRate",
              (d, f, v) -> d.builder.batchExpireRate(probability(f, v))),
          new Spec("--batch-error-rate", "P", "fraction of batch items that end with a server error (default 0)",
              "batchErrorRate", (d, f, v) -> d.builder.batchErrorRate(probability(f, v))),
          new Spec("--no-batch-shuffle", null, "give batch results in request order instead of a shuffled one",
              "shuffleBatchResults", (d, f, v) -> d.builder.shuffleBatchResults(!bool(f, v))),
          new Spec("--batch-polls-per-minute", "N", "batch retrievals per minute before 429 (default 0: no limit)",
              "batchPollsPerMinute", (d, f, v) -> d.builder.batchPollsPerMinute(number(f, v))),
          new Spec("--batch-max-requests", "N", "most requests one batch may hold, both APIs (default: the"
              + " documented 100,000 and 50,000)", "batchRequestLimits",
              (d, f, v) -> d.builder.batchRequestLimits((int) number(f, v), (int) number(f, v))),
          new Spec("--outage-after", "K", "fail every request from request #K on (see --outage-kind)", "outage",
              (d, f, v) -> d.outageAfter = number(f, v)),
          new Spec("--outage-from-ms", "MS", "fail every request from MS after start (with --outage-until-ms)",
              "outage", (d, f, v) -> d.outageFrom = Duration.ofMillis(number(f, v))),
          new Spec("--outage-until-ms", "MS", "end the outage MS after start", "outage",
              (d, f, v) -> d.outageUntil = Duration.ofMillis(number(f, v))),
          new Spec("--outage-ms", "MS", "end an --outage-after outage MS after it started (default: never)",
              "outage", (d, f, v) -> d.outageLasting = Duration.ofMillis(number(f, v))),
          new Spec("--outage-kind", "KIND", "server-error (default), overloaded, reset or refused", "outage",
              (d, f, v) -> d.outageKind = outageKind(f, v)),
          new Spec("--max-threads", "N", "the most requests handled at once (default 512)", "maxThreads",
              (d, f, v) -> d.builder.maxThreads(integer(f, v))),
          new Spec("--default-max-tokens", "N", "OpenAI output budget when a request sets none (default 4096)",
              "defaultMaxTokens", (d, f, v) -> d.builder.defaultMaxTokens(integer(f, v))));

  private static final String HELP_FLAG = "--help";

  private static void skew(Draft d, String flag, String value) {
    int eq = value.indexOf('=');
    int colon = value.lastIndexOf(':');
    if (eq <= 0 || colon < eq) {
      throw new IllegalArgumentException(flag + " takes FIELD=VALUE:FRACTION (e.g. intent=退换货:0.8), got '" + value
          + "'");
    }
    d.builder.skew(value.substring(0, eq), value.substring(eq + 1, colon), probability(flag, value.substring(colon + 1)));
  }

  private static double probability(String flag, String value) {
    double p = decimal(flag, value);
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(flag + " is " + p + "; use a probability between 0 and 1");
    }
    return p;
  }

  private static Duration seconds(String flag, String value) {
    double s = decimal(flag, value);
    if (!(s >= 0)) {
      throw new IllegalArgumentException(flag + " is " + s + "; use 0 or more seconds");
    }
    return Duration.ofNanos((long) (s * 1e9));
  }

  private static double[] scores(String flag, String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .mapToDouble(s -> decimal(flag, s)).toArray();
  }

  /** A by-field scorer from {@code FIELD=V:S,V:S}. */
  static JudgeScorer byField(String spec, double otherwise) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("--judge-by-field takes FIELD=VALUE:SCORE,VALUE:SCORE, got '" + spec + "'");
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    for (String pair : spec.substring(eq + 1).split(",")) {
      int colon = pair.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--judge-by-field takes FIELD=VALUE:SCORE,VALUE:SCORE, got '" + spec + "'");
      }
      scores.put(pair.substring(0, colon).strip(), decimal("--judge-by-field", pair.substring(colon + 1)));
    }
    return JudgeScorer.byField(spec.substring(0, eq), scores, otherwise);
  }

  private static Outage.Kind outageKind(String flag, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "server-error" -> Outage.Kind.SERVER_ERROR;
      case "overloaded" -> Outage.Kind.OVERLOADED;
      case "reset" -> Outage.Kind.CONNECTION_RESET;
      case "refused" -> Outage.Kind.CONNECTION_REFUSED;
      default -> throw new IllegalArgumentException(flag + " is '" + value
          + "'; use server-error, overloaded, reset or refused");
    };
  }

  private OptionParser() {}

  /**
   * A builder being configured from options. Settings that several options make together (the fault script,
   * latency) or that read files are kept here and put on the builder by {@link #finish()}.
   */
  static final class Draft {
    final FakeProvider.Builder builder = FakeProvider.builder();
    final Map<Fault, Double> rates = new EnumMap<>(Fault.class);
    long seed;
    Duration latency = Duration.ZERO;
    Duration jitter = Duration.ZERO;
    Duration retryAfter;
    Duration hangFor;
    Path records;
    Path modelRules;
    double[] judgeScores;
    String judgeByField;
    double judgeDefault;
    Long outageAfter;
    Duration outageFrom;
    Duration outageUntil;
    Duration outageLasting;
    Outage.Kind outageKind;

    Outage outage() {
      Outage outage = null;
      if (outageAfter != null) {
        outage = Outage.afterRequests(outageAfter);
        if (outageLasting != null) {
          outage = outage.lasting(outageLasting);
        }
      } else if (outageFrom != null || outageUntil != null) {
        if (outageFrom == null || outageUntil == null) {
          throw new IllegalArgumentException("--outage-from-ms and --outage-until-ms go together; give both");
        }
        outage = Outage.between(outageFrom, outageUntil);
      }
      if (outage == null && outageKind != null) {
        throw new IllegalArgumentException("--outage-kind needs --outage-after or --outage-from-ms/--outage-until-ms");
      }
      return outage == null || outageKind == null ? outage : outage.as(outageKind);
    }

    FakeProvider.Builder finish() {
      if (judgeByField != null) {
        builder.judge(byField(judgeByField, judgeDefault));
      } else if (judgeScores != null) {
        builder.judge(JudgeScorer.seeded(judgeScores));
      }
      Outage outage = outage();
      if (outage != null) {
        builder.outage(outage);
      }
      FaultScript faults = FaultScript.random(seed);
      for (Map.Entry<Fault, Double> rate : rates.entrySet()) {
        faults = faults.probability(rate.getKey(), rate.getValue());
      }
      if (retryAfter != null) {
        faults = faults.retryAfter(retryAfter);
      }
      if (hangFor != null) {
        faults = faults.hangFor(hangFor);
      }
      builder.seed(seed).faults(faults).latency(latency, jitter);
      if (records != null) {
        builder.records(RecordSource.fromJsonl(records));
      }
      if (modelRules != null) {
        builder.modelRules(ModelRules.fromFile(modelRules));
      }
      return builder;
    }
  }

  /** The outage the draft's options describe; null when none. */
  /**
   * The given options as (option, value) pairs, in order; each value checked by applying it to a throwaway draft.
   *
   * @throws IllegalArgumentException naming the option and what it takes
   */
  static List<Map.Entry<Spec, String>> parse(String... args) {
    Map<String, Spec> byFlag = new LinkedHashMap<>();
    SPECS.forEach(spec -> byFlag.put(spec.flag(), spec));
    List<Map.Entry<Spec, String>> given = new ArrayList<>();
    Draft check = new Draft();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value = null;
      int equals = flag.indexOf('=');
      if (flag.startsWith("--") && equals > 0) {
        value = flag.substring(equals + 1);
        flag = flag.substring(0, equals);
      }
      Spec spec = byFlag.get(flag);
      if (spec == null) {
        throw new IllegalArgumentException("unknown option " + flag + "; see --help");
      }
      if (value == null && !spec.isSwitch()) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value (" + spec.label() + "); see --help");
        }
        value = args[++i];
      }
      spec.apply().to(check, flag, value);
      given.add(Map.entry(spec, value == null ? "" : value));
    }
    return List.copyOf(given);
  }

  /** A builder with {@code given} applied in order. */
  static FakeProvider.Builder builder(List<Map.Entry<Spec, String>> given) {
    Draft draft = new Draft();
    for (Map.Entry<Spec, String> option : given) {
      String value = option.getKey().isSwitch() && option.getValue().isEmpty() ? null : option.getValue();
      option.getKey().apply().to(draft, option.getKey().flag(), value);
    }
    return draft.finish();
  }

  /** The help text: every option with its value and one line, then {@code extra} (flag, help) pairs. */
  static String usage(String... extra) {
    if (extra.length % 2 != 0) {
      throw new IllegalArgumentException("extra options come in (flag, help) pairs, got " + Arrays.toString(extra));
    }
    StringBuilder text = new StringBuilder("Usage: fake-provider [options]\n");
    for (Spec spec : SPECS) {
      line(text, spec.flag() + (spec.isSwitch() ? "" : " " + spec.label()), spec.help());
    }
    for (int i = 0; i < extra.length; i += 2) {
      line(text, extra[i], extra[i + 1]);
    }
    line(text, HELP_FLAG, "print this help");
    return text.toString().stripTrailing();
  }

  private static void line(StringBuilder text, String flag, String help) {
    text.append(String.format(Locale.ROOT, "  %-32s %s%n", flag, help).replace(System.lineSeparator(), "\n"));
  }

  private static Spec rate(String flag, Fault fault, String help) {
    return new Spec(flag, "P", help, "faults", (d, f, v) -> {
      double p = decimal(f, v);
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(f + " is " + p + "; use a probability between 0 and 1");
      }
      d.rates.put(fault, p);
      double total = d.rates.values().stream().mapToDouble(Double::doubleValue).sum();
      if (total > 1 + 1e-9) {
        throw new IllegalArgumentException("the --rate-* options add up to " + total + "; lower them so they add up"
            + " to at most 1");
      }
    });
  }

  private static int integer(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes a whole number, got '" + value + "'; see --help", e);
    }
  }

  private static long number(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes a number, got '" + value + "'; see --help", e);
    }
  }

  private static double decimal(String flag, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes a number, got '" + value + "'; see --help", e);
    }
  }

  private static boolean bool(String flag, String value) {
    if (value == null || value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(flag + " takes no value (or =true / =false), got '" + value + "'");
  }

  private static List<String> list(String flag, String value) {
    List<String> items = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (items.isEmpty()) {
      throw new IllegalArgumentException(flag + " takes model ids separated by commas, got '" + value + "'");
    }
    return items;
  }

  private static ReplyStyle replyStyle(String flag, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "fenced" -> ReplyStyle.FENCED_ARRAY;
      case "bare" -> ReplyStyle.BARE_ARRAY;
      case "jsonl" -> ReplyStyle.JSONL;
      case "prose" -> ReplyStyle.PROSE_WRAPPED;
      default -> throw new IllegalArgumentException(
          flag + " is '" + value + "'; use fenced, bare, jsonl or prose");
    };
  }

  private static Jitter jitter(String flag, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "uniform" -> Jitter.UNIFORM;
      case "exponential" -> Jitter.EXPONENTIAL;
      default -> throw new IllegalArgumentException(flag + " is '" + value + "'; use uniform or exponential");
    };
  }

  private static KeyEcho keyEcho(String flag, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "full" -> KeyEcho.FULL;
      case "without-prefix" -> KeyEcho.WITHOUT_PREFIX;
      case "none" -> KeyEcho.NONE;
      default -> throw new IllegalArgumentException(flag + " is '" + value + "'; use full, without-prefix or none");
    };
  }
}
