package io.datasynth.cli;

import picocli.CommandLine.Option;

/** Options of commands that call a provider: how to show progress, what to run afterwards, whether to spend. */
final class RunOptions {
  @Option(names = "--dry-run", description = "Estimate batches, tokens and cost from the real prompts; send nothing.")
  boolean dryRun;

  @Option(names = "--show-prompts",
      description = "With --dry-run: write the requests a run would send first, exactly as sent (keys masked), "
          + "into OUT.requests/ beside the output (-o picks the place).")
  boolean showPrompts;

  @picocli.CommandLine.Mixin HookOptions hook = new HookOptions();

  @Option(names = "--progress", paramLabel = "MODE",
      description = "auto (a live bar on a terminal, a line every few seconds otherwise), bar, log or none.")
  String progress;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;
}
