package io.datasynth.generate;

import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.TokenCounter;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunControl;
import io.datasynth.engine.RunOutcome;
import io.datasynth.journal.Journal;
import io.datasynth.journal.JournalEvent;
import io.datasynth.journal.Ledger;
import io.datasynth.journal.OutputLock;
import io.datasynth.json.Json;
import io.datasynth.model.ModelProfiles;
import io.datasynth.parse.ReplyParser;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.prompt.PromptSettings;
import io.datasynth.provider.ProviderKind;
import io.datasynth.quality.QualityPath;
import io.datasynth.schedule.CallScheduler;
import io.datasynth.schedule.SchedulerListener;
import io.datasynth.schedule.SchedulerSettings;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import io.datasynth.sink.FileGuard;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the generation stage on the call scheduler against a {@link SimulatedProvider} in simulated time, and keeps
 * what it saw.
 */
final class StageHarness {
  static final Schema SCHEMA = new Schema("test", "", List.of(Field.of("instruction", FieldType.TEXT),
      Field.of("response", FieldType.TEXT)), List.of());
  static final List<Seed> SEEDS = List.of(
      new Seed(1, "seed #1", seed("Name three primary colours", "Red, yellow and blue.")),
      new Seed(2, "seed #2", seed("What is the capital of Peru?", "Lima is the capital of Peru.")));

  final SimulatedClock clock = new SimulatedClock();
  final SimulatedProvider provider = new SimulatedProvider(clock);
  /** When not empty, the run sends to these endpoints (with their weights) instead of {@link #provider}. */
  final java.util.Map<SimulatedProvider, Integer> fleet = new java.util.LinkedHashMap<>();
  final RunControl control = new RunControl();
  final List<String> notices = new ArrayList<>();
  final List<Duration> pauses = new ArrayList<>();
  final Path journalFile;
  final Path lockFile;
  int target = 20;
  int batchSize = 5;
  int concurrency = 8;
  int maxRetries = 3;
  Duration retryDelay = Duration.ofSeconds(2);
  Duration maxWait = SchedulerSettings.DEFAULT_MAX_WAIT;
  int maxTokens;
  Double temperature;
  String reasoningEffort;
  int reasoningReserve;
  int modelMaxTokens = 128_000;
  /** Receives what the stage delivers, as the judge would; may be null. */
  java.util.function.Consumer<GenerationStage.Accepted> accepted;
  /** The journal as the stage sees it, counting writes and forced writes. */
  CountingLog log;
  BigDecimal maxCost;
  long maxRequests;
  ModelPrice price = new ModelPrice("claude-sonnet-5-5", 3, 15, 0.3, 3.75);

  /** How a run ended and what it counted. */
  record Result(RunOutcome outcome, GenerationTally tally, CallScheduler.Counts counts, Double costUsd) {
    boolean completed() {
      return outcome instanceof RunOutcome.Completed;
    }

    /** The outcome's message in English, settings by their keys. */
    String message() {
      Message m = outcome instanceof RunOutcome.Failed f ? f.message()
          : outcome instanceof RunOutcome.Stopped s ? s.message() : null;
      return m == null ? "" : Messages.english().render(m);
    }
  }

  StageHarness(Path dir) {
    this.journalFile = dir.resolve("out.journal.jsonl");
    this.lockFile = dir.resolve(".out.json.lock");
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode seed(String i, String r) {
    var o = Json.object();
    o.put("instruction", i);
    o.put("response", r);
    return o;
  }

  Result run() {
    TokenCounter tokens = TokenCounter.of(ModelProfiles.bundled().lookup(ProviderKind.OPENAI, "gpt-4o"), "gpt-4o");
    try (OutputLock lock = OutputLock.acquire(lockFile, journalFile, FileGuard.unrestricted());
        QualityPath quality = QualityPath.of(SCHEMA, true, 0.8, target)) {
      quality.addSeeds(SEEDS);
      Ledger ledger = new Ledger();
      long[] ordinals = {0};
      Journal journal = Journal.open(journalFile, lock, FileGuard.unrestricted(), e -> {
        if (e instanceof JournalEvent.RecordAccepted a && quality.admit(a.record(), ++ordinals[0])
            instanceof io.datasynth.quality.Verdict.Accepted) {
          ledger.deliver(ordinals[0]);
        }
      });
      try {
        EngineListener listener = new EngineListener() {
          @Override
          public void onNotice(String message) {
            notices.add(message);
          }
        };
        GenerationStage stage = GenerationStage.builder()
            .settings(new GenerationSettings(target, batchSize, 60, maxTokens, reasoningReserve, modelMaxTokens,
                temperature, reasoningEffort))
            .prompts(new PromptBuilder(SCHEMA, SEEDS, "", PromptSettings.defaults()))
            .tokens(tokens).parser(new ReplyParser(SCHEMA.fieldNames())).quality(quality)
            .journal(log = new CountingLog(journal)).accepted(accepted)
            .ledger(ledger).provenance(new ProvenanceTemplate("test", "sim", 1, "s1")).clock(clock)
            .listener(listener).before(ledger.delivered(), ordinals[0])
            .build();
        CallScheduler.Builder builder = CallScheduler.builder();
        if (fleet.isEmpty()) {
          builder.client(provider);
        }
        fleet.forEach(builder::endpoint);
        CallScheduler scheduler = builder
            .settings(new SchedulerSettings(concurrency, maxRetries, retryDelay, 2.0, maxCost, maxRequests, maxWait,
                7))
            .tokens(tokens).price(price).clock(clock).control(control)
            .listener(new SchedulerListener() {
              @Override
              public void onPause(Duration pause, Message reason) {
                pauses.add(pause);
              }

              @Override
              public void onNotice(Message message) {
                listener.onNotice(message);
              }
            })
            .build();
        stage.attach(scheduler);
        RunOutcome outcome = scheduler.run(List.of(stage));
        return new Result(outcome, stage.tally(), scheduler.counts(), scheduler.spent());
      } finally {
        journal.close();
      }
    }
  }

  /** An event log that passes everything to a journal and counts what is written and what is forced. */
  static final class CountingLog implements io.datasynth.journal.EventLog {
    private final Journal journal;
    private long unforced;
    private long forces;

    CountingLog(Journal journal) {
      this.journal = journal;
    }

    @Override
    public void append(List<? extends JournalEvent> events) {
      journal.append(events);
      unforced = 0;
      forces++;
    }

    @Override
    public void write(List<? extends JournalEvent> events) {
      journal.write(events);
      unforced += events.size();
    }

    @Override
    public void force() {
      journal.force();
      unforced = 0;
      forces++;
    }

    /** Events written since the last forced write. */
    long unforced() {
      return unforced;
    }

    /** Forced writes so far. */
    long forces() {
      return forces;
    }
  }

  long journaledRecords() {
    long c = 0;
    try (OutputLock lock = OutputLock.acquire(lockFile, journalFile, FileGuard.unrestricted());
        Journal j = Journal.open(journalFile, lock, FileGuard.unrestricted(), e -> { })) {
      for (JournalEvent e : j.events()) {
        if (e instanceof JournalEvent.RecordAccepted) {
          c++;
        }
      }
    }
    return c;
  }

  double seconds() {
    return clock.nanoTime() / 1e9;
  }
}
