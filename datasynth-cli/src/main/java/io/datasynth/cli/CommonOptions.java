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

  /** Read by {@link Main} before the command line is parsed, since it words parse errors and help too. */
  @Option(names = "--ui-lang", paramLabel = "zh|en",
      description = "Language of messages and help: zh (中文) or en (default: DATASYNTH_UI_LANG, else the locale).")
  String uiLang;
}
