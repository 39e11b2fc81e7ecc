package io.datasynth.api;

import io.datasynth.cost.PriceTable;
import io.datasynth.cost.TokenCounter;
import io.datasynth.engine.EngineClock;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunControl;
import io.datasynth.model.ModelProfile;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmClients;
import io.datasynth.provider.ProviderSettings;
import io.datasynth.recipe.DataRecipe;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import io.datasynth.sink.FileGuard;
import io.datasynth.text.Message;
import io.datasynth.sink.OutputFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * DataSynth's one entry point, used alike by the command line, the MCP server and library users: generate records
 * through an LLM API, estimate what that costs, prepare a prompt and parse a pasted reply (interactive mode), and
 * check or convert dataset files.
 *
 * <p>Each call is independent; a synthesizer holds no state between calls and may be shared. Runs in one JVM do not
 * affect each other.
 */
public final class DataSynthesizer {
  private final SynthesisConfig config;
  private final Map<String, String> env;
  private final Function<ProviderSettings, LlmClient> clients;
  private final BatchSetup batches;
  private final EngineClock clock;
  private final EngineListener listener;
  private final RunControl control;
  private final FileGuard files;

  private DataSynthesizer(Builder b) {
    this.config = Objects.requireNonNull(b.config, "config");
    this.env = Map.copyOf(b.env);
    this.clients = b.clients;
    this.batches = b.batches;
    this.clock = b.clock;
    this.listener = b.listener;
    this.control = b.control;
    this.files = b.files;
  }

  /** A synthesizer with these settings, reading keys from the process environment. */
  public static DataSynthesizer of(SynthesisConfig config) {
    return builder().config(config).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public SynthesisConfig config() {
    return config;
  }

  /**
   * Where this synthesizer's runs open their files: the output and every file of {@link
   * io.datasynth.sink.OutputFiles} beside it. The generation run and the reply parser open them through it once they
   * take it (issue 14); until then only {@link #validate(Path, Schema, FileGuard)} and the sink's own methods do.
   */
  public FileGuard files() {
    return files;
  }

  /** Generates {@code config.count()} records from a schema file and a seed file into {@code output}. */
  public SynthesisResult synthesize(Path schemaFile, Path seedsFile, Path output) {
    return synthesize(InputLoader.fromFiles(schemaFile, seedsFile, null), output);
  }

  /**
   * Generates records from loaded inputs into {@code output}, resuming an unfinished run of the same output, and
   * writes the quality report beside it unless {@link SynthesisConfig#report()} is off.
   */
  public SynthesisResult synthesize(Inputs inputs, Path output) {
    PriceTable prices = prices();
    GenerationRun run = new GenerationRun(config, env, clients, batches, clock, listener, control, files);
    SynthesisResult result = run.run(inputs, output, prices);
    return RunQualityReport.add(result, inputs, config, files, prices, clock::instant, listener, run.measured());
  }

  /** Generates records for a DataRecipe analysis folder into its {@code 11_合成数据/synthetic.json}. */
  public SynthesisResult synthesizeFromDataRecipe(Path analysisDir) {
    return synthesize(InputLoader.fromDataRecipe(analysisDir), defaultOutput(analysisDir));
  }

  /** The default output of a DataRecipe folder for the configured format. */
  public Path defaultOutput(Path analysisDir) {
    return DataRecipe.defaultOutput(analysisDir, config.format() == null ? ".json" : config.format().extension());
  }

  /**
   * Estimates tokens and cost from the real prompts for these inputs; needs no key. Seeds that break the schema are
   * checked as a run would check them: left out with a notice, or an error with {@code strict}.
   */
  public CostEstimate estimate(Inputs inputs) {
    Inputs checked = config.validate() ? SeedCheck.apply(inputs, config.strict(), listener::onNotice) : inputs;
    PromptBuilder prompts = new PromptBuilder(checked.schema(), checked.seeds(), checked.guidelines(),
        config.promptSettings());
    ModelProfile profile = ModelCheck.profile(config);
    ModelCheck.check(config, profile).ifPresent(listener::onNotice);
    ProviderCheck.check(config, env, false).ifPresent(listener::onNotice);
    TemplateCheck.check(config).ifPresent(listener::onNotice);
    DataTypeCheck.check(config, checked.schema()).ifPresent(listener::onNotice);
    TokenCounter counter = TokenCounter.of(profile, config.model());
    // The run's own decisions: a provider batch or not, the layout and cache hint of its prompts.
    boolean batch = CostPlan.batch(config, profile);
    CostPlan plan = CostPlan.decide(config, profile, checked, prompts, counter, batch);
    plan.notices().forEach(listener::onNotice);
    return Estimator.estimate(checked, config, batch ? plan.forBatches() : plan, counter,
        profile.reasoning().reserveFor(config.reasoningEffort()), prices().lookup(config.model()).orElse(null),
        batch ? io.datasynth.cost.Billing.BATCH : io.datasynth.cost.Billing.ONLINE);
  }

  /**
   * The requests a run of these inputs would send first (its first wave, before any reply), exactly as they would go
   * on the wire, keys masked; nothing is sent and no file is written. A missing key is stood in for, so the preview
   * works without one. Always online: in batch mode the same bodies go into the provider's batch.
   */
  public List<PreviewedRequest> previewRequests(Inputs inputs) {
    String extension = config.format() == null ? ".json" : config.format().extension();
    return RequestPreview.of(config, inputs, env, clock, prices(), "preview" + extension);
  }

  /**
   * Estimates tokens and cost without inputs, from a generic assumption ({@link Estimator#GENERIC_BASIS}); the
   * result's {@code tokenizer} says so.
   */
  public CostEstimate estimateWithoutInputs() {
    ModelProfile profile = ModelCheck.profile(config);
    ModelCheck.check(config, profile).ifPresent(listener::onNotice);
    return Estimator.generic(config, profile.reasoning().reserveFor(config.reasoningEffort()),
        prices().lookup(config.model()).orElse(null));
  }

  /**
   * Checks that a run with these settings would work: the key, the model's profile and price, and what the endpoint
   * accepts (a few tiny requests; {@code announce} receives their worst-case cost before the first is sent).
   */
  public DoctorReport doctor(Consumer<Message> announce) {
    return new Doctor(config, env, clients).run(prices(), announce);
  }

  /**
   * A judge prompt for the records of {@code output} that have no judge score yet (at most 100), for interactive
   * mode; they are named {@code r1}, {@code r2}, … by their place in the output.
   */
  public PreparedPrompt prepareJudge(Inputs inputs, Path output) {
    PromptBuilder prompts = new PromptBuilder(inputs.schema(), inputs.seeds(), inputs.guidelines(),
        config.promptSettings());
    return InteractiveJudge.prepare(inputs.schema(), inputs.guidelines(), prompts.language(), output, config,
        files, TokenCounter.of(ModelCheck.profile(config), config.model()));
  }

  /**
   * Reads a pasted answer to {@link #prepareJudge}'s prompt into {@code output}: scores into the records'
   * provenance, records below the minimum ({@code --min-score}) to the rejects file.
   */
  public JudgedReport parseJudged(String reply, Schema schema, Path output) {
    return InteractiveJudge.parse(reply, schema, output, config, files);
  }

  /** A prompt asking for {@code config.count()} records, for interactive mode. */
  public PreparedPrompt prepare(Inputs inputs) {
    Inputs checked = config.validate() ? SeedCheck.apply(inputs, config.strict(), listener::onNotice) : inputs;
    PromptBuilder prompts = new PromptBuilder(checked.schema(), checked.seeds(), checked.guidelines(),
        config.promptSettings());
    TemplateCheck.check(config).ifPresent(listener::onNotice);
    DataTypeCheck.check(config, checked.schema()).ifPresent(listener::onNotice);
    Path suggested = inputs.analysisDir() != null ? defaultOutput(inputs.analysisDir()) : Path.of("synthetic.json");
    return Interactive.prepare(checked, config, prompts, TokenCounter.of(ModelCheck.profile(config), config.model()),
        suggested);
  }

  /**
   * Turns a pasted model reply into validated, deduplicated records appended to {@code output}.
   *
   * @param seeds seeds to deduplicate against; may be empty
   */
  public ParseReport parseReply(String reply, Schema schema, List<Seed> seeds, Path output) {
    return Interactive.parse(reply, schema, seeds, output, config, files, clock.instant());
  }

  /** Checks every record of a dataset file against a schema. */
  public static ValidationReport validate(Path data, Schema schema) {
    return validate(data, schema, FileGuard.unrestricted());
  }

  /** Checks every record of a dataset file, opened through {@code files}, against a schema. */
  public static ValidationReport validate(Path data, Schema schema, FileGuard files) {
    return DatasetTools.validate(data, schema, files);
  }

  /**
   * Converts a dataset between formats (JSON, JSON Lines, and Parquet with the {@code datasynth-parquet} module).
   *
   * @param format the output format, or null to follow {@code out}'s extension
   * @return the number of records written
   */
  public static int convert(Path in, Path out, OutputFormat format, boolean force) {
    return DatasetTools.convert(in, out, format, null, force);
  }

  /**
   * Converts a dataset between formats, with the schema that types the output's columns.
   *
   * @param format the output format, or null to follow {@code out}'s extension
   * @param schema the records' schema; null to take the one the input carries, else (for a typed format such as
   *     Parquet) one inferred from the records
   * @return the number of records written
   */
  public static int convert(Path in, Path out, OutputFormat format, Schema schema, boolean force) {
    return DatasetTools.convert(in, out, format, schema, force);
  }

  /** Writes a starter config, schema and seeds into {@code dir}; never overwrites. */
  public static List<Path> init(Path dir) {
    return Scaffold.init(dir);
  }

  private PriceTable prices() {
    return config.prices() == null ? PriceTable.bundled() : PriceTable.withOverrides(config.prices());
  }

  /** Collects a synthesizer's collaborators; only the config is required. */
  public static final class Builder {
    private SynthesisConfig config;
    private Map<String, String> env = System.getenv();
    private Function<ProviderSettings, LlmClient> clients = LlmClients::create;
    private EngineClock clock = EngineClock.system();
    private EngineListener listener = EngineListener.NONE;
    private RunControl control = new RunControl();
    private FileGuard files = FileGuard.unrestricted();
    private BatchSetup batches = BatchSetup.defaults();

    public Builder config(SynthesisConfig v) { config = v; return this; }
    /** Where keys and base URLs are read from; defaults to the process environment. */
    public Builder env(Map<String, String> v) { env = Objects.requireNonNull(v); return this; }
    /** How clients are made; defaults to HTTP clients. */
    public Builder clients(Function<ProviderSettings, LlmClient> v) { clients = Objects.requireNonNull(v); return this; }
    public Builder clock(EngineClock v) { clock = Objects.requireNonNull(v); return this; }
    public Builder listener(EngineListener v) { listener = Objects.requireNonNull(v); return this; }
    /** Lets another thread stop a run. */
    public Builder control(RunControl v) { control = Objects.requireNonNull(v); return this; }
    /** Where files are opened; defaults to {@link FileGuard#unrestricted()}, the MCP server gives its root's. */
    public Builder files(FileGuard v) { files = Objects.requireNonNull(v); return this; }

    /** How batch clients are made (batch mode); defaults to HTTP clients of the providers' batch APIs. */
    public Builder batchApis(java.util.function.Function<ProviderSettings, io.datasynth.provider.batch.BatchApi> v) {
      batches = new BatchSetup(v, batches.settle(), batches.firstPoll(), batches.maxPoll());
      return this;
    }

    /**
     * The waits of batch mode: a batch is submitted once no call joined it for {@code settle}; it is first looked at
     * after {@code firstPoll}, then at doubling intervals up to {@code maxPoll}. Defaults: 2 s, 5 s, 5 min; tests
     * against a fake give milliseconds.
     */
    public Builder batchWaits(java.time.Duration settle, java.time.Duration firstPoll, java.time.Duration maxPoll) {
      batches = new BatchSetup(batches.apis(), settle, firstPoll, maxPoll);
      return this;
    }

    public DataSynthesizer build() {
      return new DataSynthesizer(this);
    }
  }
}
