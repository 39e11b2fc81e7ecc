package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.PriceTable;
import io.datasynth.cost.TokenCounter;
import io.datasynth.engine.EngineClock;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunControl;
import io.datasynth.engine.RunOutcome;
import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.generate.GenerationSettings;
import io.datasynth.generate.GenerationStage;
import io.datasynth.generate.ProvenanceTemplate;
import io.datasynth.journal.EventLog;
import io.datasynth.journal.JournalEvent;
import io.datasynth.json.Json;
import io.datasynth.model.ModelProfile;
import io.datasynth.parse.ReplyParser;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.ProviderSettings;
import io.datasynth.quality.QualityPath;
import io.datasynth.quality.RejectReason;
import io.datasynth.recipe.Inputs;
import io.datasynth.record.Provenance;
import io.datasynth.report.RunReport;
import io.datasynth.report.RunSummary;
import io.datasynth.report.RunSummaryBuilder;
import io.datasynth.schedule.CallScheduler;
import io.datasynth.schedule.SchedulerSettings;
import io.datasynth.sink.OutputFormat;
import io.datasynth.text.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One slice of a generation job split across machines (a partition of a Spark job): it generates records for its
 * own part of the batch plan until it has delivered its target, journals every decision into an {@link EventLog}
 * the caller keeps wherever it likes, and first replays the events that log held before, so a slice run again pays
 * for nothing already journaled. Its records take the same {@link QualityPath} as a one-machine run's, against the
 * seeds and the slice's own records; deduplication across slices, the output file, its lock and its manifest are
 * the caller's (see {@link io.datasynth.quality.RecordSketcher}).
 *
 * <p>Not thread-safe; {@link #run} once.
 */
public final class GenerationSlice {
  private final SynthesisConfig config;
  private final Inputs inputs;
  private final Map<String, String> env;
  private final Function<ProviderSettings, LlmClient> clients;
  private final String baseUrl;
  private final EngineClock clock;
  private final EngineListener listener;
  private final RunControl control;
  private final EventLog log;
  private final Iterable<JournalEvent> earlier;
  private final long firstBatch;
  private final int target;
  private final int run;

  private GenerationSlice(Builder b) {
    this.config = Objects.requireNonNull(b.config, "config");
    this.inputs = Objects.requireNonNull(b.inputs, "inputs");
    this.env = Map.copyOf(b.env);
    this.clients = Objects.requireNonNull(b.clients, "clients");
    this.baseUrl = b.baseUrl;
    this.clock = b.clock;
    this.listener = b.listener;
    this.control = b.control;
    this.log = Objects.requireNonNull(b.log, "log");
    this.earlier = b.earlier;
    this.firstBatch = b.firstBatch;
    this.target = b.target;
    this.run = b.run;
    if (target < 0 || firstBatch < 0 || run < 0) {
      throw new IllegalArgumentException("invalid slice: target " + target + ", first batch " + firstBatch
          + ", run " + run);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A job's inputs and settings checked once, before any slice runs, as a one-machine run checks them.
   *
   * @param inputs the inputs with the seeds that break the schema left out (unless validation is off)
   * @param inputsFingerprint what outputs made from these inputs carry in their metadata
   * @param promptFingerprint the prompt settings' fingerprint, which every record's provenance carries
   */
  public record Checked(Inputs inputs, String inputsFingerprint, String promptFingerprint) {}

  /**
   * Checks a job before it starts: the seeds against the schema, the settings against the model, a budget against
   * the price table, and the output format against validation.
   *
   * @param format the output format, or null when not known yet
   * @param notices receives what the user should know (seeds left out, an unknown model)
   * @throws ConfigException or {@link io.datasynth.error.InputException} naming the setting or input and the fix
   */
  public static Checked check(SynthesisConfig config, Inputs raw, OutputFormat format, EngineListener notices) {
    if (!config.validate() && format != null && format.typed()) {
      throw new ConfigException(Setting.VALIDATE, Message.of("error.typed_format.unvalidated", format.name(),
          Setting.VALIDATE, Setting.FORMAT));
    }
    refuseWhatSlicesCannotDo(config);
    Inputs inputs = config.validate()
        ? SeedCheck.apply(raw, config.strict(), notices::onNotice) : raw;
    ModelProfile profile = ModelCheck.profile(config);
    ModelCheck.check(config, profile).ifPresent(notices::onNotice);
    if (config.maxCost() != null && prices(config).lookup(config.model()).isEmpty()) {
      throw new ConfigException(Setting.MAX_COST, Message.of("error.max_cost.no_price", config.model(),
          Setting.PRICES, Setting.MAX_COST));
    }
    Prompts p = prompts(config, inputs, profile);
    p.plan().notices().forEach(notices::onNotice);
    return new Checked(inputs, Fingerprints.inputs(inputs), p.fingerprint());
  }

  /** Settings a slice does not act on are refused, not ignored: the judge, diversity plans and batch mode. */
  private static void refuseWhatSlicesCannotDo(SynthesisConfig config) {
    if (config.judge().enabled()) {
      throw new ConfigException(Setting.JUDGE, Message.of("error.slice.unsupported", Setting.JUDGE));
    }
    if (config.plan().hasAxes()) {
      throw new ConfigException(Setting.BALANCE, Message.of("error.slice.unsupported",
          config.plan().balance().isEmpty() ? Setting.AXIS : Setting.BALANCE));
    }
    if (config.mode() == RunMode.BATCH) {
      throw new ConfigException(Setting.MODE, Message.of("error.slice.batch", Setting.MODE));
    }
  }

  /**
   * A slice's prompts, as a one-machine run's: the structured-output schema, the cache hint and the layout that
   * brings the prefix over the cache minimum, all decided by {@link CostPlan}; the same on the driver and every task.
   */
  private record Prompts(CostPlan plan, String fingerprint) {}

  private static Prompts prompts(SynthesisConfig config, Inputs inputs, ModelProfile profile) {
    PromptBuilder base = new PromptBuilder(inputs.schema(), inputs.seeds(), inputs.guidelines(),
        config.promptSettings());
    CostPlan plan = CostPlan.decide(config, profile, inputs, base, TokenCounter.of(profile, config.model()), false);
    return new Prompts(plan, Fingerprints.promptSettings(config, plan.prompts(), inputs, profile, plan.layout()));
  }

  /**
   * The {@code metadata} object of an output made by a job, the same as a one-machine run writes.
   *
   * @param generated records the output holds
   */
  public static ObjectNode metadata(Instant at, SynthesisConfig config, int seedCount, long generated,
      RunReport report, String inputsFingerprint) {
    return Metadata.of(at, config.model(), config.provider().id(), config, seedCount, generated, report,
        inputsFingerprint);
  }

  /** The price table of a job's settings: the bundled prices, with {@code --prices} over them. */
  public static PriceTable prices(SynthesisConfig config) {
    return config.prices() == null ? PriceTable.bundled() : PriceTable.withOverrides(config.prices());
  }

  /**
   * A record the slice delivers.
   *
   * @param ordinal its place among the slice's accepted records, from 1
   * @param json the record as compact JSON text (text keeps a large slice small in memory)
   */
  public record Delivered(long ordinal, String json, Provenance provenance) {}

  /**
   * What a slice holds after it ran.
   *
   * @param outcome how this run of the slice ended
   * @param run the number this run's records carry in their provenance
   * @param delivered every record the slice delivers, earlier runs' included, by ordinal
   * @param runs every run of the slice, from its log, oldest first; the last is this one
   * @param invalidByRule invalid records by the rule they broke first, over all runs of the slice
   */
  public record Result(RunOutcome outcome, int run, List<Delivered> delivered, List<RunSummary> runs,
      Map<String, Long> invalidByRule) {
    public Result {
      delivered = List.copyOf(delivered);
      runs = List.copyOf(runs);
      invalidByRule = Map.copyOf(invalidByRule);
    }
  }

  /**
   * Replays the slice's log, then generates until the slice has delivered its target (sending nothing when it has
   * already), stops, or fails. Provider behaviour never throws; an exception (the log could not be written) leaves
   * every event appended so far in the log.
   */
  public Result run() {
    ModelProfile profile = ModelCheck.profile(config);
    PriceTable prices = prices(config);
    ModelPrice price = prices.lookup(config.model()).orElse(null);
    ProviderSettings settings = ProviderSettings.resolve(config.provider(), config.model(),
        baseUrl != null ? baseUrl : config.baseUrl(), config.apiKeyVariable(), env, config.requestTimeout(), profile);
    Prompts decided = prompts(config, inputs, profile);
    CostPlan plan = decided.plan();
    PromptBuilder prompts = plan.prompts();
    String promptFingerprint = decided.fingerprint();
    TokenCounter counter = TokenCounter.of(profile, config.model());
    try (QualityPath quality = QualityPath.of(inputs.schema(), config.validate(), config.nearDuplicateThreshold(),
        (long) target + inputs.seeds().size())) {
      quality.addSeeds(inputs.seeds());
      JournalReplay replay = new JournalReplay(quality, target, 0, config.provider().id(), config.model());
      Candidates candidates = new Candidates();
      PendingRepairs repairs = new PendingRepairs();
      for (JournalEvent e : earlier) {
        replay.accept(e);
        candidates.accept(e);
        repairs.accept(e);
      }
      List<RunSummary> runs = new ArrayList<>(replay.summaries(prices));
      int thisRun = run > 0 ? run : replay.nextRun(0);
      if (replay.delivered() >= target) {
        // Done before: nothing to send, and nothing to add to the log.
        return new Result(new RunOutcome.Completed(), thisRun, candidates.delivered(replay.ledger), runs,
            replay.invalidByRule);
      }
      EventLog recording = events -> {
        log.append(events);
        events.forEach(candidates);
      };
      Instant startedAt = clock.instant();
      long started = clock.nanoTime();
      recording.append(new JournalEvent.RunStarted(thisRun, startedAt, config.provider().id(), config.model(),
          promptFingerprint, target));
      GenerationStage stage = GenerationStage.builder()
          .settings(new GenerationSettings(target, config.batchSize(),
              Sizing.maxTokensPerRecord(inputs.schema(), inputs.seeds(), counter), config.maxTokens(),
              profile.reasoning().reserveFor(config.reasoningEffort()), profile.maxOutputTokens(),
              config.temperature(), config.reasoningEffort()))
          .prompts(prompts).tokens(counter).parser(new ReplyParser(inputs.schema().fieldNames()))
          .responseSchema(plan.responseSchema()).cache(plan.cache()).repairs(plan.repairs())
          .quality(quality).journal(recording).ledger(replay.ledger)
          .provenance(new ProvenanceTemplate(config.provider().id(), config.model(), thisRun, promptFingerprint))
          .clock(clock).listener(listener).firstBatchIndex(Math.max(firstBatch, replay.lastBatch + 1))
          .before(replay.delivered(), replay.ordinals)
          .repairsPending(repairs.pending())
          .build();
      io.datasynth.provider.Usage spentBefore = runs.stream().map(RunSummary::usage)
          .reduce(io.datasynth.provider.Usage.ZERO, io.datasynth.provider.Usage::plus);
      RunOutcome outcome;
      CallScheduler scheduler;
      try (LlmClient client = clients.apply(settings)) {
        scheduler = CallScheduler.builder()
            .settings(new SchedulerSettings(config.concurrency(), config.maxRetries(), config.retryDelay(),
                profile.acceptsTemperature() ? profile.temperatureMax() : 0, config.maxCost(), config.maxRequests(),
                SchedulerSettings.DEFAULT_MAX_WAIT, config.seed() ^ firstBatch))
            .client(client).tokens(counter).price(price).spentBefore(spentBefore)
            .clock(clock).control(control).listener(new SchedulerEvents(listener))
            .build();
        stage.attach(scheduler);
        outcome = scheduler.run(List.of(stage));
      }
      Duration elapsed = Duration.ofNanos(clock.nanoTime() - started);
      CallScheduler.Counts counts = scheduler.counts();
      recording.append(new JournalEvent.RunEnded(thisRun, clock.instant(), elapsed, counts.requestsSent(),
          counts.retries(), counts.rateLimited(), counts.failures(), GenerationRun.fleet(counts)));
      RunSummaryBuilder b = new RunSummaryBuilder(thisRun, "api", config.provider().id(), config.model(),
          promptFingerprint, startedAt);
      b.reply(counts.usage(), 0);
      b.delivered(stage.tally().delivered() - stage.tally().resumed());
      stage.tally().rejected().forEach((code, n) -> {
        for (long i = 0; i < n; i++) {
          b.rejected(code);
        }
      });
      b.ended(elapsed, counts.requestsSent(), counts.retries(), counts.rateLimited(), counts.failures());
      runs.add(b.build(prices));
      Map<String, Long> invalid = new LinkedHashMap<>(replay.invalidByRule);
      stage.tally().invalidByRule().forEach((k, v) -> invalid.merge(k, v, Long::sum));
      return new Result(outcome, thisRun, candidates.delivered(replay.ledger), runs, invalid);
    }
  }

  /** Every candidate record in log order with its ordinal, counted as the replay and the stage count them. */
  private static final class Candidates implements Consumer<JournalEvent> {
    private final List<Delivered> all = new ArrayList<>();

    @Override
    public void accept(JournalEvent e) {
      if (e instanceof JournalEvent.RecordAccepted a) {
        all.add(new Delivered(all.size() + 1L, Json.compact(a.record()), a.provenance()));
      } else if (e instanceof JournalEvent.RecordRejected r && r.reason() instanceof RejectReason.Surplus
          && r.record() instanceof ObjectNode o) {
        all.add(new Delivered(all.size() + 1L, Json.compact(o), r.provenance()));
      }
    }

    List<Delivered> delivered(io.datasynth.journal.Ledger ledger) {
      return all.stream().filter(d -> ledger.isDelivered(d.ordinal())).toList();
    }
  }

  /** Assembles a slice; the config, the inputs, the log and the target are required. */
  public static final class Builder {
    private SynthesisConfig config;
    private Inputs inputs;
    private Map<String, String> env = System.getenv();
    private Function<ProviderSettings, LlmClient> clients = io.datasynth.provider.LlmClients::create;
    private String baseUrl;
    private EngineClock clock = EngineClock.system();
    private EngineListener listener = EngineListener.NONE;
    private RunControl control = new RunControl();
    private EventLog log;
    private Iterable<JournalEvent> earlier = List.of();
    private long firstBatch;
    private int target = -1;
    private int run;

    public Builder config(SynthesisConfig v) { config = v; return this; }
    /** The inputs as {@link #check} returned them. */
    public Builder inputs(Inputs v) { inputs = v; return this; }
    /** Where the key is read from; defaults to the process environment. */
    public Builder env(Map<String, String> v) { env = Objects.requireNonNull(v); return this; }
    /** How the client is made; defaults to HTTP clients. */
    public Builder clients(Function<ProviderSettings, LlmClient> v) { clients = Objects.requireNonNull(v); return this; }
    /** The endpoint of this slice, or null for the config's base URL. */
    public Builder baseUrl(String v) { baseUrl = v; return this; }
    public Builder clock(EngineClock v) { clock = Objects.requireNonNull(v); return this; }
    public Builder listener(EngineListener v) { listener = Objects.requireNonNull(v); return this; }
    public Builder control(RunControl v) { control = Objects.requireNonNull(v); return this; }
    /**
     * The slice's log and what it held before this run, in order.
     *
     * @param before the events appended by earlier runs of the slice; read once
     */
    public Builder log(EventLog v, Iterable<JournalEvent> before) {
      log = v;
      earlier = Objects.requireNonNull(before);
      return this;
    }
    /**
     * The slice's first batch index: slices of one job take disjoint ranges so that no two send the same prompt. A
     * resumed slice goes on after the last batch its log holds.
     */
    public Builder firstBatch(long v) { firstBatch = v; return this; }
    /** Records the slice delivers in all, its earlier runs' included. */
    public Builder target(int v) { target = v; return this; }
    /** The number this run's records carry in their provenance; 0 (the default) for the one after the log's last. */
    public Builder run(int v) { run = v; return this; }

    public GenerationSlice build() {
      return new GenerationSlice(this);
    }
  }
}
