package io.datasynth.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of commands that call a provider: how to show progress, what to run afterwards, whether to spend. */
final class RunOptions {
  @Option(names = "--dry-run", description = "Estimate batches, tokens and cost from the real prompts; send nothing.")
  boolean dryRun;

  @Option(names = "--post-hook", paramLabel = "CMD",
      description = "Command to run after a successful run, with {output_path}, {count} and {analysis_dir} "
          + "replaced; split into arguments and run without a shell.")
  String postHook;

  @Option(names = "--post-hook-env", paramLabel = "VAR", split = ",",
      description = "Pass this key variable to the post-hook too (repeatable, or comma-separated). By default the "
          + "hook runs without ANTHROPIC_API_KEY, OPENAI_API_KEY and the variable --api-key-env names.")
  List<String> postHookEnv = new ArrayList<>();

  @Option(names = "--progress", paramLabel = "MODE",
      description = "auto (a live bar on a terminal, a line every few seconds otherwise), bar, log or none.")
  String progress;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;
}
