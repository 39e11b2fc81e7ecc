package io.datasynth.mcp;

import io.datasynth.api.RunMode;
import io.datasynth.api.StructuredMode;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.prompt.DataType;
import io.datasynth.provider.ProviderKind;
import io.datasynth.sink.OutputFormat;
import io.datasynth.sink.OutputFormats;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The run settings the tools share ({@code count}, {@code model}, {@code provider}, …): how they are declared and how
 * they become a {@link SynthesisConfig}. Only the arguments a tool declares can reach here; the rest keep the
 * library's defaults.
 */
final class ConfigArgs {
  static final String COUNT = "count";
  static final String MODEL = "model";
  static final String PROVIDER = "provider";
  static final String DATA_TYPE = "data_type";
  static final String FORMAT = "format";
  static final String MAX_COST = "max_cost";
  static final String BASE_URL = "base_url";
  static final String BATCH_SIZE = "batch_size";
  static final String CONCURRENCY = "concurrency";
  static final String TEMPERATURE = "temperature";
  static final String MODE = "mode";
  static final String CACHE = "cache";
  static final String STRUCTURED = "structured";
  static final int MAX_COUNT = 1_000_000;

  private ConfigArgs() {}

  static ToolSchema.Builder count(ToolSchema.Builder b, String description, Integer defaultValue) {
    return b.integer(COUNT, description, 1, MAX_COUNT, defaultValue);
  }

  static ToolSchema.Builder model(ToolSchema.Builder b) {
    return b.string(MODEL, "The model id, e.g. claude-sonnet-5-5 or gpt-5-mini (default: "
        + SynthesisConfig.DEFAULT_ANTHROPIC_MODEL + " for anthropic, " + SynthesisConfig.DEFAULT_OPENAI_MODEL
        + " for openai).");
  }

  static ToolSchema.Builder provider(ToolSchema.Builder b) {
    return b.choice(PROVIDER, "The API: anthropic (Messages API) or openai (Chat Completions, also any "
        + "OpenAI-compatible server). Default anthropic.", List.of("anthropic", "openai"));
  }

  static ToolSchema.Builder dataType(ToolSchema.Builder b) {
    return b.choice(DATA_TYPE, "The kind of dataset, which picks the prompt (default: detected from the field "
        + "names).", Arrays.stream(DataType.values()).map(DataType::id).toList());
  }

  static ToolSchema.Builder batchSize(ToolSchema.Builder b) {
    return b.integer(BATCH_SIZE, "Records asked for per request (default " + SynthesisConfig.DEFAULT_BATCH_SIZE
        + ").", 1, 100, null);
  }

  static ToolSchema.Builder runOptions(ToolSchema.Builder b) {
    return b
        .choice(FORMAT, "Output format (default: from output_path's extension, else json).",
            OutputFormats.names())
        .number(MAX_COST, "A spending cap in USD: no request starts whose worst case would take the spend past "
            + "it. Needs a model with a known price.", null, 0.0, null)
        .string(BASE_URL, "The API base URL, only for a server on this machine (e.g. http://localhost:11434/v1 for "
            + "Ollama); other servers are configured in the MCP server's environment (ANTHROPIC_BASE_URL, "
            + "OPENAI_BASE_URL).")
        .integer(CONCURRENCY, "Most requests in flight (default " + SynthesisConfig.DEFAULT_CONCURRENCY
            + "); the rate limiter sets the pace below it.", 1, 1024, null)
        .number(TEMPERATURE, "Sampling temperature, for models that take one (default: none sent, the model's own;"
            + " the newest Claude and OpenAI reasoning models take none).", 0.0, null, 2.0)
        .choice(MODE, "online (default), batch (the provider's Batch API: half the price, results within 24 hours; "
            + "the call waits for them) or auto (batch for large runs of models that have one).",
            List.of("online", "batch", "auto"))
        .bool(CACHE, "Ask the provider to cache the prompts' stable prefix when it is long enough for the model.",
            true)
        .choice(STRUCTURED, "auto (default: the model's structured outputs where it has them), on (required) or "
            + "off (free text).", List.of("auto", "on", "off"));
  }

  /**
   * A config builder with every declared setting the call gave.
   *
   * @param defaultCount the count when the call gives none
   * @param env the server's environment, to check {@code base_url} against
   */
  static SynthesisConfig.Builder builder(ToolArgs a, int defaultCount, Map<String, String> env) {
    SynthesisConfig.Builder b = SynthesisConfig.builder();
    b.count(a.integer(COUNT, 1, MAX_COUNT).orElse(defaultCount));
    ProviderKind kind = a.choice(PROVIDER, ProviderKind::parse, "anthropic, openai")
        .orElse(SynthesisConfig.DEFAULT_PROVIDER);
    b.provider(kind);
    a.string(MODEL).ifPresent(b::model);
    a.choice(DATA_TYPE, DataType::parse, DataType.names()).ifPresent(b::dataType);
    a.choice(FORMAT, OutputFormat::parse, String.join(", ", OutputFormats.names())).ifPresent(b::format);
    a.number(MAX_COST, 0, true, Double.POSITIVE_INFINITY).ifPresent(c -> b.maxCost(BigDecimal.valueOf(c)));
    a.string(BASE_URL).ifPresent(url -> {
      BaseUrlPolicy.check(url, kind, env);
      b.baseUrl(url);
    });
    a.integer(BATCH_SIZE, 1, 100).ifPresent(b::batchSize);
    a.integer(CONCURRENCY, 1, 1024).ifPresent(b::concurrency);
    a.number(TEMPERATURE, 0, false, 2.0).ifPresent(b::temperature);
    a.choice(MODE, RunMode::parse, "online, batch, auto").ifPresent(b::mode);
    b.cache(a.bool(CACHE, true));
    a.choice(STRUCTURED, StructuredMode::parse, "auto, on, off").ifPresent(b::structured);
    return b;
  }
}
