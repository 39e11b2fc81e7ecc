package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.PriceTable;
import io.datasynth.cost.TokenCounter;
import io.datasynth.engine.Engine;
import io.datasynth.engine.EngineClock;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.EngineResult;
import io.datasynth.engine.EngineSettings;
import io.datasynth.engine.RunControl;
import io.datasynth.engine.RunOutcome;
import io.datasynth.error.ConfigException;
import io.datasynth.json.Json;
import io.datasynth.journal.Journal;
import io.datasynth.journal.RunManifest;
import io.datasynth.model.ModelProfile;
import io.datasynth.parse.ReplyParser;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.ProviderSettings;
import io.datasynth.quality.Deduplicator;
import io.datasynth.quality.RecordValidator;
import io.datasynth.recipe.Inputs;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.sink.DatasetStats;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One API-mode run from inputs to output file: resume decision, key check, engine, output and stats. Every record
 * is journaled as it is accepted; the output is written from the journal at the end (also when the run stopped
 * early), and the journal is deleted only once a complete output is safely on disk.
 */
final class GenerationRun {
  private final SynthesisConfig config;
  private final Map<String, String> env;
  private final Function<ProviderSettings, LlmClient> clients;
  private final EngineClock clock;
  private final EngineListener listener;
  private final RunControl control;

  GenerationRun(SynthesisConfig config, Map<String, String> env, Function<ProviderSettings, LlmClient> clients,
      EngineClock clock, EngineListener listener, RunControl control) {
    this.config = config;
    this.env = env;
    this.clients = clients;
    this.clock = clock;
    this.listener = listener;
    this.control = control;
  }

  SynthesisResult run(Inputs rawInputs, Path output, PriceTable prices) {
    Inputs inputs = config.validate() ? SeedCheck.apply(rawInputs, config.strict(), listener::onNotice) : rawInputs;
    OutputFormat format = OutputFormat.resolve(config.format(), output);
    AtomicFiles.checkTarget(output, true);
    PromptBuilder prompts = new PromptBuilder(inputs.schema(), inputs.seeds(), inputs.guidelines(),
        config.promptSettings());
    Path journalPath = Journal.pathFor(output);
    Path manifestPath = RunManifest.pathFor(output);
    RunManifest manifest = manifest(inputs, prompts);
    ModelPrice price = prices.lookup(config.model()).orElse(null);
    if (config.maxCost() != null && price == null) {
      throw new ConfigException("--max-cost needs the model's price, and " + config.model() + " has none; add it "
          + "with --prices FILE or drop --max-cost");
    }
    ModelProfile profile = ModelCheck.profile(config);
    ModelCheck.check(config, profile).ifPresent(listener::onNotice);
    ProviderSettings settings = ProviderSettings.resolve(config.provider(), config.model(), config.baseUrl(),
        config.apiKeyVariable(), env, config.requestTimeout(), profile);
    // Last of the checks: with --no-resume it moves the old journal aside, so nothing may refuse the run after it.
    boolean resuming = decideResume(output, journalPath, manifestPath, manifest);

    TokenCounter counter = TokenCounter.of(profile, config.model());
    Deduplicator dedup = new Deduplicator(inputs.schema(), config.nearDuplicateThreshold());
    inputs.seeds().forEach(s -> dedup.add(s.data(), s.id()));
    long[] journaled = {0};
    Journal journal = Journal.open(journalPath, r -> dedup.add(r, DatasetWriter.id(++journaled[0])));
    if (!resuming || !RunManifest.exists(manifestPath)) {
      manifest.write(manifestPath);
    }
    if (journal.contents().tornLineDropped()) {
      listener.onNotice("the journal's last line was cut off by a crash and was dropped; its record will be "
          + "generated again");
    }
    if (journal.contents().damagedLines() > 0) {
      listener.onNotice(journal.contents().damagedLines() + " damaged line(s) in " + journalPath + " could not be "
          + "read and were skipped; the records on the other lines are kept");
    }
    if (resuming) {
      listener.onNotice("resuming: " + journal.records() + " records already journaled in " + journalPath);
    }
    // The journal stays open, and so locked against other runs, until the output is written from it.
    try {
      EngineResult result;
      try (LlmClient client = clients.apply(settings)) {
        EngineSettings es = new EngineSettings(config.count(), config.batchSize(), config.concurrency(),
            config.maxRetries(), config.retryDelay(), config.temperature(),
            profile.acceptsTemperature() ? profile.temperatureMax() : 0, config.reasoningEffort(),
            profile.reasoning().reserveFor(config.reasoningEffort()), profile.maxOutputTokens(),
            Sizing.maxTokensPerRecord(inputs.schema(), inputs.seeds(), counter), config.maxTokens(),
            config.maxCost(), config.maxRequests(), config.seed());
        result = Engine.builder()
            .settings(es).client(client).prompts(prompts).tokens(counter)
            .parser(new ReplyParser(inputs.schema().fieldNames()))
            .validator(config.validate() ? new RecordValidator(inputs.schema()) : null)
            .dedup(dedup).journal(journal).price(price).clock(clock).listener(listener).control(control)
            .build().run();
      }
      return finish(inputs, output, format, journal, result);
    } finally {
      journal.close();
    }
  }

  private SynthesisResult finish(Inputs inputs, Path output, OutputFormat format, Journal journal,
      EngineResult result) {
    long count = Math.min(config.count(), journal.records());
    boolean complete = result.completed() || count >= config.count();
    Path written = null;
    ObjectNode fieldStats = null;
    if (count > 0) {
      ObjectNode meta = Metadata.of(clock.instant(), config.model(), config.provider().id(), config,
          inputs.seeds().size(), count, result.stats().usage(), result.stats().costUsd(), complete);
      meta.set("summary", Metadata.summary(result.stats()));
      DatasetWriter.write(output, format, meta, SchemaWriter.toJson(inputs.schema()),
          journal.records(count));
      written = output;
      if (config.stats()) {
        DatasetStats stats = new DatasetStats(inputs.schema());
        journal.records(count).forEach(stats::add);
        fieldStats = stats.toJson();
        AtomicFiles.writeString(DatasetStats.pathFor(output), Json.pretty(fieldStats) + "\n");
      }
    }
    Path keptJournal = journal.file();
    if (complete && journal.records() > count) {
      listener.onNotice("the journal holds " + journal.records() + " records, more than the " + count
          + " asked for; it is kept at " + journal.file() + " so none is lost");
    } else if (complete) {
      journal.delete();
      deleteQuietly(RunManifest.pathFor(output));
      keptJournal = null;
    } else if (journal.records() == 0 && journal.requests() == 0) {
      journal.delete();
      deleteQuietly(RunManifest.pathFor(output));
      keptJournal = null;
    }
    var s = result.stats();
    long dedups = s.rejected().getOrDefault("duplicate", 0L) + s.rejected().getOrDefault("near_duplicate", 0L);
    String error = null;
    if (!complete && result.outcome() instanceof RunOutcome.Stopped st) {
      // The cap covers what earlier runs of this journal spent too, so resuming under the same cap stops at once.
      error = st.message() + (st.reason() == RunOutcome.Reason.BUDGET
          ? "; raise --max-cost to go on (the spend so far counts toward it)" : "");
    } else if (!complete && result.outcome() instanceof RunOutcome.Failed f) {
      error = f.message();
    }
    return new SynthesisResult(complete, error, result.outcome(), written, keptJournal, count,
        s.failedBatches(), dedups, s.rejected(), s.usage(), s.costUsd(), s.elapsed(), s, fieldStats);
  }

  private boolean decideResume(Path output, Path journalPath, Path manifestPath, RunManifest manifest) {
    boolean journalExists = Files.exists(journalPath);
    if (journalExists && config.resume() == ResumeMode.NEVER) {
      AtomicFiles.checkTarget(output, config.force());
      Journal.requireNotInUse(journalPath);
      Path aside = moveAside(journalPath);
      deleteQuietly(manifestPath);
      listener.onNotice("--no-resume: the earlier journal was kept as " + aside);
      journalExists = false;
    }
    if (!journalExists) {
      if (config.resume() == ResumeMode.ALWAYS) {
        throw new ConfigException("--resume: there is nothing to resume, no journal at " + journalPath);
      }
      AtomicFiles.checkTarget(output, config.force());
      return false;
    }
    if (RunManifest.exists(manifestPath)) {
      List<String> changed = manifest.differences(RunManifest.read(manifestPath));
      if (!changed.isEmpty()) {
        throw new ConfigException("the unfinished run in " + journalPath + " used different settings (changed: "
            + String.join(", ", changed) + "); re-run with the same settings to resume it, or pass --no-resume to "
            + "start over (the old journal is kept aside)");
      }
    }
    return true;
  }

  private RunManifest manifest(Inputs inputs, PromptBuilder prompts) {
    return RunManifest.builder()
        .hash("schema", Json.compact(SchemaWriter.toJson(inputs.schema())))
        .hash("seeds", inputs.seeds().stream().map(s -> Json.compact(s.data())).reduce("", String::concat))
        .hash("guidelines", inputs.guidelines())
        .hash("template", config.template() == null ? "" : config.template().text())
        .put("provider", config.provider().id())
        .put("model", config.model())
        .put("temperature", config.temperature() == null ? "default" : config.temperature().toString())
        .put("reasoning_effort", config.reasoningEffort() == null ? "default" : config.reasoningEffort())
        .put("batch_size", config.batchSize())
        .put("data_type", prompts.dataType().id())
        .put("language", prompts.language())
        .put("diversity", config.diversity())
        .put("examples", config.examplesPerPrompt())
        .put("seed", config.seed())
        .put("validate", config.validate())
        .put("near_duplicate", config.nearDuplicateThreshold())
        .build();
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
          throw new ConfigException("cannot move the old journal " + journal + " aside (" + e.getMessage() + ")");
        }
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a stale manifest is harmless: it is rewritten by the next run
    }
  }
}
