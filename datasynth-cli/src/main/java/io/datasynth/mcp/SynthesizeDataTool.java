package io.datasynth.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.api.SynthesisResult;
import io.datasynth.cost.CostFormat;
import io.datasynth.engine.RunControl;
import io.datasynth.engine.RunOutcome;
import io.datasynth.report.RunReport;
import io.datasynth.report.RunReportJson;
import io.datasynth.text.Messages;
import io.datasynth.engine.RunStats;
import io.datasynth.json.Json;
import io.datasynth.metrics.DatasetMetricsJson;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmClients;
import io.datasynth.provider.ProviderSettings;
import io.datasynth.provider.Usage;
import io.datasynth.recipe.DataRecipe;
import io.datasynth.recipe.Inputs;
import io.datasynth.sink.OutputFormat;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * {@code synthesize_data}: API mode. Generates {@code count} records through the provider's API with the server's
 * key, sending progress notifications while it runs; a cancelled call stops the run, keeps what was accepted
 * (journaled) and a later call with the same arguments resumes it.
 */
final class SynthesizeDataTool implements McpTool {
  static final String NAME = "synthesize_data";
  static final String OUTPUT_PATH = "output_path";
  static final String FORCE = "force";

  private final PathGuard guard;
  private final Map<String, String> env;
  private final OutputLocks locks;
  private final Cancellations cancellations;
  private final Function<ProviderSettings, LlmClient> clients;
  private final LongSupplier nanoTime;
  private final ToolSchema schema;

  SynthesizeDataTool(PathGuard guard, Map<String, String> env, OutputLocks locks, Cancellations cancellations,
      Function<ProviderSettings, LlmClient> clients, LongSupplier nanoTime) {
    this.guard = guard;
    this.env = env;
    this.locks = locks;
    this.cancellations = cancellations;
    this.clients = clients;
    this.nanoTime = nanoTime;
    ToolSchema.Builder b = ToolSchema.builder();
    InputArgs.declare(b, "Give this or schema_path + seeds_path.");
    b.string(OUTPUT_PATH, "The output file, relative to the server root (.json or .jsonl). Default for "
        + "analysis_dir: its " + DataRecipe.OUTPUT_DIR + "/synthetic.json; required with schema_path.");
    ConfigArgs.count(b, "Records to deliver, exactly (default " + SynthesisConfig.DEFAULT_COUNT + ").",
        SynthesisConfig.DEFAULT_COUNT);
    ConfigArgs.model(b);
    ConfigArgs.provider(b);
    ConfigArgs.dataType(b);
    ConfigArgs.batchSize(b);
    ConfigArgs.runOptions(b);
    PlanArgs.declare(b);
    b.bool(FORCE, "Overwrite an existing output file (an unfinished run of the same output is resumed "
        + "instead).", false);
    this.schema = b.build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "API mode: generates exactly `count` validated, deduplicated records with an LLM API (Anthropic or "
        + "OpenAI-compatible) using the server's own API key, and writes them to output_path. Sends progress "
        + "notifications when the request carries a progressToken; cancelling the request stops the run and keeps "
        + "the records so far (calling again with the same arguments resumes). Returns generated and rejected "
        + "counts, tokens, cost, time and per-field statistics. Use estimate_synthesis_cost first for large runs.";
  }

  @Override
  public ToolSchema schema() {
    return schema;
  }

  @Override
  public boolean readOnly() {
    return false;
  }

  @Override
  public ToolResult call(ToolCall call) {
    ToolArgs a = call.args();
    SynthesisConfig config = PlanArgs.apply(ConfigArgs.builder(a, SynthesisConfig.DEFAULT_COUNT, env), a, guard)
        .force(a.bool(FORCE, false)).stats(true).build();
    Inputs inputs = InputArgs.load(a, guard);
    Path output;
    if (a.has(OUTPUT_PATH)) {
      output = guard.output(a.requiredString(OUTPUT_PATH), OUTPUT_PATH);
    } else if (inputs.analysisDir() != null) {
      output = guard.derivedOutput(DataRecipe.defaultOutput(inputs.analysisDir(),
          config.format() == OutputFormat.JSONL), OUTPUT_PATH);
    } else {
      throw new ToolArgumentException("output_path is required with schema_path; give the file to write, e.g. "
          + "\"synthetic.json\"");
    }
    RunControl control = new RunControl();
    // A cancelled or stopped run sends no more progress: the client has stopped listening for this request.
    ProgressNotifier progress = new ProgressNotifier(call.progressToken(), (done, total, message) -> {
      if (!control.isStopRequested()) {
        call.progress().send(done, total, message);
      }
    }, nanoTime);
    SynthesisResult result;
    try (OutputLocks.Held ignored = locks.acquire(output, 0);
        Cancellations.Registration ignored2 = cancellations.register(NAME, call.rawArguments(),
            call.progressToken(), call.requestId(), control)) {
      guard.requirePlainOutputFiles(output, OUTPUT_PATH);
      result = DataSynthesizer.builder().config(config).env(env).clients(clients).listener(progress)
          .control(control).files(guard.files()).build().synthesize(inputs, output);
    }
    boolean cancelled = control.isStopRequested() && !result.success();
    ObjectNode data = summary(result, config, output, cancelled);
    String text = text(result, config, output, cancelled);
    return result.success() || cancelled ? ToolResult.ok(text, data) : ToolResult.failed(text, data);
  }

  /**
   * The structured result: the run report every adapter renders (the same counts as the command line's summary
   * and {@code --json}), with paths relative to the root and this tool's own keys.
   */
  private ObjectNode summary(SynthesisResult r, SynthesisConfig config, Path output, boolean cancelled) {
    RunStats s = r.stats();
    ObjectNode d = Json.object();
    d.put("success", r.success());
    d.put("cancelled", cancelled);
    String why = why(r);
    if (why != null) {
      d.put("error", why);
    }
    if (r.outcome() instanceof RunOutcome.Stopped st) {
      d.put("stopped_by", st.reason().name().toLowerCase(Locale.ROOT));
    }
    d.put("generated", r.generatedCount());
    d.put("requested", config.count());
    d.put("resumed", s.resumed());
    d.put("provider", config.provider().id());
    d.put("model", config.model());
    ObjectNode report = RunReportJson.of(r.report(), WORDS);
    report.remove("files");
    d.setAll(report);
    d.put("output_path", guard.display(output));
    d.put("written", r.outputPath() != null);
    if (r.journalPath() != null) {
      d.put("journal_path", guard.display(r.journalPath()));
    }
    if (r.report().files().rejects() != null) {
      d.put("rejects_path", guard.display(r.report().files().rejects()));
    }
    d.put("seconds", r.duration().toMillis() / 1000.0);
    d.put("records_per_second", Math.round(s.recordsPerSecond() * 100) / 100.0);
    if (r.fieldStats() != null) {
      d.set("field_stats", r.fieldStats());
    }
    if (r.quality() != null) {
      d.set("quality", DatasetMetricsJson.of(r.quality().metrics()));
      d.put("report_path", guard.display(r.quality().html()));
    }
    return d;
  }

  /** The result's text, in the language of the server's environment ({@link McpText}). */
  private String text(SynthesisResult r, SynthesisConfig config, Path output, boolean cancelled) {
    McpText w = new McpText(io.datasynth.text.UiLocale.of(env));
    RunStats s = r.stats();
    RunReport report = r.report();
    StringBuilder t = new StringBuilder();
    if (r.success()) {
      t.append(w.text("mcp.synth.done", w.records(r.generatedCount()), guard.display(output)));
    } else if (cancelled) {
      t.append(w.text("mcp.synth.cancelled", r.generatedCount(), w.records(config.count())));
    } else {
      t.append(w.text("mcp.synth.stopped", r.generatedCount(), w.records(config.count()), why(r)));
      if (r.journalPath() != null) {
        t.append('\n').append(w.text("mcp.synth.kept"));
      }
    }
    if (s.resumed() > 0) {
      t.append('\n').append(w.text("mcp.synth.resumed", w.records(s.resumed())));
    }
    t.append('\n').append(report.rejectedTotal() == 0 ? w.text("mcp.synth.rejected", 0)
        : w.text("mcp.synth.rejected.detail", report.rejectedTotal(), Counts.ofCodes(report.rejected())
            + (report.invalidByRule().isEmpty() ? "" : w.text("cli.summary.by_rule", Counts.of(report.invalidByRule())))));
    if (report.surplus() > 0) {
      t.append('\n').append(w.text("mcp.synth.surplus", w.records(report.surplus()), config.count()));
    }
    t.append('\n').append(w.text("mcp.synth.requests", s.requestsSent(), s.retries(),
        s.failedCalls() > 0 ? w.text("cli.summary.requests.failed", s.failedCalls()) : ""));
    Usage u = report.usage();
    t.append('\n').append(w.text("mcp.synth.tokens", u.totalTokens(), u.inputTokens(), u.outputTokens()));
    t.append('\n').append(report.costUsd() == null ? w.text("mcp.synth.cost.unknown", config.model())
        : w.text("mcp.synth.cost", CostFormat.usd(report.costUsd())));
    io.datasynth.report.JudgeSummary judge = report.judge();
    if (judge != null) {
      t.append('\n').append(w.text("mcp.synth.judge", judge.model(), judge.requests(), judge.costUsd() == null
          ? w.text("cli.summary.judge.cost_unknown") : CostFormat.usd(judge.costUsd()), judge.passed(),
          judge.lowScore()));
    }
    if (report.plan() != null) {
      t.append('\n').append(w.text("mcp.synth.plan", report.plan().coverage().path("max_deviation").asLong()));
    }
    t.append('\n').append(w.text("mcp.synth.time", r.duration().toMillis() / 1000.0, s.recordsPerSecond()));
    if (r.fieldStats() != null) {
      t.append('\n').append(w.text("mcp.synth.field_stats"));
    }
    if (r.quality() != null) {
      t.append("\nQuality report: ").append(guard.display(r.quality().html()))
          .append(String.format(Locale.ROOT, " (self-similarity %.3f", r.quality().metrics().selfSimilarity().mean()))
          .append(r.quality().metrics().seedSimilarity() == null ? "" : ", seed copies "
              + r.quality().metrics().seedSimilarity().seedCopies())
          .append("; the metrics are in structuredContent.quality).");
    }
    return t.toString();
  }

  /** Why a run ended early, in this tool's words (settings by their argument names); null when it completed. */
  private static String why(SynthesisResult r) {
    return r.success() ? null : WORDS.render(r.error());
  }

  /** Messages in English with settings named as this server's tool arguments ({@code max_cost}). */
  private static final Messages WORDS = Messages.english();

  /** The HTTP clients of real runs. */
  static Function<ProviderSettings, LlmClient> httpClients() {
    return LlmClients::create;
  }
}
