package io.datasynth.cli;

import io.datasynth.recipe.InputLoader;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code create SCHEMA [SEEDS] -o OUT}: API mode on plain files. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Generate records from a schema file and a seed file through an LLM API.",
        "SCHEMA may be a DataSynth schema, a JSON Schema, or a combined {schema, samples} file (then SEEDS is "
            + "not needed)."})
final class CreateCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "SCHEMA", description = "The schema (or combined) file.")
  Path schema;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SEEDS",
      description = "The seed examples: a JSON list, {samples: [...]}, {seeds: [...]} or JSON Lines.")
  Path seeds;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "Output file (.json or .jsonl).")
  Path output;

  @Option(names = "--guidelines", paramLabel = "FILE", description = "Annotation guidelines to show the model.")
  Path guidelines;

  @Mixin GenerationOptions options;
  @Mixin RunOptions run;
  @Mixin JsonOutput json;

  @Override
  public Integer call() {
    var config = options.toConfig();
    return GenerationSupport.run(this, InputLoader.fromFiles(schema, seeds, guidelines), output, config, run, json);
  }
}
