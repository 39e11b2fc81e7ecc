package io.datasynth.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.QualityReports;
import io.datasynth.cost.PriceTable;
import io.datasynth.error.ConfigException;
import io.datasynth.json.Json;
import io.datasynth.metrics.DatasetMetrics;
import io.datasynth.metrics.DatasetMetricsJson;
import io.datasynth.prompt.Language;
import io.datasynth.recipe.DataRecipe;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import io.datasynth.report.QualityReport;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import io.datasynth.seed.SeedReader;
import io.datasynth.sink.OutputFiles;
import io.datasynth.text.Messages;
import io.datasynth.text.SettingNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;

/** {@code report OUT}: measure a dataset and write its quality report as one HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Measure a dataset (diversity, similarity, distributions, similarity to the seeds) and write its "
        + "quality report: one self-contained HTML file that opens offline.",
        "OUT is a dataset file, or a DataRecipe analysis folder (its 11_合成数据/synthetic.json against its seeds)."})
final class ReportCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "OUT", description = "The dataset file, or a DataRecipe analysis folder.")
  Path dataset;

  @Option(names = "--seeds", paramLabel = "FILE", description = "Seed examples to compare the records with.")
  Path seeds;

  @Option(names = "--schema", paramLabel = "FILE",
      description = "The schema to measure by (default: the one the dataset carries, else inferred).")
  Path schema;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "The HTML file to write (default: <OUT stem>.report.html beside OUT).")
  Path output;

  @Option(names = "--force", description = "Overwrite the HTML file if it exists.")
  boolean force;

  @Option(names = "--lang", paramLabel = "LANG",
      description = "Language of the report, zh or en (default: Chinese when most seeds, or records, are Chinese).")
  String lang;

  @Option(names = "--near-dup", paramLabel = "J", defaultValue = "0.8",
      description = "Near-duplicate threshold of the seed-copy guard (default: ${DEFAULT-VALUE}).")
  double nearDup;

  @Option(names = "--prices", paramLabel = "FILE", description = "Price file overriding the bundled prices.")
  Path prices;

  @Mixin JsonOutput json;

  @Override
  public Integer call() {
    Language language = lang == null ? null : Language.parse(lang).orElseThrow(() -> new ConfigException(
        Setting.LANG, Message.of("error.value.unknown", Setting.LANG, lang, "zh, en")));
    if (!(nearDup > 0 && nearDup <= 1)) {
      throw new ConfigException(Setting.NEAR_DUP, Message.of("error.near_dup", nearDup, Setting.NEAR_DUP));
    }
    Path data = dataset;
    Schema by = schema == null ? null : InputLoader.schemaOnly(schema);
    List<Seed> compared = List.of();
    if (Files.isDirectory(dataset) && DataRecipe.isAnalysisDir(dataset)) {
      Inputs recipe = InputLoader.fromDataRecipe(dataset);
      data = DataRecipe.defaultOutput(dataset, ".json");
      by = by != null ? by : recipe.schema();
      compared = recipe.seeds();
    }
    QualityReports reports = QualityReports.builder()
        .prices(prices == null ? PriceTable.bundled() : PriceTable.withOverrides(prices))
        .nearDuplicateThreshold(nearDup).build();
    if (seeds != null) {
      Schema fields = by != null ? by : reports.schemaOf(data);
      compared = SeedReader.read(seeds, fields.fieldNames());
      by = fields;
    }
    Path html = output != null ? output : OutputFiles.of(data).report();
    QualityReport measured = reports.measure(data, by, compared);
    Language words = language != null ? language : Language.detect(compared.isEmpty() ? asSeeds(measured.metrics())
        : compared);
    QualityReport written = reports.write(measured, html, new Messages(words == Language.ZH ? Locale.CHINESE
        : Locale.ROOT, SettingNames.KEYS), force);
    DatasetMetrics m = written.metrics();
    if (json.json) {
      ObjectNode o = Json.object();
      o.put("dataset", data.toString());
      o.put("report", html.toString());
      o.set("quality", DatasetMetricsJson.of(m));
      out().println(Json.compact(o));
    } else {
      CliText t = context().text();
      out().println(t.text("cli.report.done", t.records(m.records()), html));
      out().println(t.text("cli.report.self_similarity", m.selfSimilarity().mean(), m.selfSimilarity().sampled()));
      if (m.seedSimilarity() != null) {
        out().println(t.text("cli.report.seed_similarity", m.seedSimilarity().mean(), m.seedSimilarity().max(),
            m.seedSimilarity().seedCopies(), m.seedSimilarity().threshold()));
      } else if (compared.isEmpty()) {
        out().println(t.text("cli.report.no_seeds"));
      }
      m.fields().stream().filter(f -> f.records() != null).forEach(f -> out().println(t.text("cli.report.field",
          String.format(Locale.ROOT, "%-16s", f.name() + ":"), f.records().distinct1(), f.records().distinct2())));
      if (written.rejects() != null) {
        out().println(t.text("cli.report.rejected", written.rejects().rejected()));
      }
    }
    out().flush();
    return ExitCode.OK;
  }

  /** The sampled records as stand-ins for seeds, to tell the report's language from. */
  private static List<Seed> asSeeds(DatasetMetrics m) {
    List<Seed> out = new ArrayList<>();
    m.samples().forEach(s -> out.add(new Seed(out.size(), s.id(), s.data())));
    return out;
  }
}
