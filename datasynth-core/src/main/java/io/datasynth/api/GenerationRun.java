package io.datasynth.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.PriceTable;
import io.datasynth.cost.TokenCounter;
import io.datasynth.engine.EngineClock;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunControl;
import io.datasynth.engine.RunOutcome;
import io.datasynth.engine.RunStats;
import io.datasynth.error.ConfigException;
import io.datasynth.error.InputException;
import io.datasynth.error.RunAbortedException;
import io.datasynth.error.Setting;
import io.datasynth.error.SettingValue;
import io.datasynth.generate.GenerationSettings;
import io.datasynth.batch.BatchDispatcher;
import io.datasynth.batch.BatchLedger;
import io.datasynth.batch.BatchOptions;
import io.datasynth.generate.GenerationStage;
import io.datasynth.generate.GenerationTally;
import io.datasynth.generate.ProvenanceTemplate;
import io.datasynth.journal.Journal;
import io.datasynth.journal.JournalCodec;
import io.datasynth.journal.JournalEvent;
import io.datasynth.journal.OutputLock;
import io.datasynth.journal.RunManifest;
import io.datasynth.judge.JudgeStage;
import io.datasynth.plan.Coverage;
import io.datasynth.plan.Plan;
import io.datasynth.plan.SeedGuide;
import io.datasynth.model.ModelProfile;
import io.datasynth.parse.ReplyParser;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.ProviderSettings;
import io.datasynth.quality.QualityPath;
import io.datasynth.quality.RejectReason;
import io.datasynth.recipe.Inputs;
import io.datasynth.report.RunReport;
import io.datasynth.report.RunReportJson;
import io.datasynth.report.RunSummary;
import io.datasynth.report.RunSummaryBuilder;
import io.datasynth.schedule.CallScheduler;
import io.datasynth.schedule.SchedulerSettings;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import io.datasynth.sink.OutputFormat;
import io.datasynth.text.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One API-mode run of an output, from inputs to the files on disk. It takes the output's lock first and only then
 * decides, from what is there, whether to resume a journal, top up a finished output, say it is complete already,
 * or start fresh; nothing another run changes can slip in between. Every record is journaled as it is accepted;
 * the output is written from the journal at the end (also when the run stopped early), and the journal is deleted
 * only once a complete output is safely on disk.
 */
final class GenerationRun {
  private final SynthesisConfig config;
  private final Map<String, String> env;
  private final Function<ProviderSettings, LlmClient> clients;
  private final BatchSetup batchSetup;
  private final EngineClock clock;
  private final EngineListener listener;
  private final RunControl control;
  private final FileGuard guard;
  /** The seeds every record of the output was found to copy none of, once {@link #run} returned; else null. */
  private QualityReports.Measured measured;

  GenerationRun(SynthesisConfig config, Map<String, String> env, Function<ProviderSettings, LlmClient> clients,
      BatchSetup batchSetup, EngineClock clock, EngineListener listener, RunControl control, FileGuard guard) {
    this.config = config;
    this.env = env;
    this.clients = clients;
    this.batchSetup = batchSetup;
    this.clock = clock;
    this.listener = listener;
    this.control = control;
    this.guard = guard;
  }

  /** How a run begins, decided under the output's lock. */
  private sealed interface Start {
    /** No journal and no output of these inputs: a new run. */
    record Fresh() implements Start {}

    /** A journal of an unfinished run; {@code base} is the output it tops up, or null. */
    record Resume(ExistingOutput base, long baseRecords) implements Start {}

    /** A complete output of the same inputs with fewer records than asked for. */
    record TopUp(ExistingOutput base, long baseRecords) implements Start {}

    /** The output already holds exactly the records asked for. */
    record Complete(long records) implements Start {}
  }

  SynthesisResult run(Inputs rawInputs, Path output, PriceTable prices) {
    Inputs inputs = config.validate() ? SeedCheck.apply(rawInputs, config.strict(), listener::onNotice) : rawInputs;
    OutputFormat format = OutputFormat.resolve(config.format(), output);
    if (!config.validate() && format.typed()) {
      throw new ConfigException(Setting.VALIDATE, Message.of("error.typed_format.unvalidated", format.name(),
          Setting.VALIDATE, Setting.FORMAT));
    }
    OutputFiles files = OutputFiles.of(output);
    AtomicFiles.checkTarget(output, true);
    PromptBuilder prompts = new PromptBuilder(inputs.schema(), inputs.seeds(), inputs.guidelines(),
        config.promptSettings());
    ModelProfile profile = ModelCheck.profile(config);
    ModelCheck.check(config, profile).ifPresent(listener::onNotice);
    TemplateCheck.check(config).ifPresent(listener::onNotice);
    DataTypeCheck.check(config, inputs.schema()).ifPresent(listener::onNotice);
    ProviderCheck.check(config, env, true).ifPresent(listener::onNotice);
    JudgeSetup judge = JudgeSetup.resolve(config, inputs, prompts.language(), prices);
    Plan diversity = Plan.resolve(inputs.schema(), config.plan(), judge == null || judge.selfField() == null
        ? java.util.Set.of() : java.util.Set.of(judge.selfField()));
    ModelPrice price = prices.lookup(config.model()).orElse(null);
    if (config.maxCost() != null && price == null) {
      throw new ConfigException(Setting.MAX_COST, Message.of("error.max_cost.no_price", config.model(),
          Setting.PRICES, Setting.MAX_COST));
    }
    List<ProviderSettings> settings = endpoints(profile);
    String inputsFingerprint = Fingerprints.inputs(inputs);
    Path createdFolder = firstMissingFolder(output.toAbsolutePath().getParent());
    TokenCounter counter = TokenCounter.of(profile, config.model());
    if (config.mode() == RunMode.BATCH && settings.size() > 1) {
      throw new ConfigException(Setting.MODE, Message.of("error.batch.fleet", settings.size(), Setting.MODE,
          Setting.BASE_URL));
    }
    boolean batch = CostPlan.batch(config, profile);
    CostPlan plan = CostPlan.decide(config, profile, inputs, prompts, counter, batch);
    plan.notices().forEach(listener::onNotice);
    prompts = plan.prompts();
    String promptFingerprint = Fingerprints.promptSettings(config, prompts, inputs, profile, plan.layout());

    try (OutputLock lock = OutputLock.acquire(files.lock(), output, guard)) {
      Start start = decide(files, format, inputsFingerprint);
      if (start instanceof Start.Complete c) {
        listener.onNotice(Message.of("notice.already_complete", output, c.records(), Setting.COUNT, Setting.FORCE));
        return alreadyComplete(files, format, c.records(), prices);
      }
      ExistingOutput base = start instanceof Start.TopUp t ? t.base()
          : start instanceof Start.Resume r ? r.base() : null;
      long baseRecords = start instanceof Start.TopUp t ? t.baseRecords()
          : start instanceof Start.Resume r ? r.baseRecords() : 0;
      try (QualityPath quality = QualityPath.of(inputs.schema(), config.validate(), config.nearDuplicateThreshold(),
          config.count() + inputs.seeds().size())) {
        quality.addSeeds(inputs.seeds());
        if (base != null) {
          long[] n = {0};
          base.forEach((record, p) -> quality.remember(record, ++n[0]));
        }
        JournalReplay replay = new JournalReplay(quality, config.count(), baseRecords, config.provider().id(),
            config.model());
        io.datasynth.judge.Judgements judgements = new io.datasynth.judge.Judgements(judge != null);
        if (judge != null) {
          replay.judging(judgements, judge.minimum(), judge.selfField(), judge.scale().disagreement());
        } else if (diversity.hasAxes() || diversity.seedGuide()) {
          replay.keepRecords();
        }
        BatchLedger batches = new BatchLedger();
        PendingRepairs repairs = new PendingRepairs();
        Journal journal = Journal.open(files.journal(), lock, guard, replay.andThen(batches).andThen(repairs));
        try {
          if (journal.contents().isEmpty()) {
            RunManifest.builder().put("inputs", inputsFingerprint).put("base_records", baseRecords)
                .put("base_sha256", base == null ? "" : base.sha256()).build().write(files.manifest(), guard);
            if (base != null) {
              carryRejects(files, journal, replay);
              listener.onNotice(Message.of("notice.topping_up", output, baseRecords, config.count()));
            }
          } else {
            noticeReplay(journal, replay, files, promptFingerprint);
          }
          // Batches an earlier run left unsettled are collected whatever the mode now: they are paid for.
          boolean batched = batch || !batches.pending().isEmpty();
          SynthesisResult result = generate(inputs, files, format, batched ? plan.forBatches() : plan, profile, price,
              settings, counter, quality, replay, journal, base, promptFingerprint, inputsFingerprint, prices,
              createdFolder, batched ? batches : null, repairs, new Screening(diversity, judge, judgements));
          return result;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
          // Whatever escaped, the journal holds every record accepted so far: say so rather than lose the run.
          throw RunAbortedException.of(e, files.journal(), -1);
        } finally {
          journal.close();
        }
      }
    }
  }

  /**
   * The output with its metadata, measured for the quality report as it was written; null before {@link #run}
   * returns, when nothing was written, the report is off, or the format could not say what a reader will read.
   */
  QualityReports.Measured measured() {
    return measured;
  }

  /**
   * Where the run sends: the endpoints of a fleet, each with its own key variable or the run's, else the one base
   * URL. Resolved before anything starts, so a missing key fails the run before it pays for anything.
   */
  private List<ProviderSettings> endpoints(ModelProfile profile) {
    if (config.endpoints().isEmpty()) {
      return List.of(ProviderSettings.resolve(config.provider(), config.model(), config.baseUrl(),
          config.apiKeyVariable(), env, config.requestTimeout(), profile));
    }
    List<ProviderSettings> list = new ArrayList<>();
    for (io.datasynth.provider.Endpoint e : config.endpoints().endpoints()) {
      list.add(ProviderSettings.resolve(config.provider(), config.model(), e.baseUrl(),
          e.keyVariable() != null ? e.keyVariable() : config.apiKeyVariable(), env, config.requestTimeout(), profile));
    }
    return list;
  }

  private Start decide(OutputFiles files, OutputFormat format, String inputsFingerprint) {
    Path journalPath = files.journal();
    boolean journal = isNonEmptyFile(journalPath);
    if (journal && config.resume() == ResumeMode.NEVER) {
      AtomicFiles.checkTarget(files.output(), config.force());
      Path aside = moveAside(journalPath);
      deleteQuietly(files.manifest());
      listener.onNotice(Message.of("notice.no_resume", aside, SettingValue.of(Setting.RESUME, false)));
      journal = false;
    }
    if (journal) {
      long baseRecords = 0;
      ExistingOutput base = null;
      if (RunManifest.exists(files.manifest())) {
        Map<String, String> m = RunManifest.read(files.manifest(), guard).settings();
        String inputs = m.get("inputs");
        if (inputs != null && !inputs.equals(inputsFingerprint)) {
          throw new ConfigException(null, Message.of("error.resume.other_inputs", journalPath,
              SettingValue.of(Setting.RESUME, false)));
        }
        baseRecords = Long.parseLong(m.getOrDefault("base_records", "0"));
        if (baseRecords > 0) {
          base = Files.isRegularFile(files.output()) ? ExistingOutput.read(files, format, guard) : null;
          if (base == null || !base.sha256().equals(m.get("base_sha256"))) {
            throw new ConfigException(null, Message.of("error.resume.base_changed", files.output(), journalPath,
                SettingValue.of(Setting.RESUME, false)));
          }
        }
      }
      return new Start.Resume(base, baseRecords);
    }
    if (config.resume() == ResumeMode.ALWAYS) {
      throw new ConfigException(Setting.RESUME, Message.of("error.resume.nothing", journalPath));
    }
    if (!Files.exists(files.output()) || config.force()) {
      return new Start.Fresh();
    }
    ExistingOutput existing;
    try {
      existing = ExistingOutput.read(files, format, guard);
    } catch (InputException notOurs) {
      existing = null;
    }
    if (existing == null || !inputsFingerprint.equals(existing.inputsFingerprint())) {
      throw InputException.of(files.output(), Message.of(existing == null || existing.inputsFingerprint() == null
          ? "output.exists" : "output.exists.other_inputs"), AtomicFiles.overwriteFix());
    }
    long count = existing.count();
    if (count < config.count()) {
      return new Start.TopUp(existing, count);
    }
    if (count == config.count()) {
      return new Start.Complete(count);
    }
    throw new ConfigException(Setting.COUNT, Message.of("error.output.more_than_asked", files.output(), count,
        config.count(), Setting.FORCE, Setting.OUTPUT));
  }

  /**
   * Carries a topped-up output's rejects file into the new journal: its surplus records become candidates again
   * (the run delivers them first, paying nothing for them), every other line is kept as it is.
   */
  private void carryRejects(OutputFiles files, Journal journal, JournalReplay replay) {
    Path rejects = files.rejects();
    if (!Files.isRegularFile(rejects)) {
      return;
    }
    List<JournalEvent> events = new ArrayList<>();
    for (var line : io.datasynth.json.JsonFiles.parseJsonLines(rejects, guard.readText(rejects))) {
      if (!(line.value() instanceof ObjectNode o)) {
        continue;
      }
      JsonNode record = o.get("record");
      if ("surplus".equals(o.path("reason").path("code").asText()) && record instanceof ObjectNode r) {
        events.add(new JournalEvent.RecordRejected(r, null, new RejectReason.Surplus(),
            o.path("provenance").isObject() ? JournalCodec.provenance(o.get("provenance")) : null));
      } else {
        events.add(new JournalEvent.RejectCarried(o));
      }
    }
    journal.append(events);
    events.forEach(replay);
  }

  private void noticeReplay(Journal journal, JournalReplay replay, OutputFiles files, String promptFingerprint) {
    if (journal.contents().tornLineDropped()) {
      listener.onNotice(Message.of("notice.journal.torn"));
    }
    if (journal.contents().damagedLines() > 0) {
      listener.onNotice(Message.of("notice.journal.damaged", journal.contents().damagedLines(), files.journal()));
    }
    long dropped = replay.withdrawn.size() - replay.judgedOut;
    if (dropped > 0) {
      listener.onNotice(Message.of("notice.journal.dropped", dropped, files.rejects()));
    }
    listener.onNotice(Message.of("notice.resuming", replay.delivered(), files.journal()));
    long other = replay.deliveredBySettings.entrySet().stream().filter(e -> !e.getKey().equals(promptFingerprint))
        .mapToLong(Map.Entry::getValue).sum();
    if (other > 0) {
      listener.onNotice(Message.of("notice.resuming.other_settings", other));
    }
  }

  private SynthesisResult generate(Inputs inputs, OutputFiles files, OutputFormat format, CostPlan plan,
      ModelProfile profile, ModelPrice price, List<ProviderSettings> settings, TokenCounter counter,
      QualityPath quality,
      JournalReplay replay, Journal journal, ExistingOutput base, String promptFingerprint, String inputsFingerprint,
      PriceTable prices, Path createdFolder, BatchLedger batches, PendingRepairs repairs, Screening screen) {
    List<RunSummary> earlier = new ArrayList<>();
    if (base != null) {
      base.runs().forEach(r -> earlier.add(RunReportJson.parseRun(r)));
    }
    earlier.addAll(replay.summaries(prices));
    int run = earlier.stream().mapToInt(RunSummary::run).max().orElse(0) + 1;
    Instant startedAt = clock.instant();
    long started = clock.nanoTime();
    journal.append(new JournalEvent.RunStarted(run, startedAt, config.provider().id(), config.model(),
        promptFingerprint, config.count()));

    GenerationStage stage = GenerationStage.builder()
        .settings(new GenerationSettings(config.count(), config.batchSize(),
            Sizing.maxTokensPerRecord(inputs.schema(), inputs.seeds(), counter), config.maxTokens(),
            profile.reasoning().reserveFor(config.reasoningEffort()), profile.maxOutputTokens(),
            config.temperature(), config.reasoningEffort()))
        .prompts(plan.prompts()).tokens(counter).parser(new ReplyParser(inputs.schema().fieldNames()))
        .responseSchema(plan.responseSchema()).cache(plan.cache()).repairs(plan.repairs())
        .quality(quality).journal(journal).ledger(replay.ledger)
        .provenance(new ProvenanceTemplate(config.provider().id(), config.model(), run, promptFingerprint))
        .clock(clock).listener(listener).firstBatchIndex(replay.lastBatch + 1)
        .before(replay.delivered(), replay.ordinals)
        .plan(screen.coverage(config, replay, base), screen.guide(config, inputs, replay))
        .accepted(screen.judge == null ? null : a -> screen.stage.enqueue(new JudgeStage.Item(a.ordinal(),
            a.record(), a.provenance())))
        .probeFirst(batches != null)
        .resume(batches == null ? List.of() : batches.unsettledCalls())
        .repairsPending(repairs.pending())
        .build();
    io.datasynth.provider.Usage spentBefore = earlier.stream().map(RunSummary::usage)
        .reduce(io.datasynth.provider.Usage.ZERO, io.datasynth.provider.Usage::plus);
    Double spentBeforeUsd = null;
    if (price != null && earlier.stream().allMatch(r -> r.costUsd() != null)) {
      spentBeforeUsd = earlier.stream().mapToDouble(RunSummary::costUsd).sum();
    }
    RunOutcome outcome;
    CallScheduler[] holder = new CallScheduler[1];
    List<LlmClient> opened = new ArrayList<>();
    BatchDispatcher dispatcher = null;
    try {
      CallScheduler.Builder sb = CallScheduler.builder();
      for (int i = 0; i < settings.size(); i++) {
        LlmClient client = clients.apply(settings.get(i));
        opened.add(client);
        sb.endpoint(client, config.endpoints().isEmpty() ? 1 : config.endpoints().endpoints().get(i).weight());
      }
      // The judge's own model is asked at the first endpoint, online, and shares that endpoint's limits.
      LlmClient judgeClient = screen.judge == null || screen.judge.sameModel() ? null
          : clients.apply(judgeSettings(screen.judge));
      if (judgeClient != null) {
        opened.add(judgeClient);
      }
      if (batches != null) {
        dispatcher = batchDispatcher(settings.get(0), opened.get(0), journal, batches);
      }
      // In batch mode calls wait in the provider's queue, not on its servers: the window is the whole wave.
      int window = dispatcher == null ? config.concurrency() : Math.max(config.concurrency(),
          (int) Math.min(BATCH_WINDOW_MAX, 2L * (config.count() / Math.max(1, config.batchSize()) + 1)));
      sb.settings(new SchedulerSettings(window, config.maxRetries(), config.retryDelay(),
              profile.acceptsTemperature() ? profile.temperatureMax() : 0, config.maxCost(), config.maxRequests(),
              SchedulerSettings.DEFAULT_MAX_WAIT, config.seed()))
          .tokens(counter).price(price).spentBefore(spentBefore).spentBeforeUsd(spentBeforeUsd)
          .otherPricesBefore(judgeCostBeyond(earlier, price, screen))
          .clock(clock).control(control)
          .listener(new Progress(stage, holder, started, dispatcher));
      if (dispatcher != null) {
        sb.dispatcher(dispatcher).wideWindow(true);
      }
      CallScheduler scheduler = sb.build();
      holder[0] = scheduler;
      stage.attach(scheduler);
      if (screen.judge != null) {
        screen.stage = judgeStage(screen, journal, counter, judgeClient, stage, replay);
        if (replay.judgements.size() > 0) {
          listener.onNotice(Message.of("notice.judge.replayed", replay.judgements.size()));
        }
      }
      outcome = scheduler.run(screen.stage == null ? List.of(stage) : List.of(stage, screen.stage));
      if (dispatcher != null) {
        dispatcher.drainNotices(listener::onNotice);
        int running = dispatcher.progress().running().size();
        if (running > 0) {
          listener.onNotice(Message.of("notice.batch.left_running", running, files.journal()));
        }
      }
    } finally {
      if (dispatcher != null) {
        dispatcher.close();
      }
      opened.forEach(LlmClient::close);
    }
    CallScheduler scheduler = holder[0];
    Duration elapsed = Duration.ofNanos(clock.nanoTime() - started);
    CallScheduler.Counts counts = scheduler.counts();
    journal.append(new JournalEvent.RunEnded(run, clock.instant(), elapsed, counts.requestsSent(), counts.retries(),
        counts.rateLimited(), counts.failures(), fleet(counts)));
    RunSummary thisRun = thisRun(run, startedAt, elapsed, promptFingerprint, stage.tally(), counts, prices, screen);
    RunStats stats = stats(stage.tally(), scheduler, elapsed, spentBefore);
    listener.onProgress(stats);
    return finish(inputs, files, format, journal, replay, base, earlier, thisRun, outcome, promptFingerprint,
        inputsFingerprint, stage.tally(), stats, createdFolder, screen, quality.seedCopiesRuledOut());
  }

  /**
   * What earlier runs' judge calls to another model cost beyond the generation price of their tokens, which the
   * budget's spend so far counts at the generation price.
   */
  private static double judgeCostBeyond(List<RunSummary> earlier, ModelPrice price, Screening screen) {
    if (price == null || screen.judge == null || screen.judge.sameModel()) {
      return 0;
    }
    double extra = 0;
    for (RunSummary r : earlier) {
      if (r.judge() != null && r.judge().costUsd() != null) {
        extra += r.judge().costUsd() - price.cost(r.judge().usage());
      }
    }
    return extra;
  }

  /** The judge stage of a run: it takes back what it rejects from generation, which then tops it up. */
  private JudgeStage judgeStage(Screening screen, Journal journal, TokenCounter counter, LlmClient judgeClient,
      GenerationStage generation, JournalReplay replay) {
    JudgeSetup j = screen.judge;
    JudgeStage js = JudgeStage.builder().prompts(j.prompts()).scale(j.scale(), j.minimum()).selfField(j.selfField())
        .model(j.model()).batchSize(j.batchSize()).journal(journal)
        .tokens(j.sameModel() ? counter : TokenCounter.of(j.profile(), j.model()))
        .route(judgeClient, j.sameModel() ? null : j.price())
        .requests(j.profile().acceptsTemperature() ? config.temperature() : null,
            j.profile().reasoning().reserveFor(config.reasoningEffort()), j.profile().maxOutputTokens(),
            j.answerSchema())
        .flush(() -> generation.finished() || generation.idle())
        .outcomes((item, reason) -> {
          generation.withdraw(item.ordinal(), item.record(), item.provenance(), reason);
          replay.withdrawn.put(item.ordinal(), reason);
        })
        .judgements(screen.judgements)
        .build();
    replay.records.forEach((ordinal, a) -> {
      if (replay.ledger.isDelivered(ordinal) && !screen.judgements.isJudged(ordinal)) {
        js.enqueue(new JudgeStage.Item(ordinal, a.record(), a.provenance()));
      }
    });
    return js;
  }

  /** The run's diversity plan and rubric judge, and what they track. */
  private static final class Screening {
    final Plan plan;
    final JudgeSetup judge;
    final io.datasynth.judge.Judgements judgements;
    Coverage coverage;
    SeedGuide guide;
    JudgeStage stage;

    Screening(Plan plan, JudgeSetup judge, io.datasynth.judge.Judgements judgements) {
      this.plan = plan;
      this.judge = judge;
      this.judgements = judgements;
    }

    /**
     * The plan's coverage with the records delivered before counted (those of a topped-up output too), or null
     * when it has no axes.
     */
    Coverage coverage(SynthesisConfig config, JournalReplay replay, ExistingOutput base) {
      if (!plan.hasAxes()) {
        return null;
      }
      coverage = new Coverage(plan, config.count(), config.seed());
      if (base != null) {
        long[] n = {0};
        base.forEach((record, p) -> {
          if (++n[0] <= replay.baseRecords()) {
            coverage.delivered(coverage.labelsOf(record, p == null ? Map.of() : JournalCodec.plan(p.get("plan"))));
          }
        });
      }
      replay.records.forEach((ordinal, a) -> {
        if (replay.ledger.isDelivered(ordinal)) {
          coverage.delivered(coverage.labelsOf(a.record(), a.provenance() == null ? Map.of()
              : a.provenance().plan()));
        }
      });
      return coverage;
    }

    /** The seed guide with the records delivered before observed, or null without seeds or guidance. */
    SeedGuide guide(SynthesisConfig config, Inputs inputs, JournalReplay replay) {
      if (!plan.seedGuide() || inputs.seeds().isEmpty()) {
        return null;
      }
      guide = new SeedGuide(inputs.seeds(), config.examplesPerPrompt(), config.seed());
      replay.records.forEach((ordinal, a) -> {
        if (replay.ledger.isDelivered(ordinal)) {
          guide.observe(a.record());
        }
      });
      return guide;
    }

    /** The plan and its coverage for the report, or null when the plan has no axes. */
    RunReport.PlanReport report() {
      return coverage == null ? null : new RunReport.PlanReport(plan.toJson(), coverage.toJson(),
          guide == null ? null : guide.toJson());
    }
  }

  private SynthesisResult finish(Inputs inputs, OutputFiles files, OutputFormat format, Journal journal,
      JournalReplay replay, ExistingOutput base, List<RunSummary> earlier, RunSummary thisRun, RunOutcome outcome,
      String promptFingerprint, String inputsFingerprint, GenerationTally tally, RunStats stats,
      Path createdFolder, Screening screen, boolean seedCopiesRuledOut) {
    RunOutputWriter writer = new RunOutputWriter(files, format, guard, inputs.schema(), config.count())
        .judged(screen.judge == null ? null : screen.judgements);
    RunOutputWriter.Plan plan = writer.plan(replay.baseRecords(), tally.ordinals(), replay.ledger, replay.withdrawn);
    List<RunSummary> runs = new ArrayList<>(earlier);
    runs.add(thisRun);
    Map<String, Long> bySettings = new LinkedHashMap<>(replay.deliveredBySettings);
    if (base != null) {
      base.deliveredBySettings(replay.baseRecords()).forEach((k, v) -> bySettings.merge(k, v, Long::sum));
    }
    bySettings.merge(promptFingerprint, tally.delivered() - tally.resumed(), Long::sum);
    bySettings.values().removeIf(v -> v <= 0);
    Map<String, Long> invalid = new LinkedHashMap<>(replay.invalidByRule);
    tally.invalidByRule().forEach((k, v) -> invalid.merge(k, v, Long::sum));
    boolean complete = plan.records() >= config.count();
    RunReport draft = new RunReport(outcome, config.count(), plan.records(), plan.surplus(), runs, bySettings, invalid,
        List.of(), new RunReport.Files(files.output(), null, complete ? null : files.journal(), null, null), null,
        screen.report());

    if (plan.records() == 0 && replay.baseRecords() == 0 && journalHoldsNothingPaid(runs)) {
      // Nothing was produced or paid for: leave no journal, lock or empty folder behind.
      journal.delete();
      deleteQuietly(files.manifest());
      deleteQuietly(files.lock());
      if (createdFolder != null) {
        deleteEmptyFolders(files.output().toAbsolutePath().getParent(), createdFolder);
      }
      return new SynthesisResult(new RunReport(outcome, config.count(), 0, 0, runs, bySettings, invalid, List.of(),
          new RunReport.Files(null, null, null, null, null), null), stats);
    }
    ObjectNode meta = Metadata.of(clock.instant(), config.model(), config.provider().id(), config,
        inputs.seeds().size(), plan.records(), draft, inputsFingerprint);
    RunOutputWriter.Written written;
    // The report measures the records as they are written instead of reading the output again. They are the
    // records as the run checked them, so the run's finding that none copies a seed holds for them.
    try (io.datasynth.metrics.MetricsCollector collector = !config.report() ? null
        : QualityReports.builder().run(config).build().collector(inputs.schema(), inputs.seeds(), meta,
            seedCopiesRuledOut)) {
      written = writer.measuring(collector).write(() -> meta, SchemaWriter.asGiven(inputs.schema()), base,
          replay.baseRecords(), journal, plan, replay.ledger, replay.withdrawn, config.stats());
      io.datasynth.metrics.DatasetMetrics metrics = writer.measured();
      measured = metrics == null ? null : new QualityReports.Measured(meta, metrics);
    }
    if (!"json".equals(format.name())) {
      ObjectNode sidecar = io.datasynth.json.Json.object();
      sidecar.set("metadata", meta);
      sidecar.set("schema", SchemaWriter.asGiven(inputs.schema()));
      AtomicFiles.writeString(files.meta(), guard, io.datasynth.json.Json.pretty(sidecar) + "\n");
    }
    Path keptJournal = files.journal();
    if (complete) {
      journal.delete();
      deleteQuietly(files.manifest());
      keptJournal = null;
    }
    RunReport report = new RunReport(outcome, config.count(), written.records(), written.surplus(), runs, bySettings,
        invalid, written.samples(), new RunReport.Files(files.output(), written.rejectsWritten() ? files.rejects()
        : null, keptJournal, written.fieldStats() == null ? null : files.stats(), null), written.fieldStats(),
        screen.report());
    return new SynthesisResult(report, stats);
  }

  private static boolean journalHoldsNothingPaid(List<RunSummary> runs) {
    return runs.stream().allMatch(r -> r.usage().totalTokens() == 0 && r.received() == 0);
  }

  private SynthesisResult alreadyComplete(OutputFiles files, OutputFormat format, long records, PriceTable prices) {
    ExistingOutput existing = ExistingOutput.read(files, format, guard);
    List<RunSummary> runs = new ArrayList<>();
    existing.runs().forEach(r -> runs.add(RunReportJson.parseRun(r)));
    RunReport report = new RunReport(new RunOutcome.Completed(), config.count(), records, 0, runs, Map.of(), Map.of(),
        List.of(), new RunReport.Files(files.output(), Files.isRegularFile(files.rejects()) ? files.rejects() : null,
        null, null, null), null);
    RunStats stats = new RunStats(config.count(), records, records, 0, Map.of(), Map.of(), 0, 0, 0, 0, 0, Map.of(),
        0, 0, report.usage(), report.costUsd(), Duration.ZERO, 0);
    return new SynthesisResult(report, stats);
  }

  private RunSummary thisRun(int run, Instant startedAt, Duration elapsed, String settings, GenerationTally tally,
      CallScheduler.Counts counts, PriceTable prices, Screening screen) {
    RunSummaryBuilder b = new RunSummaryBuilder(run, "api", config.provider().id(), config.model(), settings,
        startedAt);
    b.spent(tally.spending(), 0);
    if (screen.judge != null) {
      b.judge(screen.judge.model(), screen.judge.minimum(), screen.judge.selfField(),
          screen.judge.scale().disagreement());
      if (screen.stage != null) {
        b.spent(screen.stage.tally().spending(), 0);
        b.judgeTally(screen.stage.tally());
      }
    }
    b.delivered(tally.delivered() - tally.resumed());
    tally.rejected().forEach((code, n) -> {
      for (long i = 0; i < n; i++) {
        b.rejected(code);
      }
    });
    b.ended(elapsed, counts.requestsSent(), counts.retries(), counts.rateLimited(), counts.failures());
    b.endpoints(fleet(counts));
    return b.build(prices);
  }

  /** What each endpoint did, for a fleet; none for a run that sent to one endpoint. */
  static List<io.datasynth.engine.EndpointStats> fleet(CallScheduler.Counts counts) {
    List<io.datasynth.engine.EndpointStats> endpoints = counts.endpoints();
    return endpoints.size() > 1 ? endpoints : List.of();
  }

  /** Where the judge's own model is asked: the first endpoint of a fleet, else the run's base URL. */
  private ProviderSettings judgeSettings(JudgeSetup judge) {
    String baseUrl = config.baseUrl();
    String keyVariable = config.apiKeyVariable();
    if (!config.endpoints().isEmpty()) {
      io.datasynth.provider.Endpoint first = config.endpoints().endpoints().get(0);
      baseUrl = first.baseUrl();
      keyVariable = first.keyVariable() != null ? first.keyVariable() : config.apiKeyVariable();
    }
    return ProviderSettings.resolve(config.provider(), judge.model(), baseUrl, keyVariable, env,
        config.requestTimeout(), judge.profile());
  }

  /** The batch dispatcher of a run, resuming the batches its journal has pending. */
  private BatchDispatcher batchDispatcher(ProviderSettings settings, LlmClient client, Journal journal,
      BatchLedger batches) {
    java.time.Instant deadline = config.deadline() == null ? null : clock.instant().plus(config.deadline());
    BatchOptions options = BatchOptions.defaults(deadline, config.topUpOnline(), config.cache(), config.concurrency())
        .withWaits(batchSetup.settle(), batchSetup.firstPoll(), batchSetup.maxPoll());
    return BatchDispatcher.builder().api(batchSetup.apis().apply(settings)).online(client).journal(journal)
        .clock(clock).options(options).resume(batches.pending()).build();
  }

  /** The most calls a batch-mode run keeps in flight at once (the larger batch limit). */
  private static final int BATCH_WINDOW_MAX = 100_000;

  private RunStats stats(GenerationTally t, CallScheduler s, Duration elapsed, io.datasynth.provider.Usage before) {
    CallScheduler.Counts c = s.counts();
    io.datasynth.provider.Usage usage = before.plus(c.usage());
    return new RunStats(config.count(), t.delivered(), t.resumed(), t.received(), t.rejected(), t.invalidByRule(),
        c.requestsSent(), c.replies(), c.retries(), c.failedCalls(), c.rateLimited(), c.failures(),
        t.truncatedReplies(), t.cutOffBeforeText(), usage, s.spent(), elapsed, s.inFlight(), c.endpoints());
  }

  /** Turns the scheduler's events into the listener's, with a snapshot of the counts. */
  private final class Progress extends SchedulerEvents {
    private final GenerationStage stage;
    private final CallScheduler[] scheduler;
    private final long started;
    private final BatchDispatcher batches;

    Progress(GenerationStage stage, CallScheduler[] scheduler, long started, BatchDispatcher batches) {
      super(GenerationRun.this.listener);
      this.stage = stage;
      this.scheduler = scheduler;
      this.started = started;
      this.batches = batches;
    }

    @Override
    public void onTick() {
      if (batches != null) {
        batches.drainNotices(listener::onNotice);
      }
      if (scheduler[0] != null) {
        CallScheduler s = scheduler[0];
        Double spent = s.spent();
        GenerationTally t = stage.tally();
        CallScheduler.Counts c = s.counts();
        listener.onProgress(new RunStats(config.count(), t.delivered(), t.resumed(), t.received(), t.rejected(),
            t.invalidByRule(), c.requestsSent(), c.replies(), c.retries(), c.failedCalls(), c.rateLimited(),
            c.failures(), t.truncatedReplies(), t.cutOffBeforeText(), c.usage(), spent,
            Duration.ofNanos(clock.nanoTime() - started), s.inFlight(), c.endpoints()));
      }
    }
  }

  private static boolean isNonEmptyFile(Path p) {
    try {
      return Files.isRegularFile(p) && Files.size(p) > 0;
    } catch (IOException e) {
      return Files.exists(p);
    }
  }

  private static Path moveAside(Path journal) {
    String name = journal.getFileName().toString().replace(".jsonl", "");
    for (int i = 1; ; i++) {
      Path aside = journal.resolveSibling(name + ".old-" + i + ".jsonl");
      if (!Files.exists(aside)) {
        try {
          Files.move(journal, aside, StandardCopyOption.ATOMIC_MOVE);
          return aside;
        } catch (IOException e) {
          throw new ConfigException(Message.of("journal.cannot_move", journal, String.valueOf(e.getMessage())), e);
        }
      }
    }
  }

  /** The outermost folder of {@code folder}'s path that does not exist yet (the one a run creates), or null. */
  private static Path firstMissingFolder(Path folder) {
    Path missing = null;
    for (Path f = folder; f != null && !Files.exists(f); f = f.getParent()) {
      missing = f;
    }
    return missing;
  }

  /** Deletes {@code folder} and its parents up to {@code outermost} while they are empty. */
  private static void deleteEmptyFolders(Path folder, Path outermost) {
    for (Path f = folder; f != null && f.startsWith(outermost); f = f.getParent()) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException notEmpty) {
        return;
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a stale file beside the output is harmless: the next run rewrites or ignores it
    }
  }
}
