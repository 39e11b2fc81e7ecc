package io.datasynth.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.QualityReports;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.cli.CliText;
import io.datasynth.cli.ExitCode;
import io.datasynth.cli.GenerationOptions;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunOutcome;
import io.datasynth.error.DataSynthException;
import io.datasynth.json.Json;
import io.datasynth.provider.ProviderKind;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import io.datasynth.sink.OutputFiles;
import io.datasynth.cost.CostFormat;
import io.datasynth.report.RunReport;
import io.datasynth.report.RunReportJson;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The Spark application's command line: {@code create}'s arguments and options, plus the fleet and the job's own. */
@Command(name = "datasynth-spark", mixinStandardHelpOptions = true,
    description = {"Generate records from a schema file and a seed file across a Spark cluster, against a fleet of "
        + "endpoints: the same job as datasynth create, with the work plan split into partitions.",
        "Run it with spark-submit --class io.datasynth.spark.SparkMain datasynth-spark.jar SCHEMA [SEEDS] -o OUT "
            + "--endpoint URL …"})
final class SparkCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCHEMA", description = "The schema (or combined) file, on the driver.")
  Path schema;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SEEDS",
      description = "The seed examples: a JSON list, {samples: [...]}, {seeds: [...]} or JSON Lines.")
  Path seeds;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "PATH",
      description = "Output file: a local path or a Hadoop file system URI (hdfs://…, s3a://…); .parquet, .jsonl "
          + "or .json.")
  String output;

  @Option(names = "--guidelines", paramLabel = "FILE", description = "Annotation guidelines to show the model.")
  Path guidelines;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "A server of the fleet (repeatable); its base URL as --base-url takes it.")
  List<String> endpoints = new ArrayList<>();

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of the work plan (default: the cluster's parallelism, at least one per endpoint).")
  Integer partitions;

  @Option(names = "--work-dir", paramLabel = "PATH",
      description = "Where the partitions' journals live (default: OUTPUT.journals beside the output).")
  String workDir;

  @Option(names = "--max-rounds", paramLabel = "N",
      description = "Rounds at most: the first and the top-ups after duplicates across partitions (default: "
          + SparkJob.DEFAULT_MAX_ROUNDS + ").")
  int maxRounds = SparkJob.DEFAULT_MAX_ROUNDS;

  @Option(names = "--json", description = "Print the run report as JSON on stdout.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No notices on stderr.")
  boolean quiet;

  @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
  boolean stacktrace;

  @Mixin GenerationOptions options;

  private final Supplier<SparkSession> session;
  private final Map<String, String> env;
  private final PrintWriter out;
  private final PrintWriter err;
  private final JournalProbe probe;

  SparkCommand(Supplier<SparkSession> session, Map<String, String> env, PrintWriter out, PrintWriter err,
      JournalProbe probe) {
    this.probe = probe;
    this.session = session;
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    SynthesisConfig config = options.toConfig();
    List<Endpoint> fleet = new ArrayList<>();
    endpoints.forEach(u -> fleet.add(Endpoint.of(u)));
    // --endpoints FILE comes with create's options: URL [WEIGHT] [KEY_VARIABLE] a line, as on one machine.
    if (options.endpointsFile() != null) {
      fleet.addAll(Fleet.read(options.endpointsFile()));
    }
    if (fleet.isEmpty()) {
      fleet.add(Endpoint.of(defaultBaseUrl(config)));
    }
    var inputs = InputLoader.fromFiles(schema, seeds, guidelines);
    CliText text = CliText.forEnvironment(env);
    SparkJob job = SparkJob.builder().config(config).inputs(inputs).output(output).workDir(workDir)
        .endpoints(fleet).partitions(partitions == null ? 0 : partitions).maxRounds(maxRounds).probe(probe)
        .listener(new EngineListener() {
          @Override
          public void onNotice(Message message) {
            notice(message, text);
          }
        })
        .build();
    SparkJob.Result result = job.run(session.get());
    RunReport report = result.report();
    Path html = qualityReport(result, config, inputs, text);
    if (json) {
      ObjectNode o = RunReportJson.of(report, new Messages(Locale.ROOT, io.datasynth.text.SettingNames.KEYS));
      ObjectNode files = (ObjectNode) o.get("files");
      files.put("output", report.delivered() > 0 ? result.output() : null);
      files.put("report", html == null ? null : html.toString());
      ObjectNode spark = o.putObject("spark");
      spark.put("partitions", result.partitions());
      spark.put("endpoints", fleet.size());
      spark.put("rounds", result.rounds());
      spark.put("duplicates_across_partitions", result.duplicatesAcrossPartitions());
      spark.put("near_duplicates_across_partitions", result.nearDuplicatesAcrossPartitions());
      out.println(Json.pretty(o));
    } else {
      summary(result, fleet.size(), text);
      if (html != null) {
        out.println(text.text("cli.summary.report", html));
      }
    }
    out.flush();
    if (result.success()) {
      return ExitCode.OK;
    }
    err.println(text.text("cli.error", text.render(message(report.outcome()))));
    err.flush();
    return report.outcome() instanceof RunOutcome.Failed f && f.byConfiguration() ? ExitCode.USAGE
        : ExitCode.FAILED;
  }

  /**
   * The quality report beside an output on the local file system, as {@code create} writes it; null, with a notice
   * saying how to make it, when the output is elsewhere or the report cannot be written (the records are safe).
   */
  private Path qualityReport(SparkJob.Result r, SynthesisConfig config, Inputs inputs, CliText text) {
    if (!config.report() || r.report().delivered() == 0) {
      return null;
    }
    java.net.URI where = new org.apache.hadoop.fs.Path(r.output()).toUri();
    if (where.getScheme() != null && !"file".equals(where.getScheme())) {
      notice(Message.of("spark.report.remote", r.output(), io.datasynth.error.Command.REPORT), text);
      return null;
    }
    Path output = Path.of(where.getPath());
    Path html = OutputFiles.of(output).report();
    try {
      QualityReports.builder().run(config).build().writeForRun(output, inputs, config, false);
      return html;
    } catch (DataSynthException e) {
      notice(Message.of("notice.report.failed", html, e.getMessage(), output, io.datasynth.error.Command.REPORT),
          text);
      return null;
    }
  }

  private void notice(Message message, CliText text) {
    if (!quiet) {
      err.println(text.text("cli.note", text.render(message)));
      err.flush();
    }
  }

  private static Message message(RunOutcome o) {
    if (o instanceof RunOutcome.Stopped s) {
      return s.message();
    }
    if (o instanceof RunOutcome.Failed f) {
      return f.message();
    }
    return Message.of("spark.rounds_exhausted", 0, 0, 0, "--max-rounds", io.datasynth.error.Setting.NEAR_DUP);
  }

  private void summary(SparkJob.Result r, int endpointCount, CliText text) {
    RunReport report = r.report();
    var run = report.thisRun();
    out.println(text.text(report.complete() ? "spark.summary.wrote" : "spark.summary.wrote_only", report.delivered(),
        report.target(), r.output()));
    out.println(text.text("spark.summary.partitions", r.partitions(), endpointCount, r.rounds(),
        r.duplicatesAcrossPartitions(), r.nearDuplicatesAcrossPartitions()));
    out.println(text.text("spark.summary.requests", run.requests(), run.retries(), run.rateLimited(),
        run.usage().inputTokens(), run.usage().outputTokens(), report.costUsd() == null
            ? text.text("spark.summary.cost_unknown") : CostFormat.usd(report.costUsd()),
        run.elapsed().toMillis() / 1000.0));
    if (!report.complete()) {
      out.println(text.text("spark.summary.resume"));
    }
  }

  private String defaultBaseUrl(SynthesisConfig config) {
    if (config.baseUrl() != null && !config.baseUrl().isBlank()) {
      return config.baseUrl();
    }
    ProviderKind kind = config.provider();
    String fromEnv = env.get(kind.baseUrlVariable());
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : kind.defaultBaseUrl();
  }
}
