package io.datasynth.api;

import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.judge.JudgeSettings;
import io.datasynth.plan.PlanSettings;
import io.datasynth.prompt.DataType;
import io.datasynth.prompt.Language;
import io.datasynth.prompt.PromptSettings;
import io.datasynth.prompt.Template;
import io.datasynth.provider.EndpointList;
import io.datasynth.provider.ProviderKind;
import io.datasynth.sink.OutputFormat;
import io.datasynth.text.Message;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Every setting of a run, validated when built. Defaults live here and only here.
 *
 * <p>Immutable; build one with {@link #builder()}. Nullable settings say so; null means "decide from the inputs".
 */
public record SynthesisConfig(
    int count,
    ProviderKind provider,
    String model,
    Double temperature,
    String reasoningEffort,
    int batchSize,
    int maxRetries,
    Duration retryDelay,
    int concurrency,
    String baseUrl,
    String apiKeyVariable,
    Duration requestTimeout,
    OutputFormat format,
    DataType dataType,
    Language language,
    double diversity,
    int examplesPerPrompt,
    long seed,
    Template template,
    boolean validate,
    boolean strict,
    double nearDuplicateThreshold,
    int maxTokens,
    BigDecimal maxCost,
    long maxRequests,
    boolean stats,
    boolean report,
    boolean force,
    ResumeMode resume,
    Path prices,
    Path models,
    RunMode mode,
    Duration deadline,
    boolean cache,
    StructuredMode structured,
    int repair,
    boolean topUpOnline,
    EndpointList endpoints,
    PlanSettings plan,
    JudgeSettings judge) {

  public static final int DEFAULT_COUNT = 100;
  public static final ProviderKind DEFAULT_PROVIDER = ProviderKind.ANTHROPIC;
  public static final String DEFAULT_ANTHROPIC_MODEL = "claude-sonnet-5-5";
  public static final String DEFAULT_OPENAI_MODEL = "gpt-5-mini";
  public static final int DEFAULT_BATCH_SIZE = 5;
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(2);
  /** High enough to saturate typical rate limits; the limiter, not this cap, sets the pace. */
  public static final int DEFAULT_CONCURRENCY = 64;
  public static final double DEFAULT_NEAR_DUPLICATE = 0.8;
  public static final long DEFAULT_SEED = 42;
  public static final RunMode DEFAULT_MODE = RunMode.ONLINE;
  public static final StructuredMode DEFAULT_STRUCTURED = StructuredMode.AUTO;
  /** Repair requests per record that breaks a rule structured outputs cannot state. */
  public static final int DEFAULT_REPAIR = 1;
  /** With {@code auto}, a job of at least this many requests goes in batches. */
  public static final int AUTO_BATCH_MIN_REQUESTS = 100;
  /** With {@code auto}, a deadline shorter than the providers' batch window keeps a run online. */
  public static final Duration BATCH_WINDOW = Duration.ofHours(24);

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change a few. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The default model of a provider. */
  public static String defaultModel(ProviderKind kind) {
    return kind == ProviderKind.OPENAI ? DEFAULT_OPENAI_MODEL : DEFAULT_ANTHROPIC_MODEL;
  }

  /** The prompt settings these options describe. */
  public PromptSettings promptSettings() {
    return new PromptSettings(dataType, language, diversity, examplesPerPrompt, seed, template);
  }

  /** Collects settings; {@link #build()} rejects impossible ones with the setting, its value and the fix. */
  public static final class Builder {
    private int count = DEFAULT_COUNT;
    private ProviderKind provider = DEFAULT_PROVIDER;
    private String model;
    private Double temperature;
    private String reasoningEffort;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration retryDelay = DEFAULT_RETRY_DELAY;
    private int concurrency = DEFAULT_CONCURRENCY;
    private String baseUrl;
    private EndpointList endpoints = EndpointList.NONE;
    private String apiKeyVariable;
    private Duration requestTimeout;
    private OutputFormat format;
    private DataType dataType;
    private Language language;
    private double diversity = PromptSettings.DEFAULT_DIVERSITY;
    private int examplesPerPrompt = PromptSettings.DEFAULT_EXAMPLES;
    private long seed = DEFAULT_SEED;
    private Template template;
    private boolean validate = true;
    private boolean strict;
    private double nearDuplicateThreshold = DEFAULT_NEAR_DUPLICATE;
    private int maxTokens;
    private BigDecimal maxCost;
    private long maxRequests;
    private boolean stats;
    private boolean report = true;
    private boolean force;
    private ResumeMode resume = ResumeMode.AUTO;
    private Path prices;
    private Path models;
    private RunMode mode = DEFAULT_MODE;
    private Duration deadline;
    private boolean cache = true;
    private StructuredMode structured = DEFAULT_STRUCTURED;
    private int repair = DEFAULT_REPAIR;
    private boolean topUpOnline;
    private PlanSettings plan = PlanSettings.DEFAULT;
    private JudgeSettings judge = JudgeSettings.OFF;

    private Builder() {}

    private Builder(SynthesisConfig c) {
      count = c.count;
      provider = c.provider;
      model = c.model;
      temperature = c.temperature;
      reasoningEffort = c.reasoningEffort;
      batchSize = c.batchSize;
      maxRetries = c.maxRetries;
      retryDelay = c.retryDelay;
      concurrency = c.concurrency;
      baseUrl = c.baseUrl;
      endpoints = c.endpoints;
      apiKeyVariable = c.apiKeyVariable;
      requestTimeout = c.requestTimeout;
      format = c.format;
      dataType = c.dataType;
      language = c.language;
      diversity = c.diversity;
      examplesPerPrompt = c.examplesPerPrompt;
      seed = c.seed;
      template = c.template;
      validate = c.validate;
      strict = c.strict;
      nearDuplicateThreshold = c.nearDuplicateThreshold;
      maxTokens = c.maxTokens;
      maxCost = c.maxCost;
      maxRequests = c.maxRequests;
      stats = c.stats;
      report = c.report;
      force = c.force;
      resume = c.resume;
      prices = c.prices;
      models = c.models;
      mode = c.mode;
      deadline = c.deadline;
      cache = c.cache;
      structured = c.structured;
      repair = c.repair;
      topUpOnline = c.topUpOnline;
      plan = c.plan;
      judge = c.judge;
    }

    /** Records to deliver (-n). */
    public Builder count(int v) { count = v; return this; }
    public Builder provider(ProviderKind v) { provider = v; return this; }
    /** The model id, or null for the provider's default. */
    public Builder model(String v) { model = v; return this; }
    /** The sampling temperature, or null for the model's default (nothing is sent). */
    public Builder temperature(Double v) { temperature = v; return this; }
    /** The reasoning effort (low, medium, high, …), or null for the model's default (nothing is sent). */
    public Builder reasoningEffort(String v) { reasoningEffort = v; return this; }
    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder maxRetries(int v) { maxRetries = v; return this; }
    public Builder retryDelay(Duration v) { retryDelay = v; return this; }
    public Builder concurrency(int v) { concurrency = v; return this; }
    /** The base URL, or null for the provider's variable or public API. */
    public Builder baseUrl(String v) { baseUrl = v; return this; }
    /** A fleet of endpoints serving the model; when not empty it replaces {@link #baseUrl}. */
    public Builder endpoints(EndpointList v) { endpoints = java.util.Objects.requireNonNull(v); return this; }
    /** The environment variable holding the key, or null for the provider's own. */
    public Builder apiKeyVariable(String v) { apiKeyVariable = v; return this; }
    public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
    /** The output format, or null to pick it from the output's extension. */
    public Builder format(OutputFormat v) { format = v; return this; }
    /** The dataset kind, or null to detect it. */
    public Builder dataType(DataType v) { dataType = v; return this; }
    /** The prompt language, or null to detect it. */
    public Builder language(Language v) { language = v; return this; }
    public Builder diversity(double v) { diversity = v; return this; }
    public Builder examplesPerPrompt(int v) { examplesPerPrompt = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    /** A user template, or null for the built-in ones. */
    public Builder template(Template v) { template = v; return this; }
    /** Whether records are validated against the schema (--no-validate turns it off). */
    public Builder validate(boolean v) { validate = v; return this; }
    /** Whether seeds that break the schema are an error instead of a warning. */
    public Builder strict(boolean v) { strict = v; return this; }
    public Builder nearDuplicateThreshold(double v) { nearDuplicateThreshold = v; return this; }
    /** A fixed max_tokens, or 0 to size it from the seeds. */
    public Builder maxTokens(int v) { maxTokens = v; return this; }
    /** A spending cap in USD, or null for none. */
    public Builder maxCost(BigDecimal v) { maxCost = v; return this; }
    /** A cap on requests sent, or 0 for none. */
    public Builder maxRequests(long v) { maxRequests = v; return this; }
    public Builder stats(boolean v) { stats = v; return this; }
    /** Whether the quality report {@code <stem>.report.html} is written beside the output; on by default. */
    public Builder report(boolean v) { report = v; return this; }
    public Builder force(boolean v) { force = v; return this; }
    public Builder resume(ResumeMode v) { resume = v; return this; }
    /** A price file overriding the bundled prices, or null. */
    public Builder prices(Path v) { prices = v; return this; }
    /** A model-profile file tried before the bundled profiles, or null. */
    public Builder models(Path v) { models = v; return this; }
    /** Online, in provider batches, or chosen per run (--mode). */
    public Builder mode(RunMode v) { mode = v; return this; }
    /** How long the user is willing to wait for batches, or null for as long as they take (--deadline). */
    public Builder deadline(Duration v) { deadline = v; return this; }
    /** Whether the stable prompt prefix is marked for the provider's prompt cache (--cache on|off). */
    public Builder cache(boolean v) { cache = v; return this; }
    /** Whether replies come as structured output (--structured). */
    public Builder structured(StructuredMode v) { structured = v; return this; }
    /** Repair requests per record that breaks a rule structured outputs cannot state; 0 for none (--repair). */
    public Builder repair(int v) { repair = v; return this; }
    /** Whether the requests after the first batch go online rather than into another batch (--top-up online). */
    public Builder topUpOnline(boolean v) { topUpOnline = v; return this; }
    /** The diversity plan: fields to balance, axes, seed guidance ({@link PlanSettings#DEFAULT} by default). */
    public Builder plan(PlanSettings v) { plan = v == null ? PlanSettings.DEFAULT : v; return this; }
    /** The rubric judge ({@link JudgeSettings#OFF} by default). */
    public Builder judge(JudgeSettings v) { judge = v == null ? JudgeSettings.OFF : v; return this; }

    /** Refuses a setting unless {@code ok}, naming it and its value; the pattern's last argument is the setting. */
    private static void check(boolean ok, Setting setting, String key, Object... values) {
      if (!ok) {
        Object[] args = java.util.Arrays.copyOf(values, values.length + 1);
        args[values.length] = setting;
        throw new ConfigException(setting, Message.of(key, args));
      }
    }

    public SynthesisConfig build() {
      check(count >= 1, Setting.COUNT, "error.count", count);
      check(provider != null, Setting.PROVIDER, "error.provider.missing");
      // The model decides the upper bound, and whether it takes a temperature at all (ModelCheck).
      check(temperature == null || temperature >= 0 && Double.isFinite(temperature), Setting.TEMPERATURE,
          "error.temperature.negative", String.valueOf(temperature));
      check(batchSize >= 1 && batchSize <= 100, Setting.BATCH_SIZE, "error.batch_size", batchSize);
      check(maxRetries >= 0 && maxRetries <= 100, Setting.MAX_RETRIES, "error.max_retries", maxRetries);
      check(retryDelay != null && !retryDelay.isNegative() && !retryDelay.isZero(), Setting.RETRY_DELAY,
          "error.retry_delay", String.valueOf(retryDelay));
      check(concurrency >= 1 && concurrency <= 1024, Setting.CONCURRENCY, "error.concurrency", concurrency);
      check(diversity >= 0 && diversity <= 1, Setting.DIVERSITY, "error.diversity", String.valueOf(diversity));
      check(examplesPerPrompt >= 1 && examplesPerPrompt <= 50, Setting.EXAMPLES, "error.examples",
          examplesPerPrompt);
      check(nearDuplicateThreshold > 0 && nearDuplicateThreshold <= 1, Setting.NEAR_DUP, "error.near_dup",
          String.valueOf(nearDuplicateThreshold));
      check(maxTokens >= 0, Setting.MAX_TOKENS, "error.max_tokens", maxTokens);
      check(maxCost == null || maxCost.signum() > 0, Setting.MAX_COST, "error.max_cost",
          maxCost == null ? "" : maxCost.toPlainString());
      check(maxRequests >= 0, Setting.MAX_REQUESTS, "error.max_requests", maxRequests);
      check(requestTimeout == null || !requestTimeout.isNegative() && !requestTimeout.isZero(), Setting.TIMEOUT,
          "error.timeout", String.valueOf(requestTimeout));
      check(mode != null, Setting.MODE, "error.mode.missing");
      check(structured != null, Setting.STRUCTURED, "error.structured.missing");
      check(deadline == null || !deadline.isNegative() && !deadline.isZero(), Setting.DEADLINE, "error.deadline",
          String.valueOf(deadline));
      check(repair >= 0 && repair <= 10, Setting.REPAIR, "error.repair", repair);
      check(judge.batchSize() >= 1 && judge.batchSize() <= 100, Setting.JUDGE_BATCH_SIZE, "error.judge_batch_size",
          judge.batchSize());
      check(judge.minScore() == null || Double.isFinite(judge.minScore()), Setting.MIN_SCORE, "error.min_score",
          String.valueOf(judge.minScore()));
      String m = model == null || model.isBlank() ? defaultModel(provider) : model.strip();
      String effort = reasoningEffort == null || reasoningEffort.isBlank() ? null
          : reasoningEffort.strip().toLowerCase(Locale.ROOT);
      return new SynthesisConfig(count, provider, m, temperature, effort, batchSize, maxRetries, retryDelay, concurrency,
          baseUrl, apiKeyVariable, requestTimeout, format, dataType, language, diversity, examplesPerPrompt, seed,
          template, validate, strict, nearDuplicateThreshold, maxTokens, maxCost, maxRequests, stats, report, force,
          resume == null ? ResumeMode.AUTO : resume, prices, models, mode, deadline, cache, structured, repair,
          topUpOnline, endpoints, plan, judge);
    }
  }
}
