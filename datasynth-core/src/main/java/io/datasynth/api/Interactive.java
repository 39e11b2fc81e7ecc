package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.TokenCounter;
import io.datasynth.parse.ParseIssue;
import io.datasynth.parse.ParsedReply;
import io.datasynth.parse.ReplyParser;
import io.datasynth.prompt.Prompt;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.provider.Usage;
import io.datasynth.quality.Deduplicator;
import io.datasynth.quality.RecordValidator;
import io.datasynth.quality.Validation;
import io.datasynth.recipe.Inputs;
import io.datasynth.schema.Schema;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.seed.Seed;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.sink.DatasetReader;
import io.datasynth.sink.DatasetStats;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.OutputFormat;
import io.datasynth.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Interactive mode: a prompt to paste into any chat model, and the pasted reply turned into records. */
final class Interactive {
  private static final int MAX_MESSAGES = 10;

  private Interactive() {}

  static PreparedPrompt prepare(Inputs inputs, SynthesisConfig config, PromptBuilder prompts, TokenCounter counter,
      Path suggestedOutput) {
    Prompt p = prompts.build(0, config.count());
    String text = p.asSingleMessage();
    return new PreparedPrompt(text, config.count(), prompts.dataType(), prompts.language(), counter.count(text),
        suggestedOutput);
  }

  /**
   * Parses a reply and appends its new records to {@code output} (creating it), deduplicated against the seeds and
   * the records already there. The file is rewritten atomically.
   */
  static ParseReport parse(String reply, Schema schema, List<Seed> seeds, Path output, SynthesisConfig config) {
    OutputFormat format = OutputFormat.resolve(config.format(), output);
    AtomicFiles.checkTarget(output, true);
    Deduplicator dedup = new Deduplicator(schema, config.nearDuplicateThreshold());
    seeds.forEach(s -> dedup.add(s.data(), s.id()));
    List<ObjectNode> records = new ArrayList<>();
    if (Files.exists(output)) {
      for (DatasetReader.Item item : DatasetReader.read(output)) {
        if (item.object() != null) {
          records.add(item.object());
          dedup.add(item.object(), DatasetWriter.id(records.size()));
        }
      }
    }
    int before = records.size();
    ParsedReply parsed = new ReplyParser(schema.fieldNames()).parse(reply);
    RecordValidator validator = new RecordValidator(schema);
    Map<String, Long> rejected = new LinkedHashMap<>();
    List<String> messages = new ArrayList<>();
    for (ParseIssue issue : parsed.issues()) {
      rejected.merge(issue.kind().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
      note(messages, issue.kind().name().toLowerCase(Locale.ROOT) + ": " + issue.detail());
    }
    int n = 0;
    for (ObjectNode candidate : parsed.records()) {
      n++;
      ObjectNode record = candidate;
      if (config.validate()) {
        Validation v = validator.validate(candidate);
        if (v instanceof Validation.Invalid bad) {
          rejected.merge("invalid", 1L, Long::sum);
          note(messages, "record " + n + ": " + bad.violations().get(0).message());
          continue;
        }
        record = ((Validation.Valid) v).record();
      }
      Optional<Deduplicator.Match> m = dedup.add(record, DatasetWriter.id(records.size() + 1));
      if (m.isPresent()) {
        rejected.merge(m.get().exact() ? "duplicate" : "near_duplicate", 1L, Long::sum);
        note(messages, "record " + n + ": duplicate of " + m.get().id());
        continue;
      }
      records.add(record);
    }
    int added = records.size() - before;
    if (added == 0 && before == 0) {
      return new ParseReport(null, parsed.records().size(), 0, 0, rejected, messages);
    }
    if (added > 0) {
      ObjectNode meta = Metadata.of(Instant.now(), "interactive", "interactive", null, seeds.size(),
          records.size(), Usage.ZERO, null, true);
      DatasetWriter.write(output, format, meta, SchemaWriter.toJson(schema), records);
      if (config.stats()) {
        DatasetStats stats = new DatasetStats(schema);
        records.forEach(stats::add);
        AtomicFiles.writeString(DatasetStats.pathFor(output), Json.pretty(stats.toJson()) + "\n");
      }
    }
    return new ParseReport(output, parsed.records().size(), added, records.size(), rejected, messages);
  }

  private static void note(List<String> messages, String message) {
    if (messages.size() < MAX_MESSAGES) {
      messages.add(message);
    }
  }
}
