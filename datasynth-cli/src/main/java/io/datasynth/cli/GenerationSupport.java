package io.datasynth.cli;

import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.api.SynthesisResult;
import io.datasynth.engine.RunControl;
import io.datasynth.engine.RunOutcome;
import io.datasynth.provider.LlmClients;
import io.datasynth.provider.http.LoggingTransport;
import io.datasynth.recipe.Inputs;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The shared flow of generate and create: dry run, or a run with progress, Ctrl-C handling, summary and hook. */
final class GenerationSupport {
  private GenerationSupport() {}

  static int run(BaseCommand cmd, Inputs inputs, Path output, SynthesisConfig config, RunOptions run,
      JsonOutput json) {
    PrintWriter out = cmd.out();
    PrintWriter err = cmd.err();
    PostHook hook = run.hook.parsed();
    if (run.showPrompts && !run.dryRun) {
      throw new picocli.CommandLine.ParameterException(cmd.spec.commandLine(),
          cmd.context().text().text("cli.show_prompts.needs_dry_run"));
    }
    ProgressPrinter.Mode mode = ProgressPrinter.mode(run.progress, run.quiet, cmd.context().interactiveTerminal());
    CliText text = cmd.context().text();
    ProgressPrinter progress = new ProgressPrinter(err, mode, config.maxCost(), System::nanoTime,
        cmd.common.verbose, text,
        mode == ProgressPrinter.Mode.BAR ? TerminalWidth.of(cmd.context().env()) : TerminalWidth.DEFAULT);
    RunControl control = new RunControl();
    java.util.concurrent.atomic.AtomicBoolean announced = new java.util.concurrent.atomic.AtomicBoolean();
    DataSynthesizer synth = DataSynthesizer.builder()
        .config(config)
        .env(cmd.context().env())
        .listener(progress)
        .control(control)
        .clients(s -> {
          // Announced only here, once every check has passed, so a run that fails before it starts prints one
          // error line and nothing that looks like work began; once, however many endpoints there are.
          if (!run.quiet && announced.compareAndSet(false, true)) {
            err.println(text.text("cli.start", text.records(config.count()), config.provider().id(),
                config.model(), output, inputs.analysisDir() != null ? inputs.analysisDir() : inputs.schemaFile()));
            err.flush();
          }
          return LlmClients.create(s, t -> cmd.common.verbose ? new LoggingTransport(t) : t);
        })
        .build();
    if (run.dryRun) {
      var estimate = synth.estimate(inputs);
      dryRunWarnings(cmd, config, output, progress);
      if (json.json) {
        Reports.json(out, estimate);
      } else {
        Reports.estimate(out, estimate, config.batchSize(), text);
      }
      if (run.showPrompts) {
        Path dir = io.datasynth.sink.OutputFiles.of(output).requests();
        var requests = synth.previewRequests(inputs);
        RequestFiles.write(dir, requests, config.force());
        err.println(text.text("cli.dry_run.requests", requests.size(), dir));
        err.flush();
      }
      return ExitCode.OK;
    }
    SynthesisResult result;
    try (Interrupts ignored = Interrupts.install(control, err, text)) {
      result = synth.synthesize(inputs, output);
    }
    progress.endBar();
    if (json.json) {
      Reports.json(out, result.report());
    } else {
      Reports.result(out, result, config.model(), text);
    }
    if (!result.success()) {
      err.println(text.text("cli.error", text.render(result.error())));
      err.flush();
      return control.isStopRequested() ? ExitCode.INTERRUPTED
          : result.outcome() instanceof RunOutcome.Failed f && f.byConfiguration() ? ExitCode.USAGE : ExitCode.FAILED;
    }
    if (hook != null) {
      return HookOptions.run(cmd, hook, run.hook.postHookEnv, config, result.outputPath(), result.generatedCount(),
          inputs.analysisDir());
    }
    return ExitCode.OK;
  }

  /** What a dry run tells before the user pays for nothing: the output exists, the key is missing. */
  private static void dryRunWarnings(BaseCommand cmd, SynthesisConfig config, Path output, ProgressPrinter notes) {
    CliText text = cmd.context().text();
    if (java.nio.file.Files.exists(output) && !config.force()) {
      notes.onNotice(text.text("cli.dry_run.exists", output, io.datasynth.error.Setting.FORCE));
    }
    try {
      io.datasynth.provider.ProviderSettings.resolve(config.provider(), config.model(), config.baseUrl(),
          config.apiKeyVariable(), cmd.context().env(), null, null);
    } catch (io.datasynth.error.ConfigException e) {
      notes.onNotice(text.text("cli.dry_run.would_stop", text.message(e)));
    }
  }
}
