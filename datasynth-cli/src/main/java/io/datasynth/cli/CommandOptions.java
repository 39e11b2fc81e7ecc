package io.datasynth.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Which of the shared run options ({@link GenerationOptions}) do nothing on a command. They are taken off that
 * command, so its help lists only options that act on it and giving one of them is an error that says so, instead
 * of being silently ignored. Commands not named here take every option.
 */
final class CommandOptions {
  /** By command name: the options that do nothing there. */
  static final Map<String, Set<String>> INERT = Map.of(
      // estimate takes --mode, --deadline, --cache, --structured and --endpoints: they decide the prompts' layout,
      // the cache hint and whether a provider batch's discount applies
      "estimate", Set.of("--max-retries", "--retry-delay", "--concurrency", "--api-key-env", "--timeout",
          "--near-dup", "--max-cost", "--max-requests", "--stats", "--no-report", "--resume", "--repair", "--format",
          "--force"),
      "prepare", Set.of("--temperature", "--reasoning-effort", "--batch-size", "--max-retries", "--retry-delay",
          "--concurrency", "--base-url", "--endpoints", "--api-key-env", "--timeout", "--near-dup", "--max-tokens",
          "--max-cost", "--max-requests", "--stats", "--no-report", "--resume", "--prices", "--mode", "--deadline",
          "--cache", "--structured", "--repair"),
      // parse takes -n and --seed: with a diversity plan they say which group each record belongs to
      "parse", Set.of("--model", "--provider", "--temperature", "--reasoning-effort", "--batch-size",
          "--max-retries", "--retry-delay", "--concurrency", "--base-url", "--endpoints", "--api-key-env",
          "--timeout", "--data-type", "--lang", "--diversity", "--examples", "--template", "--strict",
          "--max-tokens", "--max-cost", "--max-requests", "--no-report", "--force", "--resume", "--prices",
          "--models", "--mode", "--deadline", "--cache", "--structured", "--repair"));

  /** Defaults that differ from the shared option's on one command: {@code prepare} asks for 10 records. */
  private static final Map<String, Map<String, String>> DEFAULTS = Map.of(
      "prepare", Map.of("--count", "Records the prompt asks for (default: " + PrepareCommand.DEFAULT_COUNT + ")."));

  private CommandOptions() {}

  /** Takes the inert options off each subcommand of {@code root} and words the defaults that differ. */
  static void apply(CommandLine root) {
    for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
      CommandSpec spec = e.getValue().getCommandSpec();
      Set<String> inert = INERT.getOrDefault(e.getKey(), Set.of());
      Map<String, String> described = DEFAULTS.getOrDefault(e.getKey(), Map.of());
      for (OptionSpec o : List.copyOf(spec.options())) {
        if (inert.contains(o.longestName())) {
          spec.remove(o);
        } else if (described.containsKey(o.longestName())) {
          spec.remove(o);
          spec.addOption(OptionSpec.builder(o).description(described.get(o.longestName())).build());
        }
      }
    }
  }

  /** Whether {@code option} is one of the shared options that {@code command} does not take. */
  static boolean inert(String command, String option) {
    return INERT.getOrDefault(command, Set.of()).contains(option);
  }
}
