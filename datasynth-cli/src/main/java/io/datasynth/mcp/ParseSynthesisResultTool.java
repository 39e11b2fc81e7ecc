package io.datasynth.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.ParseReport;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.json.Json;
import io.datasynth.recipe.DataRecipe;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code parse_synthesis_result}: interactive mode, step 2. Extracts the records from a model's reply, validates
 * them against the schema, drops duplicates (of each other, of the seeds when known, and of the records already in
 * the output) and appends the rest to the output file.
 */
final class ParseSynthesisResultTool implements McpTool {
  static final String NAME = "parse_synthesis_result";
  static final String RESPONSE_TEXT = "response_text";
  static final String OUTPUT_PATH = "output_path";
  /** How long a parse waits for another call writing the same output. */
  private static final long LOCK_WAIT_MILLIS = 10_000;

  private final PathGuard guard;
  private final OutputLocks locks;
  private final ToolSchema schema;
  private final McpText words;

  ParseSynthesisResultTool(PathGuard guard, OutputLocks locks) {
    this(guard, locks, McpText.english());
  }

  /** The tool, its result texts in {@code words}' language. */
  ParseSynthesisResultTool(PathGuard guard, OutputLocks locks, McpText words) {
    this.guard = guard;
    this.locks = locks;
    this.words = words;
    ToolSchema.Builder b = ToolSchema.builder()
        .string(RESPONSE_TEXT, "The model's whole reply to the prepare_synthesis prompt (JSON records, fenced or "
            + "not; surrounding prose is ignored).");
    InputArgs.declare(b, "Give this or schema_path (seeds_path optional: seeds also count as duplicates).");
    b.string(OUTPUT_PATH, "Where the records go, relative to the server root (.json or .jsonl); appended to when it "
        + "exists. Default: the analysis folder's " + DataRecipe.OUTPUT_DIR + "/synthetic.json, else synthetic.json.");
    b.required(RESPONSE_TEXT);
    this.schema = b.build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Interactive mode, step 2: turns a model reply to the prepare_synthesis prompt into records. Validates "
        + "every record against the schema, drops exact and near duplicates (of each other, of the seeds and of the "
        + "records already in the output) and appends the new ones to output_path. Returns the counts by reason.";
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
    String reply = a.requiredText(RESPONSE_TEXT);
    InputArgs.SchemaAndSeeds in = InputArgs.loadForParse(a, guard);
    Path output = a.string(OUTPUT_PATH).map(o -> guard.output(o, OUTPUT_PATH))
        .orElseGet(() -> in.analysisDir() != null
            ? guard.derivedOutput(DataRecipe.defaultOutput(in.analysisDir(), false), OUTPUT_PATH)
            : guard.output("synthetic.json", OUTPUT_PATH));
    ParseReport r;
    try (OutputLocks.Held ignored = locks.acquire(output, LOCK_WAIT_MILLIS)) {
      guard.requirePlainOutputFiles(output, OUTPUT_PATH);
      r = DataSynthesizer.builder().config(SynthesisConfig.builder().count(1).build()).files(guard.files()).build()
          .parseReply(reply, in.schema(), in.seeds(), output);
    }
    long rejected = r.rejectedTotal();
    io.datasynth.text.Messages words = io.datasynth.text.Messages.english();
    java.util.List<String> messages = r.rejections().stream().map(x -> (x.position() > 0 ? "record " + x.position()
        + ": " : "") + words.render(x.reason().message(io.datasynth.sink.DatasetWriter::id))).toList();
    ObjectNode data = Json.object();
    data.put("output_path", guard.display(output));
    data.put("found", r.found());
    data.put("added", r.added());
    data.put("rejected_total", rejected);
    data.set("rejected", Counts.json(r.rejected()));
    data.put("total", r.total());
    data.put("deduplicated_against_seeds", !in.seeds().isEmpty());
    data.set("messages", Json.mapper().valueToTree(messages));
    data.set("report", io.datasynth.report.RunReportJson.of(r.report(), words));
    McpText w = this.words;
    StringBuilder text = new StringBuilder();
    if (r.added() > 0) {
      text.append(w.text("mcp.parse.added", w.records(r.added()), guard.display(output), r.total()));
    } else {
      text.append(w.text("mcp.parse.none", r.found() == 0 ? w.text("cli.parse.none.empty")
          : w.text("cli.parse.none.rejected", r.found())));
      if (r.total() > 0) {
        text.append(w.text("mcp.parse.still_holds", guard.display(output), w.records(r.total())));
      }
    }
    text.append('\n').append(w.text("mcp.parse.found", r.found(), rejected == 0 ? "0"
        : rejected + " (" + Counts.ofCodes(r.rejected()) + ")"));
    r.rejections().forEach(x -> {
      String why = w.render(x.reason().message(io.datasynth.sink.DatasetWriter::id));
      text.append("\n  - ").append(x.position() > 0 ? w.text("cli.parse.record", x.position(), why) : why);
    });
    return ToolResult.ok(text.toString(), data);
  }
}
