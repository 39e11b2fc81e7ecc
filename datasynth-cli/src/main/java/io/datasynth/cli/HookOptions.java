package io.datasynth.cli;

import io.datasynth.api.SynthesisConfig;
import io.datasynth.provider.ProviderKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --post-hook} and {@code --post-hook-env}: a command run after records were written, and how it runs. */
final class HookOptions {
  @Option(names = "--post-hook", paramLabel = "CMD",
      description = "Command to run after a successful run, with {output_path}, {count} and {analysis_dir} "
          + "replaced; split into arguments and run without a shell.")
  String postHook;

  @Option(names = "--post-hook-env", paramLabel = "VAR", split = ",",
      description = "Pass this key variable to the post-hook too (repeatable, or comma-separated). By default the "
          + "hook runs without ANTHROPIC_API_KEY, OPENAI_API_KEY and the variable --api-key-env names.")
  List<String> postHookEnv = new ArrayList<>();

  /** The parsed hook, or null when none was given; an unbalanced quote is an error before anything runs. */
  PostHook parsed() {
    return postHook == null ? null : PostHook.parse(postHook);
  }

  /**
   * Runs the hook for {@code output}, saying what it runs on stderr and how it exited on stdout.
   *
   * @param analysisDir the DataRecipe folder, or null: {@code {analysis_dir}} is then the output's folder
   * @return the exit code of the command: {@link ExitCode#OK} when the hook did
   */
  static int run(BaseCommand cmd, PostHook hook, List<String> keep, SynthesisConfig config, Path output, long count,
      Path analysisDir) {
    CliText text = cmd.context().text();
    PrintWriter err = cmd.err();
    Path dir = analysisDir != null ? analysisDir : output.toAbsolutePath().getParent();
    List<String> args = hook.arguments(output, count, dir);
    err.println(text.text("cli.hook.running", String.join(" ", args)));
    err.flush();
    int code;
    try {
      code = PostHook.run(args, cmd.context().workingDir(), PostHook.environment(cmd.context().env(),
          keyVariables(config), keep));
    } catch (IOException e) {
      err.println(text.text("cli.hook.not_started", e.getMessage()));
      err.flush();
      return ExitCode.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.INTERRUPTED;
    }
    cmd.out().println(text.text("cli.hook.exited", code));
    cmd.out().flush();
    return code == 0 ? ExitCode.OK : ExitCode.FAILED;
  }

  /** The variables that may hold an API key for this run: both providers' own and the one --api-key-env names. */
  private static Set<String> keyVariables(SynthesisConfig config) {
    Set<String> names = new LinkedHashSet<>();
    for (ProviderKind k : ProviderKind.values()) {
      names.add(k.keyVariable());
    }
    if (config.apiKeyVariable() != null && !config.apiKeyVariable().isBlank()) {
      names.add(config.apiKeyVariable().strip());
    }
    return names;
  }
}
