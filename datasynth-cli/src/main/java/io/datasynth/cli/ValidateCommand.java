package io.datasynth.cli;

import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.ValidationReport;
import io.datasynth.recipe.InputLoader;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code validate DATA SCHEMA}: check a dataset file against a schema. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check every record of a dataset file against a schema; exit 1 when any record breaks it.")
final class ValidateCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DATA", description = "A dataset file (JSON with samples, a list, JSONL or Parquet).")
  Path data;

  @Parameters(index = "1", paramLabel = "SCHEMA", description = "A schema file or a DataRecipe folder.")
  Path schema;

  @Option(names = "--max-errors", paramLabel = "N", defaultValue = "50",
      description = "Show at most N errors (default: ${DEFAULT-VALUE}).")
  int maxErrors;

  @picocli.CommandLine.Mixin JsonOutput json;

  @Override
  public Integer call() {
    ValidationReport r = DataSynthesizer.validate(data, InputLoader.schemaOnly(schema));
    if (json.json) {
      out().println(io.datasynth.json.Json.compact(r.toJson(maxErrors)));
      out().flush();
      return r.ok() ? ExitCode.OK : ExitCode.FAILED;
    }
    CliText t = context().text();
    if (r.ok()) {
      out().println(t.text("cli.validate.ok", t.records(r.total()), data));
      out().flush();
      return ExitCode.OK;
    }
    out().println(t.text("cli.validate.broken", r.total() - r.valid(), t.records(r.total()),
        Reports.counts(r.byRule())));
    r.problems().stream().limit(Math.max(0, maxErrors)).forEach(e -> out().println("  " + t.render(e)));
    if (r.problems().size() > maxErrors) {
      out().println(t.text("cli.validate.more", r.problems().size() - maxErrors));
    }
    out().flush();
    return ExitCode.FAILED;
  }
}
