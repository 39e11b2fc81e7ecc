package io.datasynth.cli;

import io.datasynth.api.DataSynthesizer;
import io.datasynth.error.ConfigException;
import io.datasynth.sink.OutputFormat;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convert IN -o OUT}: JSON ↔ JSON Lines. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Convert a dataset between JSON and JSON Lines (by the output's extension or --format).",
        "JSON → JSONL unwraps samples[].data into one record per line."})
final class ConvertCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "IN", description = "The dataset to convert.")
  Path in;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The converted file.")
  Path out;

  @Option(names = "--format", paramLabel = "FORMAT", description = "json or jsonl (default: from OUT's extension).")
  String format;

  @Option(names = "--force", description = "Overwrite OUT if it exists.")
  boolean force;

  @Override
  public Integer call() {
    OutputFormat f = format == null ? null : OutputFormat.parse(format).orElseThrow(() ->
        new ConfigException("format '" + format + "' is unknown; use json or jsonl (--format)"));
    int n = DataSynthesizer.convert(in, out, f, force);
    out().println("✓ Converted " + n + " records: " + out);
    out().flush();
    return ExitCode.OK;
  }
}
