package io.datasynth.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command has. */
final class CommonOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "JSON file of option values (keys are option names, e.g. \"batch_size\": 10); flags given on "
          + "the command line win.")
  Path config;

  @Option(names = {"-v", "--verbose"}, description = "Log what happens, including HTTP requests (keys masked).")
  boolean verbose;

  @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
  boolean stacktrace;
}
