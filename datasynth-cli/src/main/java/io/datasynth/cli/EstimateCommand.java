package io.datasynth.cli;

import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.SynthesisConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code estimate}: tokens and dollars before spending, from the real prompts. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
    description = {"Estimate batches, tokens and cost of generating N records; needs no API key.",
        "Builds the real prompts for the real inputs and counts their tokens; replies are sized from the seeds."})
final class EstimateCommand extends BaseCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "A DataRecipe analysis folder.")
  Path dir;

  @Mixin InputSelection inputs;
  @Mixin GenerationOptions options;

  @Override
  public Integer call() {
    SynthesisConfig config = options.toConfig();
    var estimate = DataSynthesizer.builder().config(config).env(context().env())
        .listener(new ProgressPrinter(err(), ProgressPrinter.Mode.LOG, null, System::nanoTime)).build()
        .estimate(inputs.load(dir, "estimate"));
    Reports.estimate(out(), estimate, config.batchSize());
    return ExitCode.OK;
  }
}
