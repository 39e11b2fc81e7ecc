package io.datasynth.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.TokenCounter;
import io.datasynth.engine.RunOutcome;
import io.datasynth.error.InputException;
import io.datasynth.journal.JournalCodec;
import io.datasynth.journal.OutputLock;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.parse.ParseIssue;
import io.datasynth.parse.ParsedReply;
import io.datasynth.parse.ReplyParser;
import io.datasynth.prompt.Prompt;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.provider.Usage;
import io.datasynth.quality.QualityPath;
import io.datasynth.quality.RejectReason;
import io.datasynth.quality.Verdict;
import io.datasynth.recipe.Inputs;
import io.datasynth.record.Provenance;
import io.datasynth.report.RunReport;
import io.datasynth.report.RunReportJson;
import io.datasynth.report.RunSummary;
import io.datasynth.report.RunSummaryBuilder;
import io.datasynth.schema.Schema;
import io.datasynth.schema.SchemaReader;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.seed.Seed;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.sink.DatasetReader;
import io.datasynth.sink.DatasetSource;
import io.datasynth.sink.DatasetStats;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import io.datasynth.sink.OutputFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Interactive mode: a prompt to paste into any chat model, and the pasted reply turned into records through the
 * same quality path as a run's. A parse appends to its output without damaging it: the metadata (model, tokens,
 * cost, config, runs) is kept and the parse added to it as a run, the file keeps its layout, records of another
 * schema are refused, and what was not added goes to the rejects file.
 */
final class Interactive {
  private static final int MAX_REJECTIONS = 10;

  private Interactive() {}

  static PreparedPrompt prepare(Inputs inputs, SynthesisConfig config, PromptBuilder prompts, TokenCounter counter,
      Path suggestedOutput) {
    Prompt p = prompts.build(0, config.count(), interactivePlan(inputs.schema(), config));
    String text = p.asSingleMessage();
    return new PreparedPrompt(text, config.count(), prompts.dataType(), prompts.language(), counter.count(text),
        suggestedOutput);
  }

  /**
   * What the diversity plan asks of one interactive prompt: the records split into parts by combination, drawn as
   * a run draws its batches, so interactive mode gets the same variety.
   */
  static io.datasynth.plan.BatchPlan interactivePlan(Schema schema, SynthesisConfig config) {
    io.datasynth.plan.Plan plan = io.datasynth.plan.Plan.resolve(schema, config.plan(), java.util.Set.of());
    if (!plan.hasAxes()) {
      return io.datasynth.plan.BatchPlan.NONE;
    }
    io.datasynth.plan.Coverage coverage = new io.datasynth.plan.Coverage(plan, config.count(), config.seed());
    List<io.datasynth.plan.Part> parts = new ArrayList<>();
    int left = config.count();
    for (long i = 0; left > 0; i++) {
      // Reserved and never settled: each draw fills what the ones before it left open.
      io.datasynth.plan.Coverage.Draw d = coverage.next(i, left, 1.0);
      int size = Math.min(left, d.size());
      if (!parts.isEmpty() && parts.get(parts.size() - 1).combination().equals(d.combination())) {
        io.datasynth.plan.Part last = parts.remove(parts.size() - 1);
        parts.add(new io.datasynth.plan.Part(last.combination(), last.count() + size));
      } else {
        parts.add(new io.datasynth.plan.Part(d.combination(), size));
      }
      left -= size;
    }
    return new io.datasynth.plan.BatchPlan(parts, null, List.of());
  }

  /** The combination of the {@code n}-th record (from 1) of a prompt with these parts; none past the last. */
  private static io.datasynth.plan.Combination groupOf(List<io.datasynth.plan.Part> parts, int n) {
    int end = 0;
    for (io.datasynth.plan.Part p : parts) {
      end += p.count();
      if (n <= end) {
        return p.combination();
      }
    }
    return io.datasynth.plan.Combination.NONE;
  }

  private static ObjectNode withPlan(ObjectNode provenance, io.datasynth.plan.Combination group) {
    ObjectNode p = provenance.deepCopy();
    ObjectNode plan = p.putObject("plan");
    group.labels().forEach(plan::put);
    return p;
  }

  /** The layout of an output a parse appends to. */
  enum Layout { DOCUMENT, PLAIN_LIST, LINES }

  /** What is in the output already. */
  record Existing(Layout layout, ObjectNode metadata, ObjectNode schema, List<ObjectNode> records,
      List<ObjectNode> provenance) {}

  static ParseReport parse(String reply, Schema schema, List<Seed> seeds, Path output, SynthesisConfig config,
      FileGuard guard, Instant now) {
    OutputFormat format = OutputFormat.resolve(config.format(), output);
    OutputFiles files = OutputFiles.of(output);
    AtomicFiles.checkTarget(output, true);
    ObjectNode schemaJson = SchemaWriter.toJson(schema);
    try (OutputLock lock = OutputLock.acquire(files.lock(), output, guard);
        QualityPath quality = QualityPath.of(schema, config.validate(), config.nearDuplicateThreshold(), 1024)) {
      Existing existing = Files.exists(output) ? read(files, format, guard) : null;
      if (existing != null) {
        refuseOtherSchema(output, existing, schema, schemaJson);
      }
      quality.addSeeds(seeds);
      List<ObjectNode> records = existing == null ? new ArrayList<>() : new ArrayList<>(existing.records());
      List<ObjectNode> provenance = existing == null ? new ArrayList<>() : new ArrayList<>(existing.provenance());
      for (int i = 0; i < records.size(); i++) {
        quality.remember(records.get(i), i + 1L);
      }
      int before = records.size();
      int run = existing == null ? 1 : runs(existing).size() + 1;
      Provenance prov = new Provenance(Provenance.Origin.INTERACTIVE, "interactive", "interactive", run, 0, 0,
          List.of(), "", now, null);
      ObjectNode provJson = JournalCodec.provenance(prov);
      ParsedReply parsed = new ReplyParser(schema.fieldNames()).parse(reply);
      Map<RejectReason.Code, Long> rejected = new EnumMap<>(RejectReason.Code.class);
      List<ParseReport.Rejection> rejections = new ArrayList<>();
      List<ObjectNode> rejectLines = new ArrayList<>();
      RunSummaryBuilder summary = new RunSummaryBuilder(run, "interactive", "interactive", "interactive", "", now);
      for (ParseIssue issue : parsed.issues()) {
        RejectReason.Unparseable reason = new RejectReason.Unparseable(issue.kind(), issue.detail());
        reject(rejected, rejections, rejectLines, summary, 0, reason, null, reason.english(), provJson,
            records.size());
      }
      int n = 0;
      // The same plan as prepare's (given the same -n and plan options): the n-th record belongs to its group.
      List<io.datasynth.plan.Part> parts = interactivePlan(schema, config).parts();
      for (ObjectNode candidate : parsed.records()) {
        n++;
        io.datasynth.plan.Combination group = groupOf(parts, n);
        Verdict v = quality.admit(quality.validate(candidate), records.size() + 1L, group);
        if (v instanceof Verdict.Accepted a) {
          records.add(a.record());
          provenance.add(group.isEmpty() ? provJson : withPlan(provJson, group));
          summary.delivered(1);
        } else {
          reject(rejected, rejections, rejectLines, summary, n, ((Verdict.Rejected) v).reason(), candidate, null,
              provJson, records.size());
        }
      }
      int added = records.size() - before;
      // What the reply holds: its records and the fragments that did not parse, not the note that it held none.
      int found = parsed.records().size() + (int) parsed.issues().stream()
          .filter(i -> i.kind() != ParseIssue.Kind.NO_JSON).count();
      List<RunSummary> allRuns = existing == null ? new ArrayList<>() : new ArrayList<>(runs(existing));
      allRuns.add(summary.build(io.datasynth.cost.PriceTable.bundled()));
      RunReport report = new RunReport(new RunOutcome.Completed(), records.size(), records.size(), 0, allRuns,
          Map.of(), Map.of(), List.of(), new RunReport.Files(added > 0 || existing != null ? output : null,
          rejectLines.isEmpty() ? null : files.rejects(), null, null, null), null);
      if (added == 0 && existing == null) {
        return new ParseReport(null, found, 0, 0, rejected, rejections, report);
      }
      if (added > 0) {
        write(files, format, guard, existing, SchemaWriter.asGiven(schema), records, provenance, report, now,
            seeds.size());
        if (config.stats()) {
          DatasetStats stats = new DatasetStats(schema);
          records.forEach(stats::add);
          AtomicFiles.writeString(files.stats(), guard, Json.pretty(stats.toJson()) + "\n");
        }
      }
      if (!rejectLines.isEmpty()) {
        appendRejects(files.rejects(), guard, rejectLines);
      }
      return new ParseReport(output, found, added, records.size(), rejected, rejections, report);
    }
  }

  private static void reject(Map<RejectReason.Code, Long> rejected, List<ParseReport.Rejection> rejections,
      List<ObjectNode> lines, RunSummaryBuilder summary, int position, RejectReason reason, JsonNode record,
      String fragment, ObjectNode provenance, long delivered) {
    rejected.merge(reason.code(), 1L, Long::sum);
    summary.rejected(reason.code());
    if (rejections.size() < MAX_REJECTIONS) {
      rejections.add(new ParseReport.Rejection(position, reason));
    }
    ObjectNode line = Json.object();
    line.set("reason", JournalCodec.reason(reason, DatasetWriter::id));
    if (record != null) {
      line.set("record", record);
    }
    if (fragment != null) {
      line.put("fragment", fragment);
    }
    line.set("provenance", provenance);
    lines.add(line);
  }

  private static List<RunSummary> runs(Existing e) {
    List<RunSummary> runs = new ArrayList<>();
    if (e.metadata() != null) {
      e.metadata().path("summary").path("runs").forEach(r -> runs.add(RunReportJson.parseRun(r)));
    }
    return runs;
  }

  /** Records of another schema would make a file no tool can read: refuse, naming both. */
  private static void refuseOtherSchema(Path output, Existing e, Schema schema, ObjectNode schemaJson) {
    Set<String> ours = new TreeSet<>(schema.fieldNames());
    if (e.schema() != null && !e.schema().isEmpty()) {
      if (!sameFields(e.schema(), schemaJson, output)) {
        Set<String> theirs = new TreeSet<>(fieldNames(e.schema(), output));
        throw InputException.of(output, io.datasynth.text.Message.of("parse.other_schema", describe(e.schema(), theirs),
            describe(schemaJson, ours)), io.datasynth.text.Message.of("parse.other_schema.fix",
            io.datasynth.error.Setting.OUTPUT));
      }
      return;
    }
    for (ObjectNode r : e.records()) {
      Set<String> keys = new TreeSet<>();
      r.fieldNames().forEachRemaining(keys::add);
      if (!ours.containsAll(keys)) {
        throw InputException.of(output, io.datasynth.text.Message.of("parse.other_fields", keys.toString(),
            ours.toString()), io.datasynth.text.Message.of("parse.other_schema.fix",
            io.datasynth.error.Setting.OUTPUT));
      }
    }
  }

  /** The field names of a stored schema in any format it may be in. */
  private static List<String> fieldNames(ObjectNode stored, Path output) {
    try {
      return SchemaReader.fromJson(stored, output).fieldNames();
    } catch (InputException unreadable) {
      List<String> names = new ArrayList<>();
      stored.path("fields").forEach(f -> names.add(f.path("name").asText()));
      return names;
    }
  }

  /** Compared as read back, so {@code 5} and {@code 5.0} or a reordered key are the same rule. */
  private static boolean sameFields(ObjectNode stored, ObjectNode ours, Path output) {
    try {
      return SchemaWriter.toJson(SchemaReader.fromJson(stored, output)).path("fields").equals(ours.path("fields"));
    } catch (InputException unreadable) {
      return false;
    }
  }

  private static io.datasynth.text.Message describe(JsonNode schemaJson, Set<String> fields) {
    String project = schemaJson.path("project_name").asText("");
    return project.isEmpty() ? io.datasynth.text.Message.of("parse.schema.fields", fields.toString())
        : io.datasynth.text.Message.of("parse.schema.named", project, fields.toString());
  }

  static Existing read(OutputFiles files, OutputFormat format, FileGuard guard) {
    Path output = files.output();
    if ("json".equals(format.name())) {
      JsonNode root = JsonFiles.parseJson(output, guard.readText(output));
      if (root.isArray()) {
        List<ObjectNode> records = new ArrayList<>();
        List<ObjectNode> prov = new ArrayList<>();
        root.forEach(n -> {
          JsonNode data = n.path("data").isObject() && n.has("id") ? n.get("data") : n;
          if (data instanceof ObjectNode o) {
            records.add(o);
            prov.add(n.path("provenance") instanceof ObjectNode p ? p : null);
          }
        });
        return new Existing(Layout.PLAIN_LIST, null, null, records, prov);
      }
      if (root.isObject() && root.path("samples").isArray()) {
        List<ObjectNode> records = new ArrayList<>();
        List<ObjectNode> prov = new ArrayList<>();
        root.get("samples").forEach(n -> {
          if (n.path("data") instanceof ObjectNode o) {
            records.add(o);
            prov.add(n.path("provenance") instanceof ObjectNode p ? p : null);
          }
        });
        return new Existing(Layout.DOCUMENT, root.path("metadata") instanceof ObjectNode m ? m : null,
            root.path("schema") instanceof ObjectNode s ? s : null, records, prov);
      }
      throw InputException.of(output, io.datasynth.text.Message.of("parse.not_dataset"),
          io.datasynth.text.Message.of("output.other.fix", io.datasynth.error.Setting.OUTPUT));
    }
    ObjectNode meta = null;
    ObjectNode schema = null;
    if (Files.isRegularFile(files.meta())) {
      JsonNode sidecar = JsonFiles.parseJson(files.meta(), guard.readText(files.meta()));
      meta = sidecar.path("metadata") instanceof ObjectNode m ? m : null;
      schema = sidecar.path("schema") instanceof ObjectNode s ? s : null;
    }
    List<ObjectNode> records = new ArrayList<>();
    List<ObjectNode> prov = new ArrayList<>();
    try (DatasetSource source = DatasetReader.open(output)) {
      if (schema == null) {
        schema = source.schema().orElse(null);
      }
      if (meta == null) {
        meta = source.metadata().orElse(null);
      }
      for (DatasetReader.Item item : source) {
        if (item.object() != null) {
          records.add(item.object());
          prov.add(null);
        }
      }
    }
    return new Existing(Layout.LINES, meta, schema, records, prov);
  }

  private static void write(OutputFiles files, OutputFormat format, FileGuard guard, Existing existing,
      ObjectNode schemaJson, List<ObjectNode> records, List<ObjectNode> provenance, RunReport report, Instant now,
      int seedCount) {
    Layout layout = existing == null ? ("json".equals(format.name()) ? Layout.DOCUMENT : Layout.LINES)
        : existing.layout();
    ObjectNode meta = metadata(existing == null ? null : existing.metadata(), report, now, records.size(),
        seedCount);
    if (layout == Layout.PLAIN_LIST) {
      ArrayNode list = Json.mapper().createArrayNode();
      records.forEach(list::add);
      AtomicFiles.writeString(files.output(), guard, Json.pretty(list) + "\n");
      return;
    }
    try (var sink = io.datasynth.sink.DatasetSink.open(files.output(), guard, format,
        new io.datasynth.sink.DatasetHeader(meta, schemaJson,
            io.datasynth.sink.DatasetWriter.idDigits(records.size())), true)) {
      for (int i = 0; i < records.size(); i++) {
        sink.write(records.get(i), provenance.get(i));
      }
      sink.commit();
    }
    if (layout == Layout.LINES) {
      ObjectNode sidecar = Json.object();
      sidecar.set("metadata", meta);
      sidecar.set("schema", schemaJson);
      AtomicFiles.writeString(files.meta(), guard, Json.pretty(sidecar) + "\n");
    }
  }

  /** The metadata of the output after a parse: what was there, with this parse added to its runs. */
  private static ObjectNode metadata(ObjectNode before, RunReport report, Instant now, long count, int seeds) {
    ObjectNode m = before == null ? Metadata.of(now, "interactive", "interactive", null, seeds, count, report, null)
        : before.deepCopy();
    m.put("generated_count", count);
    m.put("complete", true);
    ObjectNode summary = m.path("summary") instanceof ObjectNode s ? s : m.putObject("summary");
    ArrayNode runs = summary.path("runs") instanceof ArrayNode a ? a : summary.putArray("runs");
    runs.add(RunReportJson.run(report.thisRun()));
    summary.put("delivered", count);
    summary.put("target", count);
    return m;
  }

  static void appendRejects(Path rejects, FileGuard guard, List<ObjectNode> lines) {
    StringBuilder sb = new StringBuilder();
    if (Files.isRegularFile(rejects)) {
      String old = guard.readText(rejects);
      sb.append(old);
      if (!old.isEmpty() && !old.endsWith("\n")) {
        sb.append('\n');
      }
    }
    lines.forEach(l -> sb.append(Json.compact(l)).append('\n'));
    AtomicFiles.write(rejects, guard, out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
