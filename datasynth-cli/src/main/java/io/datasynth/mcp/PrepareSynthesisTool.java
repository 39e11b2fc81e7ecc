package io.datasynth.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.PreparedPrompt;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.json.Json;
import io.datasynth.recipe.Inputs;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code prepare_synthesis}: interactive mode, step 1. Builds the prompt for {@code count} records from the schema
 * and seeds; the client's own model answers it, and {@code parse_synthesis_result} turns the answer into records.
 */
final class PrepareSynthesisTool implements McpTool {
  static final String NAME = "prepare_synthesis";
  static final int DEFAULT_COUNT = 10;

  private final PathGuard guard;
  private final Map<String, String> env;
  private final ToolSchema schema;

  PrepareSynthesisTool(PathGuard guard, Map<String, String> env) {
    this.guard = guard;
    this.env = env;
    ToolSchema.Builder b = ToolSchema.builder();
    InputArgs.declare(b, "Give this or schema_path + seeds_path.");
    ConfigArgs.count(b, "Records the prompt asks for (default " + DEFAULT_COUNT + ").", DEFAULT_COUNT);
    ConfigArgs.dataType(b);
    this.schema = b.build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Interactive mode, step 1 (no API key needed): builds a ready-to-run prompt asking for `count` synthetic "
        + "records that follow the schema, its scoring rubric and guidelines, with sampled seed examples. Run the "
        + "prompt yourself, then pass your whole reply to parse_synthesis_result with the output_path returned here.";
  }

  @Override
  public ToolSchema schema() {
    return schema;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public ToolResult call(ToolCall call) {
    ToolArgs a = call.args();
    SynthesisConfig config = ConfigArgs.builder(a, DEFAULT_COUNT, env).build();
    Inputs inputs = InputArgs.load(a, guard);
    PreparedPrompt p = DataSynthesizer.builder().config(config).env(env).build().prepare(inputs);
    Path output = inputs.analysisDir() != null ? guard.derivedOutput(p.suggestedOutput(), "output_path")
        : guard.root().resolve(p.suggestedOutput());
    String out = guard.display(output);
    String source = inputs.analysisDir() != null
        ? "analysis_dir=\"" + guard.display(inputs.analysisDir()) + "\""
        : "schema_path=\"" + guard.display(inputs.schemaFile()) + "\""
            + (inputs.seedsFile().equals(inputs.schemaFile()) ? "" : ", seeds_path=\""
            + guard.display(inputs.seedsFile()) + "\"");
    String next = McpText.english().text("mcp.prepare.next", source, out);
    McpText w = new McpText(io.datasynth.text.UiLocale.of(env));
    ObjectNode data = Json.object();
    data.put("prompt", p.text());
    data.put("expected_count", p.count());
    data.put("output_path", out);
    data.put("data_type", p.dataType().id());
    data.put("language", p.language().name().toLowerCase(java.util.Locale.ROOT));
    data.put("prompt_tokens", p.promptTokens());
    data.put("next_step", next);
    String text = w.text("mcp.prepare.text", w.records(p.count()), p.dataType().id(), p.promptTokens(),
        w.text("mcp.prepare.next", source, out)) + "\n\n" + p.text();
    return ToolResult.ok(text, data);
  }
}
