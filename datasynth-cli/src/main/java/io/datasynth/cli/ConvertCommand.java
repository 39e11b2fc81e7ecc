package io.datasynth.cli;

import io.datasynth.api.DataSynthesizer;
import io.datasynth.recipe.InputLoader;
import io.datasynth.sink.OutputFormat;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convert IN -o OUT}: between JSON, JSON Lines and Parquet. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Convert a dataset between JSON, JSON Lines and Parquet (by the output's extension or --format).",
        "JSON → JSONL unwraps samples[].data into one record per line. Parquet columns are typed from the schema: "
            + "--schema, else the one the input carries (DataSynth JSON and Parquet do), else read off the records.",
        "The input's metadata is kept (in Parquet: the key-value metadata datasynth.metadata)."})
final class ConvertCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "IN", description = "The dataset to convert (JSON, JSON Lines or Parquet).")
  Path in;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The converted file.")
  Path out;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "json, jsonl or parquet (default: from OUT's extension, else json).")
  String format;

  @Option(names = "--schema", paramLabel = "SCHEMA",
      description = "A schema file or DataRecipe folder that types the output's columns (default: the input's).")
  Path schema;

  @Option(names = "--force", description = "Overwrite OUT if it exists.")
  boolean force;

  @Override
  public Integer call() {
    OutputFormat f = format == null ? null : GenerationOptions.format(format);
    int n = DataSynthesizer.convert(in, out, f, schema == null ? null : InputLoader.schemaOnly(schema), force);
    out().println("✓ Converted " + n + " records: " + out);
    out().flush();
    return ExitCode.OK;
  }
}
