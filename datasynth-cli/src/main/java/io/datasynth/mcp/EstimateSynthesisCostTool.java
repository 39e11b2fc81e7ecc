package io.datasynth.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.CostEstimate;
import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.Estimator;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.cost.CostFormat;
import io.datasynth.json.Json;
import java.util.Map;

/**
 * {@code estimate_synthesis_cost}: tokens and dollars before spending. With inputs it builds the real prompts and
 * counts their tokens (like {@code datasynth estimate}); without, it uses a generic assumption of
 * {@value #GENERIC_PROMPT_TOKENS_PER_BATCH} prompt tokens per request and {@value #GENERIC_OUTPUT_TOKENS_PER_RECORD}
 * output tokens per record, and says so in the result.
 */
final class EstimateSynthesisCostTool implements McpTool {
  static final String NAME = "estimate_synthesis_cost";
  static final int GENERIC_PROMPT_TOKENS_PER_BATCH = Estimator.GENERIC_PROMPT_TOKENS_PER_BATCH;
  static final int GENERIC_OUTPUT_TOKENS_PER_RECORD = Estimator.GENERIC_OUTPUT_TOKENS_PER_RECORD;

  private final PathGuard guard;
  private final Map<String, String> env;
  private final ToolSchema schema;

  EstimateSynthesisCostTool(PathGuard guard, Map<String, String> env) {
    this.guard = guard;
    this.env = env;
    ToolSchema.Builder b = ToolSchema.builder();
    ConfigArgs.count(b, "Records to generate.", null);
    ConfigArgs.model(b);
    ConfigArgs.provider(b);
    ConfigArgs.batchSize(b);
    InputArgs.declare(b, "Optional: with inputs the estimate counts the real prompts; without, it uses a generic "
        + "assumption (" + GENERIC_PROMPT_TOKENS_PER_BATCH + " prompt tokens per request, "
        + GENERIC_OUTPUT_TOKENS_PER_RECORD + " output tokens per record).");
    ConfigArgs.dataType(b);
    b.required(ConfigArgs.COUNT);
    this.schema = b.build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Estimates the requests, tokens and US dollars of generating `count` records with a model, before "
        + "spending anything (no API key needed). Give analysis_dir or schema_path + seeds_path for an estimate "
        + "from the real prompts and seed sizes; without them a generic assumption is used and the result says so. "
        + "Assumes every record is accepted: duplicates, invalid records and retries add to it.";
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
    a.requiredInteger(ConfigArgs.COUNT, 1, ConfigArgs.MAX_COUNT);
    SynthesisConfig config = ConfigArgs.builder(a, 1, env).build();
    ObjectNode d = Json.object();
    String method;
    CostEstimate e;
    if (InputArgs.given(a)) {
      e = DataSynthesizer.builder().config(config).env(env).build().estimate(InputArgs.load(a, guard));
      method = "real_prompts";
      d.put("method", method);
      d.put("assumption", "prompts built from the inputs and counted with "
          + io.datasynth.text.Messages.english().render(e.tokenizer())
          + (e.sampledBatches() < e.batches() ? " (" + e.sampledBatches() + " built, the rest extrapolated)" : "")
          + "; replies sized from the seeds");
    } else {
      e = DataSynthesizer.builder().config(config).env(env).build().estimateWithoutInputs();
      method = "generic_assumption";
      d.put("method", method);
      d.put("assumption", io.datasynth.text.Messages.english().render(Estimator.GENERIC_BASIS)
          + "; give analysis_dir or schema_path + seeds_path for an estimate from the real prompts");
    }
    d.setAll(io.datasynth.api.EstimateJson.of(e));
    d.put("provider", config.provider().id());
    d.put("batch_size", config.batchSize());
    McpText w = new McpText(io.datasynth.text.UiLocale.of(env));
    String basis = method.equals("real_prompts")
        ? w.text("mcp.estimate.basis.real", w.render(e.tokenizer()), e.sampledBatches() < e.batches()
            ? w.text("mcp.estimate.basis.sampled", e.sampledBatches()) : "")
        : w.text("mcp.estimate.basis.generic", Estimator.GENERIC_PROMPT_TOKENS_PER_BATCH,
            Estimator.GENERIC_OUTPUT_TOKENS_PER_RECORD);
    String text = w.text("mcp.estimate.text", w.records(e.count()), e.model(), w.text("cli.requests", e.batches()),
        config.batchSize(), e.inputTokens(), e.outputTokens(), e.costUsd() == null
            ? w.text("mcp.estimate.cost.unknown", e.model()) : CostFormat.usd(e.costUsd()), basis);
    return ToolResult.ok(text, d);
  }
}
