package io.datasynth.cli;

import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.PreparedPrompt;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.recipe.Inputs;
import io.datasynth.sink.AtomicFiles;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code prepare}: interactive mode, step 1 — a prompt to paste into any chat model. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
    description = {"Write a ready-to-paste prompt (interactive mode: no API key needed).",
        "Paste it into any chat model, save the reply, then turn it into records with `datasynth parse`."})
final class PrepareCommand extends BaseCommand {
  /** Above this many records per prompt, a chat reply is likely to be cut off. */
  static final int LARGE_REQUEST = 50;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "A DataRecipe analysis folder.")
  Path dir;

  @Mixin InputSelection inputs;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the prompt to FILE (e.g. prompt.md) instead of standard output.")
  Path output;

  @Mixin GenerationOptions options;

  @Option(names = "--dataset", paramLabel = "FILE",
      description = "With --judge: the output whose records to judge (default: DIR/11_合成数据/synthetic.json, else "
          + "./synthetic.json).")
  Path dataset;

  @Override
  public Integer call() {
    if (Boolean.TRUE.equals(options.judge)) {
      return judgePrompt();
    }
    if (options.count == null) {
      options.count = 10;
    }
    SynthesisConfig config = options.toConfig();
    Inputs in = inputs.load(dir, "prepare");
    DataSynthesizer synth = DataSynthesizer.builder().config(config).env(context().env())
        .listener(new ProgressPrinter(err(), ProgressPrinter.Mode.LOG, null, System::nanoTime, false,
            context().text(), TerminalWidth.DEFAULT)).build();
    PreparedPrompt prompt = synth.prepare(in);
    write(prompt);
    String source = source();
    String target = dir != null ? "" : " -o " + prompt.suggestedOutput();
    err().println();
    err().println("The prompt asks for " + prompt.count() + " records (" + prompt.dataType().id() + ", "
        + prompt.language().name().toLowerCase(java.util.Locale.ROOT) + ", about " + prompt.promptTokens() + " tokens)"
        + (output != null ? " and is in " + output : "") + ".");
    if (prompt.count() > LARGE_REQUEST) {
      err().println("note: chat models often cut off replies this long; if yours does, ask for about "
          + LARGE_REQUEST + " records per prompt and parse each reply into the same output (parse appends).");
    }
    err().println("Paste it into any chat model, save the reply as reply.md, then run:");
    err().println("  datasynth parse reply.md " + source + target + planOptions(prompt.count()));
    err().flush();
    return ExitCode.OK;
  }

  /** The plan options parse needs to check each record against its group, with the count they depend on. */
  private String planOptions(int count) {
    StringBuilder sb = new StringBuilder();
    if (options.balance != null) {
      options.balance.forEach(b -> sb.append(" --balance '").append(b).append("'"));
    }
    if (options.axis != null) {
      options.axis.forEach(a -> sb.append(" --axis '").append(a).append("'"));
    }
    if (options.axes != null) {
      sb.append(" --axes ").append(options.axes);
    }
    if (sb.isEmpty()) {
      return "";
    }
    return " -n " + count + (options.seed == null ? "" : " --seed " + options.seed) + sb;
  }

  /** {@code prepare --judge}: the judge prompt for the records of an output that have no score yet. */
  private Integer judgePrompt() {
    SynthesisConfig config = options.toConfig();
    Inputs in = inputs.load(dir, "prepare");
    Path records = dataset != null ? dataset : in.analysisDir() != null
        ? io.datasynth.recipe.DataRecipe.defaultOutput(in.analysisDir(), ".json")
        : context().workingDir().resolve("synthetic.json");
    PreparedPrompt prompt = DataSynthesizer.builder().config(config).env(context().env()).build()
        .prepareJudge(in, records);
    write(prompt);
    String source = source();
    err().println();
    err().println("The judge prompt holds " + prompt.count() + " records of " + records + " without a score (about "
        + prompt.promptTokens() + " tokens)" + (output != null ? " and is in " + output : "") + ".");
    err().println("Paste it into any chat model, save the answer as scores.md, then run:");
    err().println("  datasynth parse --judged scores.md " + source + " -o " + records);
    err().flush();
    return ExitCode.OK;
  }

  /** The prompt into {@code -o FILE}, never over an existing file unless forced, or onto stdout. */
  private void write(PreparedPrompt prompt) {
    if (output != null) {
      AtomicFiles.checkTarget(output, Boolean.TRUE.equals(options.force));
      AtomicFiles.writeString(output, prompt.text());
    } else {
      out().print(prompt.text());
      out().flush();
    }
  }

  /** The inputs as parse takes them: the analysis folder, or the schema and seeds options. */
  private String source() {
    return dir != null ? dir.toString()
        : "--schema " + inputs.schema + (inputs.seeds == null ? "" : " --seeds " + inputs.seeds);
  }
}
