package io.datasynth.cli;

import io.datasynth.api.SynthesisConfig;
import io.datasynth.recipe.DataRecipe;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code generate DIR}: API mode on a DataRecipe analysis folder. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate records for a DataRecipe analysis folder through an LLM API.",
        "Reads 04_复刻指南/DATA_SCHEMA.json, 09_样例数据/samples.json and 03_标注规范/ANNOTATION_SPEC.md; writes "
            + "11_合成数据/synthetic.json."})
final class GenerateCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "The DataRecipe analysis folder.")
  Path dir;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Output file (default: DIR/11_合成数据/synthetic.json, or .jsonl with --format jsonl).")
  Path output;

  @Mixin GenerationOptions options;
  @Mixin RunOptions run;
  @Mixin JsonOutput json;

  @Override
  public Integer call() {
    SynthesisConfig config = options.toConfig();
    Inputs inputs = InputLoader.fromDataRecipe(dir);
    Path out = output != null ? output
        : DataRecipe.defaultOutput(dir, config.format() == null ? ".json" : config.format().extension());
    return GenerationSupport.run(this, inputs, out, config, run, json);
  }
}
