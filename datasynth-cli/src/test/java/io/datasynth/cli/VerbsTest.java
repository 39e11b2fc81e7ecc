package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** A command line builds only the verb it names, and that verb behaves as it does among all of them. */
class VerbsTest {
  @TempDir Path dir;

  @Test
  void aNamedVerbIsBuiltAlone() {
    assertThat(Main.verbs(new String[] {"create", "schema.json", "seeds.jsonl", "-n", "5"}))
        .containsExactly(CreateCommand.class);
    assertThat(Main.verbs(new String[] {"--ui-lang", "zh", "generate", "--help"}))
        .containsExactly(GenerateCommand.class);
    assertThat(Main.verbs(new String[] {"--ui-lang=zh", "fake-provider"})).containsExactly(FakeProviderCommand.class);
  }

  @Test
  void helpAConfigFileOrAnUnknownWordBuildsEveryVerb() {
    for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"help", "create"},
        {"create", "--config", "c.json"}, {"creat", "schema.json"}, {"--ui-lang", "create"}, {"--help", "create"}, {"-v", "create"}}) {
      assertThat(Main.verbs(args)).as(String.join(" ", args)).isEqualTo(DataSynthCommand.COMMANDS);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "zh"})
  void eachVerbsHelpAloneIsItsHelpAmongAll(String lang) {
    CommandLine all = HelpTextTest.commandLine(lang);
    for (String verb : all.getSubcommands().keySet()) {
      if (verb.equals("help") || verb.equals("fake-provider")) {
        continue; // help lists the others; the fake provider prints its own server's options
      }
      Cli.Result alone = Cli.in(dir).env("DATASYNTH_UI_LANG", lang).run(verb, "--help");

      assertThat(alone.code()).as(alone.describe()).isZero();
      assertThat(alone.out()).as(verb).isEqualTo(all.getSubcommands().get(verb).getUsageMessage());
    }
  }

  @Test
  void aMisspelledVerbIsStillSuggested() {
    Cli.Result r = Cli.in(dir).run("creat", "schema.json");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("create");
  }
}
