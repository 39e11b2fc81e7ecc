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
  /** Records a prompt asks for when -n is not given: what one chat reply holds. */
  static final int DEFAULT_COUNT = 10;

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
      options.count = DEFAULT_COUNT;
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
    CliText t = context().text();
    err().println(t.text("cli.prepare.asks", t.records(prompt.count()), prompt.dataType().id(),
        prompt.language().name().toLowerCase(java.util.Locale.ROOT), prompt.promptTokens(),
        output != null ? t.text("cli.prepare.in", output) : ""));
    if (prompt.count() > LARGE_REQUEST) {
      err().println(t.text("cli.note", t.text("cli.prepare.large", LARGE_REQUEST)));
    }
    err().println(t.text("cli.prepare.next"));
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
    CliText text = context().text();
    err().println(text.text("cli.prepare.judge", text.records(prompt.count()), records, prompt.promptTokens(),
        output != null ? text.text("cli.prepare.in", output) : ""));
    err().println(text.text("cli.prepare.judge.next"));
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
