package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Every command, option and parameter has its help in Chinese, from the help bundle. */
class HelpTextTest {
  static CommandLine commandLine(String lang) {
    CliContext context = new CliContext(Map.of("DATASYNTH_UI_LANG", lang), Path.of("."), false,
        java.io.InputStream.nullInputStream());
    return Main.commandLine(context.withUiLocale(UiLanguage.choose(lang, Map.of())),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  static List<CommandSpec> commands(CommandLine c) {
    List<CommandSpec> all = new ArrayList<>(List.of(c.getCommandSpec()));
    c.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
    return all;
  }

  static boolean chinese(String[] text) {
    return String.join(" ", text).codePoints()
        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }

  @Test
  void everyCommandOptionAndParameterIsDescribedInChinese() {
    List<String> missing = new ArrayList<>();
    for (CommandSpec spec : commands(commandLine("zh"))) {
      if (spec.name().equals("fake-provider")) {
        continue; // its own options are the test server's, shown by its --help
      }
      if (!chinese(spec.usageMessage().description())) {
        missing.add(spec.qualifiedName());
      }
      List<ArgSpec> args = new ArrayList<>(spec.options());
      args.addAll(spec.positionalParameters());
      for (ArgSpec a : args) {
        if (!chinese(a.description())) {
          missing.add(spec.qualifiedName() + " " + (a.isOption() ? ((CommandLine.Model.OptionSpec) a).longestName()
              : a.paramLabel()));
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void englishHelpIsTheCommandsOwn() {
    CommandSpec generate = commandLine("en").getSubcommands().get("generate").getCommandSpec();
    assertThat(chinese(generate.findOption("--batch-size").description())).isFalse();
    assertThat(String.join(" ", generate.usageMessage().description())).contains("DataRecipe analysis folder");
  }
}
