package io.datasynth.engine;

import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.TokenCounter;
import io.datasynth.journal.Journal;
import io.datasynth.model.ModelProfiles;
import io.datasynth.provider.ProviderKind;
import io.datasynth.parse.ReplyParser;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.prompt.PromptSettings;
import io.datasynth.quality.Deduplicator;
import io.datasynth.quality.RecordValidator;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import io.datasynth.json.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the engine against a {@link SimulatedProvider} in simulated time and keeps what it saw. */
final class EngineHarness {
  static final Schema SCHEMA = new Schema("test", "", List.of(Field.of("instruction", FieldType.TEXT),
      Field.of("response", FieldType.TEXT)), List.of());
  static final List<Seed> SEEDS = List.of(
      new Seed(1, "seed #1", seed("Name three primary colours", "Red, yellow and blue.")),
      new Seed(2, "seed #2", seed("What is the capital of Peru?", "Lima is the capital of Peru.")));

  final SimulatedClock clock = new SimulatedClock();
  final SimulatedProvider provider = new SimulatedProvider(clock);
  final RunControl control = new RunControl();
  final List<String> notices = new ArrayList<>();
  final List<Duration> pauses = new ArrayList<>();
  final Path journalFile;
  int target = 20;
  int batchSize = 5;
  int concurrency = 8;
  int maxRetries = 3;
  Duration retryDelay = Duration.ofSeconds(2);
  int maxTokens;
  Double temperature;
  String reasoningEffort;
  int reasoningReserve;
  int modelMaxTokens = 128_000;
  BigDecimal maxCost;
  long maxRequests;
  ModelPrice price = new ModelPrice("claude-sonnet-5-5", 3, 15, 0.3, 3.75);
  Journal journal;

  EngineHarness(Path dir) {
    this.journalFile = dir.resolve("out.journal.jsonl");
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode seed(String i, String r) {
    var o = Json.object();
    o.put("instruction", i);
    o.put("response", r);
    return o;
  }

  EngineResult run() {
    EngineSettings settings = new EngineSettings(target, batchSize, concurrency, maxRetries, retryDelay,
        temperature, 2.0, reasoningEffort, reasoningReserve, modelMaxTokens, 60, maxTokens, maxCost, maxRequests, 7);
    Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);
    SEEDS.forEach(s -> dedup.add(s.data(), s.id()));
    long[] n = {0};
    journal = Journal.open(journalFile, r -> dedup.add(r, "J" + (++n[0])));
    try {
      return Engine.builder()
          .settings(settings)
          .client(provider)
          .prompts(new PromptBuilder(SCHEMA, SEEDS, "", PromptSettings.defaults()))
          .tokens(TokenCounter.of(ModelProfiles.bundled().lookup(ProviderKind.OPENAI, "gpt-4o"), "gpt-4o"))
          .parser(new ReplyParser(SCHEMA.fieldNames()))
          .validator(new RecordValidator(SCHEMA))
          .dedup(dedup)
          .journal(journal)
          .price(price)
          .clock(clock)
          .control(control)
          .listener(new EngineListener() {
            @Override
            public void onNotice(String message) {
              notices.add(message);
            }

            @Override
            public void onPause(Duration pause, String reason) {
              pauses.add(pause);
            }
          })
          .build()
          .run();
    } finally {
      journal.close();
    }
  }

  long journaledRecords() {
    long c = 0;
    for (var ignored : Journal.records(journalFile, Long.MAX_VALUE)) {
      c++;
    }
    return c;
  }

  double seconds() {
    return clock.nanoTime() / 1e9;
  }
}
