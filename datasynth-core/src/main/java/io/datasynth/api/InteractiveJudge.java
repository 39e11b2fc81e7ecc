package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.TokenCounter;
import io.datasynth.error.ConfigException;
import io.datasynth.error.InputException;
import io.datasynth.error.Setting;
import io.datasynth.journal.JournalCodec;
import io.datasynth.journal.OutputLock;
import io.datasynth.json.Json;
import io.datasynth.judge.JudgeReply;
import io.datasynth.judge.JudgeScale;
import io.datasynth.judge.JudgeTally;
import io.datasynth.judge.SelfScore;
import io.datasynth.prompt.JudgePromptBuilder;
import io.datasynth.prompt.Language;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import io.datasynth.report.JudgeSummary;
import io.datasynth.report.RunReportJson;
import io.datasynth.schema.Schema;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import io.datasynth.sink.OutputFormat;
import io.datasynth.text.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rubric judge in interactive mode: a judge prompt for the records of an output that have no score yet
 * ({@code prepare --judge}), and the pasted answer read back into it ({@code parse --judged}): scores go into the
 * records' provenance, records below the minimum move to the rejects file as {@code low_score}. Records are named
 * {@code r1}, {@code r2}, … by their place in the output, so the output must not change in between. Needs the JSON
 * document layout, the one that keeps provenance.
 */
final class InteractiveJudge {
  /** The most records one pasted judge prompt holds. */
  static final int MAX_RECORDS = 100;

  private InteractiveJudge() {}

  static PreparedPrompt prepare(Schema schema, String guidelines, Language language, Path output,
      SynthesisConfig config, FileGuard guard, TokenCounter counter) {
    Interactive.Existing existing = existing(output, config, guard);
    JudgePromptBuilder prompts = new JudgePromptBuilder(schema, language, JudgeScale.of(schema).levels(),
        SelfScore.field(schema).orElse(null), guidelines);
    List<JudgePromptBuilder.Item> items = new ArrayList<>();
    for (int i = 0; i < existing.records().size() && items.size() < MAX_RECORDS; i++) {
      ObjectNode p = existing.provenance().get(i);
      if (p == null || !p.hasNonNull("judge_score")) {
        items.add(new JudgePromptBuilder.Item(id(i), existing.records().get(i),
            p == null ? Map.of() : JournalCodec.plan(p.get("plan"))));
      }
    }
    if (items.isEmpty()) {
      throw InputException.of(output, Message.of("error.judge.nothing"), Message.of("error.judge.nothing.fix",
          io.datasynth.error.Setting.DATASET));
    }
    String text = prompts.asSingleMessage(items);
    return new PreparedPrompt(text, items.size(), null, language, counter.count(text), output);
  }

  static JudgedReport parse(String reply, Schema schema, Path output, SynthesisConfig config, FileGuard guard) {
    OutputFiles files = OutputFiles.of(output);
    JudgeScale scale = JudgeScale.of(schema);
    double min = config.judge().minScore() == null ? scale.defaultMinimum() : config.judge().minScore();
    if (!scale.contains(min)) {
      throw new ConfigException(Setting.MIN_SCORE, Message.of("error.min_score.scale", JudgeTally.text(min),
          JudgeTally.text(scale.min()), JudgeTally.text(scale.max()), min > scale.max() ? "fail" : "pass",
          Setting.MIN_SCORE));
    }
    Map<String, JudgeReply.Score> scores = JudgeReply.parse(reply);
    if (scores.isEmpty()) {
      throw new ConfigException(null, Message.of("error.judged.needs_scores", io.datasynth.error.Command.PREPARE,
          io.datasynth.error.Setting.JUDGE));
    }
    String self = SelfScore.field(schema).orElse(null);
    try (OutputLock lock = OutputLock.acquire(files.lock(), output, guard)) {
      Interactive.Existing existing = existing(output, config, guard);
      List<ObjectNode> records = new ArrayList<>();
      List<ObjectNode> provenance = new ArrayList<>();
      List<ObjectNode> rejects = new ArrayList<>();
      JudgeTally tally = new JudgeTally();
      int remaining = 0;
      for (int i = 0; i < existing.records().size(); i++) {
        ObjectNode record = existing.records().get(i);
        ObjectNode p = existing.provenance().get(i) == null ? Json.object() : existing.provenance().get(i);
        JudgeReply.Score s = p.hasNonNull("judge_score") ? null : scores.get(id(i));
        if (s == null || !scale.contains(s.score())) {
          remaining += p.hasNonNull("judge_score") ? 0 : 1;
          records.add(record);
          provenance.add(existing.provenance().get(i));
          continue;
        }
        boolean pass = s.score() >= min - 1e-9;
        Double own = self != null && record.path(self).isNumber() ? record.get(self).asDouble() : null;
        tally.judged(s.score(), pass, own, scale.disagreement());
        p.put("judge_score", s.score());
        p.put("judge_rationale", s.rationale());
        if (pass) {
          records.add(record);
          provenance.add(p);
        } else {
          ObjectNode line = Json.object();
          line.set("reason", JournalCodec.reason(new RejectReason.LowScore(s.score(), min, s.rationale()),
              DatasetWriter::id));
          line.set("record", record);
          line.set("provenance", p);
          rejects.add(line);
        }
      }
      ObjectNode meta = existing.metadata() == null ? Json.object() : existing.metadata().deepCopy();
      meta.put("generated_count", records.size());
      ObjectNode summary = meta.path("summary") instanceof ObjectNode o ? o : meta.putObject("summary");
      summary.put("delivered", records.size());
      JudgeSummary.SelfScores selfScores = self == null ? null : new JudgeSummary.SelfScores(self,
          scale.disagreement(), tally.compared(), tally.disagreements(), tally.generous(), tally.sumDifference());
      JudgeSummary now = new JudgeSummary("interactive", 0, Usage.ZERO, 0.0, tally.judged(), tally.passed(),
          tally.lowScore(), 0, tally.scores(), min, selfScores);
      JudgeSummary before = summary.path("judge").isObject() ? RunReportJson.parseJudgeSummary(summary.get("judge"))
          : null;
      summary.set("judge", RunReportJson.judge(before == null ? now : JudgeSummary.total(List.of(before, now))));
      ObjectNode schemaJson = existing.schema() != null ? existing.schema() : SchemaWriter.asGiven(schema);
      try (var sink = io.datasynth.sink.DatasetSink.open(files.output(), guard, OutputFormat.JSON,
          new io.datasynth.sink.DatasetHeader(meta, schemaJson,
            io.datasynth.sink.DatasetWriter.idDigits(records.size())), true)) {
        for (int i = 0; i < records.size(); i++) {
          sink.write(records.get(i), provenance.get(i));
        }
        sink.commit();
      }
      if (!rejects.isEmpty()) {
        Interactive.appendRejects(files.rejects(), guard, rejects);
      }
      return new JudgedReport(output, (int) tally.judged(), (int) tally.passed(), (int) tally.lowScore(), remaining);
    }
  }

  private static Interactive.Existing existing(Path output, SynthesisConfig config, FileGuard guard) {
    if (!Files.isRegularFile(output)) {
      throw InputException.of(output, Message.of("judge.output.missing"), Message.of("judge.output.missing.fix",
          io.datasynth.error.Command.PARSE));
    }
    OutputFormat format = OutputFormat.resolve(config.format(), output);
    Interactive.Existing e = Interactive.read(OutputFiles.of(output), format, guard);
    if (e.layout() != Interactive.Layout.DOCUMENT) {
      throw InputException.of(output, Message.of("judge.output.lines"), Message.of("judge.output.lines.fix",
          io.datasynth.error.Command.CONVERT));
    }
    return e;
  }

  private static String id(int index) {
    return "r" + (index + 1);
  }
}
