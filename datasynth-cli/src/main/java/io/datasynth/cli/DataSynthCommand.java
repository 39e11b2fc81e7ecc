package io.datasynth.cli;

import io.datasynth.api.Version;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The {@code datasynth} command: its subcommands are the verbs. */
@Command(
    name = "datasynth",
    mixinStandardHelpOptions = true,
    versionProvider = DataSynthCommand.VersionProvider.class,
    description = {
      "Turns a schema and a few dozen seed examples into validated, deduplicated synthetic records with LLMs.",
      "",
      "API mode: generate (DataRecipe folder), create (schema + seeds). Interactive mode, no key: prepare, parse.",
      "Also: estimate, validate, report (quality report), convert, status (batches of a run), init, mcp (MCP "
          + "server), fake-provider (a local test server); help COMMAND."
    },
    footer = {"", "Exit codes: 0 ok, 1 failed run, 2 bad usage or input, 130 interrupted."})
final class DataSynthCommand implements Runnable {
  /**
   * The verbs, in the order help lists them. They are not in the annotation: picocli would then build every one's
   * options by reflection at each start, and {@link Main} builds only the one a command line names.
   */
  static final List<Class<?>> COMMANDS = List.of(
      GenerateCommand.class,
      CreateCommand.class,
      PrepareCommand.class,
      ParseCommand.class,
      EstimateCommand.class,
      DoctorCommand.class,
      ValidateCommand.class,
      ReportCommand.class,
      ConvertCommand.class,
      StatusCommand.class,
      InitCommand.class,
      McpCommand.class,
      FakeProviderCommand.class,
      picocli.CommandLine.HelpCommand.class);

  final CliContext context;
  /** Read by {@link Main} before parsing; declared so that {@code datasynth --ui-lang zh …} parses. */
  @picocli.CommandLine.Option(names = "--ui-lang", paramLabel = "zh|en",
      description = "Language of messages and help: zh (中文) or en (default: DATASYNTH_UI_LANG, else the locale).")
  String uiLang;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  DataSynthCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), context.text().text("cli.no_command"));
  }

  /** Reads the version from the build. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"datasynth " + Version.get(), "Java " + System.getProperty("java.version")};
    }
  }
}
