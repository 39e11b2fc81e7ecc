package io.datasynth.cli;

import io.datasynth.api.ResumeMode;
import io.datasynth.api.RunMode;
import io.datasynth.api.StructuredMode;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.json.InputKind;
import io.datasynth.json.JsonFiles;
import io.datasynth.prompt.DataType;
import io.datasynth.prompt.Language;
import io.datasynth.prompt.Template;
import io.datasynth.provider.EndpointList;
import io.datasynth.provider.ProviderKind;
import io.datasynth.sink.OutputFormat;
import io.datasynth.sink.OutputFormats;
import io.datasynth.text.Message;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that shape a run, shared by generate, create, prepare, parse and estimate (and the Spark job, a picocli
 * mixin there too). Unset options are null so that a --config file can fill them; {@link #toConfig()} applies the
 * library's defaults to what is still unset.
 */
public final class GenerationOptions {
  @Option(names = {"-n", "--count"}, paramLabel = "N",
      description = "Records to deliver (default: " + SynthesisConfig.DEFAULT_COUNT + ").")
  Integer count;

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
      description = "Model id (default: " + SynthesisConfig.DEFAULT_ANTHROPIC_MODEL + " for anthropic, "
          + SynthesisConfig.DEFAULT_OPENAI_MODEL + " for openai).")
  String model;

  @Option(names = {"-p", "--provider"}, paramLabel = "NAME",
      description = "anthropic or openai (any OpenAI-compatible server with --base-url; default: anthropic).")
  String provider;

  @Option(names = {"-t", "--temperature"}, paramLabel = "T",
      description = "Sampling temperature, for models that take one; +0.05 per retry (default: none sent, the "
          + "model's own). The newest Claude and OpenAI reasoning models take none: variety comes from the prompts.")
  Double temperature;

  @Option(names = "--reasoning-effort", paramLabel = "EFFORT",
      description = "How hard a reasoning model thinks: low, medium, high, … as the model's API takes them "
          + "(default: the model's own). More room is left in max_tokens for higher efforts.")
  String reasoningEffort;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Records asked for per request (default: " + SynthesisConfig.DEFAULT_BATCH_SIZE + ").")
  Integer batchSize;

  @Option(names = "--max-retries", paramLabel = "N",
      description = "Retries per batch after 429/5xx/timeouts (default: " + SynthesisConfig.DEFAULT_MAX_RETRIES + ").")
  Integer maxRetries;

  @Option(names = "--retry-delay", paramLabel = "SECONDS",
      description = "First back-off delay, doubled per retry, never shorter than retry-after (default: 2).")
  Double retryDelay;

  @Option(names = "--concurrency", paramLabel = "N",
      description = "Most requests in flight; the rate limiter sets the pace below it (default: "
          + SynthesisConfig.DEFAULT_CONCURRENCY + ").")
  Integer concurrency;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "API base URL: an origin for anthropic (https://api.anthropic.com), a URL ending in /v1 for "
          + "openai (http://localhost:11434/v1). Default: ANTHROPIC_BASE_URL / OPENAI_BASE_URL, else the public API. "
          + "Give it several times for replicas of one model: each gets its own rate limiter and concurrency "
          + "window, and one that keeps failing is taken out for a while.")
  List<String> baseUrls;

  @Option(names = "--endpoints", paramLabel = "FILE",
      description = "Replicas of one model, one per line: a base URL, then optionally a weight (default 1) and the "
          + "variable holding its key. Instead of --base-url.")
  Path endpoints;

  /** The --endpoints file, or null: for a job that spreads the fleet itself (the Spark application). */
  public Path endpointsFile() {
    return endpoints;
  }

  @Option(names = "--api-key-env", paramLabel = "VAR",
      description = "Environment variable holding the key (default: ANTHROPIC_API_KEY / OPENAI_API_KEY).")
  String apiKeyEnv;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit per request (default: 300).")
  Double timeout;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "json, jsonl or parquet (default: from the output's extension, else json).")
  String format;

  @Option(names = "--data-type", paramLabel = "TYPE",
      description = "instruction_response, preference, multi_turn or generic (default: detected from the fields).")
  String dataType;

  @Option(names = "--lang", paramLabel = "LANG", description = "Prompt language zh or en (default: the seeds').")
  String lang;

  @Option(names = "--diversity", paramLabel = "D",
      description = "0 (close to the examples) to 1 (as varied as possible) (default: 0.5).")
  Double diversity;

  @Option(names = "--examples", paramLabel = "K", description = "Seed examples shown per prompt (default: 3).")
  Integer examples;

  @Option(names = "--seed", paramLabel = "N",
      description = "Random seed for sampling examples: the same seed gives the same prompts (default: "
          + SynthesisConfig.DEFAULT_SEED + ").")
  Long seed;

  @Option(names = "--template", paramLabel = "FILE",
      description = "Your own prompt template with {{schema}}, {{rubric}}, {{guidelines}}, {{seed_examples}}, "
          + "{{seed_count}}, {{batch_size}} (also {{output_format}}, {{diversity}}, {{task}}).")
  Path template;

  @Option(names = "--no-validate", description = "Keep records that break the schema (still deduplicated).")
  Boolean noValidate;

  @Option(names = "--strict", description = "Seeds that break the schema are an error instead of a warning.")
  Boolean strict;

  @Option(names = "--near-dup", paramLabel = "J",
      description = "Drop records whose character 3-gram Jaccard similarity to a seed or an earlier record is at "
          + "least J; 1 keeps only exact dedup (default: " + SynthesisConfig.DEFAULT_NEAR_DUPLICATE + ").")
  Double nearDup;

  @Option(names = "--max-tokens", paramLabel = "N",
      description = "Fixed output limit per request, reasoning included (default: sized from the seeds, the batch "
          + "size and the model's reasoning reserve, and grown when replies are cut off).")
  Integer maxTokens;

  @Option(names = "--max-cost", paramLabel = "USD",
      description = "Never start a request whose worst case would take the spend past this many dollars.")
  BigDecimal maxCost;

  @Option(names = "--max-requests", paramLabel = "N", description = "Send at most N requests, retries included.")
  Long maxRequests;

  @Option(names = "--stats", description = "Also write per-field statistics to <output stem>.stats.json.")
  Boolean stats;

  @Option(names = "--no-report", description = "Do not write the quality report <output stem>.report.html.")
  Boolean noReport;

  @Option(names = "--force", description = "Overwrite an existing output file.")
  Boolean force;

  @Option(names = "--resume", negatable = true,
      description = "Resume an unfinished run of the same output (default: automatically when its journal "
          + "exists); --no-resume starts over and keeps the old journal aside.")
  Boolean resume;

  @Option(names = "--prices", paramLabel = "FILE",
      description = "JSON price file overriding the bundled prices.")
  Path prices;

  @Option(names = "--models", paramLabel = "FILE",
      description = "JSON model-profile file (what each model accepts), tried before the bundled profiles.")
  Path models;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "online (each request at once), batch (provider batch APIs, half price, results within 24 h) or "
          + "auto (batch when the job is large and no --deadline is sooner than a day) (default: online).")
  String mode;

  @Option(names = "--deadline", paramLabel = "DURATION",
      description = "How long you are willing to wait for batches, e.g. 45m, 6h, 2d; after it, running batches are "
          + "canceled and the rest goes online.")
  String deadline;

  @Option(names = "--cache", paramLabel = "on|off",
      description = "Mark the stable prompt prefix for the provider's prompt cache (default: on).")
  String cache;

  @Option(names = "--structured", paramLabel = "MODE",
      description = "Ask for replies as structured output where the model supports it: auto, on or off "
          + "(default: auto).")
  String structured;

  @Option(names = "--repair", paramLabel = "N",
      description = "Send a structured record that breaks a rule the schema cannot state back to be fixed, at most "
          + "N times (default: " + SynthesisConfig.DEFAULT_REPAIR + "; 0 for never).")
  Integer repair;

  // diversity plans and the rubric judge
  @Option(names = "--balance", paramLabel = "FIELD[=V:W,…]",
      description = "Balance an enum, boolean or ranged numeric field of the schema across its values, or weight "
          + "them (intent=退换货:0.5,查询物流:0.3); 'all' balances every such field. Repeatable.")
  java.util.List<String> balance;

  @Option(names = "--axis", paramLabel = "NAME=FILE|V1,V2",
      description = "An axis of the diversity plan: values from a text or JSONL file (one a line, optional weight)"
          + " or inline (difficulty=easy,medium:2,hard). An axis named like a field fixes that field. Repeatable.")
  java.util.List<String> axis;

  @Option(names = "--axes", paramLabel = "FILE",
      description = "A JSON file of axes, with weights and conditions (an axis whose values depend on another's).")
  Path axes;

  @Option(names = "--no-seed-guide",
      description = "Do not tell each batch which seed examples to lean on and which region to move away from.")
  Boolean noSeedGuide;

  @Option(names = "--judge",
      description = "Score accepted records against the schema's scoring_rubric with a judge model; records "
          + "below --min-score are rejected (low_score) and topped up.")
  Boolean judge;

  @Option(names = "--judge-model", paramLabel = "MODEL",
      description = "The judge model (default: the generation model), same provider and key.")
  String judgeModel;

  @Option(names = "--min-score", paramLabel = "S",
      description = "Lowest judge score a record may have (default: the rubric's middle score: 0.5 of 1/0.5/0, "
          + "3 of 1-5).")
  Double minScore;

  @Option(names = "--judge-batch-size", paramLabel = "N",
      description = "Records per judge request (default: " + io.datasynth.judge.JudgeSettings.DEFAULT_BATCH_SIZE
          + ").")
  Integer judgeBatchSize;

  /** The diversity plan the options ask for. */
  io.datasynth.plan.PlanSettings plan() {
    java.util.List<io.datasynth.plan.Balance> b = new java.util.ArrayList<>();
    if (balance != null) {
      balance.forEach(spec -> b.add(io.datasynth.plan.Balance.parse(spec)));
    }
    java.util.List<io.datasynth.plan.Axis> a = new java.util.ArrayList<>();
    if (axis != null) {
      axis.forEach(spec -> a.add(io.datasynth.plan.AxisFiles.parseOption(spec, null)));
    }
    if (axes != null) {
      a.addAll(io.datasynth.plan.AxisFiles.readAxes(axes));
    }
    return new io.datasynth.plan.PlanSettings(b, a, noSeedGuide == null || !noSeedGuide);
  }

  /** The rubric judge the options ask for. */
  io.datasynth.judge.JudgeSettings judgeSettings() {
    return new io.datasynth.judge.JudgeSettings(judge != null && judge, judgeModel, minScore,
        judgeBatchSize == null ? io.datasynth.judge.JudgeSettings.DEFAULT_BATCH_SIZE : judgeBatchSize);
  }

  /** The installed format named by {@code --format}, or an error that says what to use. */
  static OutputFormat format(String name) {
    OutputFormats.Lookup lookup = OutputFormats.lookup(name);
    if (lookup instanceof OutputFormats.Lookup.Found f) {
      return f.format();
    }
    if (lookup instanceof OutputFormats.Lookup.NotInstalled n) {
      throw new ConfigException(Setting.FORMAT, Message.of("error.format.not_installed", n.name(), n.module(),
          String.join(", ", OutputFormats.names()), Setting.FORMAT));
    }
    throw unknown(Setting.FORMAT, name, String.join(", ", ((OutputFormats.Lookup.Unknown) lookup).known()));
  }

  /** One base URL, or a fleet from repeated --base-url or --endpoints. */
  private void endpoints(SynthesisConfig.Builder b) {
    List<String> urls = baseUrls == null ? List.of() : baseUrls;
    if (endpoints != null && !urls.isEmpty()) {
      throw new ConfigException(Setting.ENDPOINTS, Message.of("error.endpoints.both", Setting.BASE_URL,
          Setting.ENDPOINTS));
    }
    if (endpoints != null) {
      b.endpoints(EndpointList.read(endpoints));
    } else if (urls.size() > 1) {
      b.endpoints(EndpointList.ofUrls(urls));
    } else if (urls.size() == 1) {
      b.baseUrl(urls.get(0));
    }
  }

  /** The settings, with library defaults for what neither flags nor --config gave. */
  public SynthesisConfig toConfig() {
    SynthesisConfig.Builder b = SynthesisConfig.builder();
    set(count, b::count);
    if (provider != null) {
      b.provider(ProviderKind.parse(provider).orElseThrow(() -> unknown(Setting.PROVIDER, provider,
          "anthropic, openai")));
    }
    b.model(model);
    b.temperature(temperature).reasoningEffort(reasoningEffort);
    set(batchSize, b::batchSize);
    set(maxRetries, b::maxRetries);
    if (retryDelay != null) {
      b.retryDelay(seconds(retryDelay, Setting.RETRY_DELAY));
    }
    set(concurrency, b::concurrency);
    b.apiKeyVariable(apiKeyEnv);
    endpoints(b);
    if (timeout != null) {
      b.requestTimeout(seconds(timeout, Setting.TIMEOUT));
    }
    if (format != null) {
      b.format(format(format));
    }
    if (dataType != null) {
      b.dataType(DataType.parse(dataType).orElseThrow(() -> unknown(Setting.DATA_TYPE, dataType,
          DataType.names())));
    }
    if (lang != null) {
      b.language(Language.parse(lang).orElseThrow(() -> unknown(Setting.LANG, lang, "zh, en")));
    }
    set(diversity, b::diversity);
    set(examples, b::examplesPerPrompt);
    set(seed, b::seed);
    if (template != null) {
      b.template(Template.parse(JsonFiles.readText(template, InputKind.TEMPLATE), template));
    }
    if (noValidate != null) {
      b.validate(!noValidate);
    }
    set(strict, b::strict);
    set(nearDup, b::nearDuplicateThreshold);
    if (maxTokens != null) {
      // 0 is the library's "size it from the seeds", which leaving the option out already says
      if (maxTokens < 1) {
        throw new ConfigException(Setting.MAX_TOKENS, Message.of("error.max_tokens.below_one", Setting.MAX_TOKENS,
            maxTokens));
      }
      b.maxTokens(maxTokens);
    }
    b.maxCost(maxCost);
    if (maxRequests != null) {
      // 0 is the library's "no cap", which leaving the option out already says
      if (maxRequests < 1) {
        throw new ConfigException(Setting.MAX_REQUESTS, Message.of("error.max_requests.below_one",
            Setting.MAX_REQUESTS, maxRequests));
      }
      b.maxRequests(maxRequests);
    }
    set(stats, b::stats);
    if (noReport != null) {
      b.report(!noReport);
    }
    set(force, b::force);
    if (resume != null) {
      b.resume(resume ? ResumeMode.ALWAYS : ResumeMode.NEVER);
    }
    b.prices(prices).models(models);
    if (mode != null) {
      b.mode(RunMode.parse(mode).orElseThrow(() -> unknown(Setting.MODE, mode, "online, batch, auto")));
    }
    if (deadline != null) {
      b.deadline(duration(deadline, Setting.DEADLINE));
    }
    if (cache != null) {
      b.cache(switch (cache.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "on", "true" -> true;
        case "off", "false" -> false;
        default -> throw unknown(Setting.CACHE, cache, "on, off");
      });
    }
    if (structured != null) {
      b.structured(StructuredMode.parse(structured).orElseThrow(() -> unknown(Setting.STRUCTURED, structured,
          "auto, on, off")));
    }
    set(repair, b::repair);
    b.plan(plan()).judge(judgeSettings());
    return b.build();
  }

  /** Gives the builder an option's value when the option was given; a missing one keeps the library's default. */
  private static <T> void set(T value, java.util.function.Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  /** A value that is none of the ones a setting takes, and those it takes. */
  private static ConfigException unknown(Setting setting, String value, String known) {
    return new ConfigException(setting, Message.of("error.value.unknown", setting, value, known));
  }

  private static Duration seconds(double s, Setting setting) {
    if (!(s > 0) || s > 86_400) {
      throw new ConfigException(setting, Message.of("error.seconds.range", setting, s));
    }
    return Duration.ofNanos((long) (s * 1e9));
  }

  /** A duration such as {@code 90s}, {@code 45m}, {@code 6h} or {@code 2d}; a bare number is seconds. */
  static Duration duration(String text, Setting setting) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*([smhd]?)")
        .matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(setting, Message.of("error.duration.syntax", setting, text));
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
