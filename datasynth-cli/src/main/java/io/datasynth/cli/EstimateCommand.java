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
  @Mixin JsonOutput json;

  @Override
  public Integer call() {
    SynthesisConfig config = options.toConfig();
    DataSynthesizer synth = DataSynthesizer.builder().config(config).env(context().env())
        .listener(new ProgressPrinter(err(), ProgressPrinter.Mode.LOG, null, System::nanoTime, false,
            context().text(), TerminalWidth.DEFAULT)).build();
    if (!inputs.given(dir)) {
      // The original tool estimated with no inputs at all; say plainly that this is a rough figure.
      var generic = synth.estimateWithoutInputs();
      if (json.json) {
        Reports.json(out(), generic);
      } else {
        Reports.estimate(out(), generic, config.batchSize(), context().text());
      }
      err().println(context().text().text("cli.note", context().text().text("cli.estimate.hint")));
      err().flush();
      return ExitCode.OK;
    }
    var estimate = synth.estimate(inputs.load(dir, "estimate"));
    if (json.json) {
      Reports.json(out(), estimate);
    } else {
      Reports.estimate(out(), estimate, config.batchSize(), context().text());
    }
    return ExitCode.OK;
  }
}
