package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.JsonFiles;
import io.datasynth.testkit.FakeProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code init}, {@code --version} and {@code --help}: the first things a new user runs. */
class InitHelpVersionTest {
  @TempDir Path dir;

  @Nested
  class Init {
    @Test
    void writesAConfigASchemaAndSeedsAndSaysWhatToRunNext() {
      Path project = dir.resolve("project");
      Cli.Result r = Cli.in(dir).run("init", "-o", project);

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(project.resolve("datasynth.config.json")).exists();
      assertThat(project.resolve("schema.json")).exists();
      assertThat(project.resolve("seeds.json")).exists();
      assertThat(r.out()).contains("✓ wrote").contains("Next: datasynth prepare --schema " + project + "/schema.json");
    }

    @Test
    void writesIntoTheWorkingFolderWithoutOutput() {
      Cli.Result r = Cli.in(dir).run("init");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(dir.resolve("datasynth.config.json")).exists();
      assertThat(r.out()).contains("Next: datasynth prepare --schema schema.json --seeds seeds.json");
    }

    @Test
    void refusesASecondRunAndModifiesNothing() {
      Path project = dir.resolve("project");
      assertThat(Cli.in(dir).run("init", "-o", project).code()).isZero();
      TestFiles.write(project.resolve("schema.json"), "{\"fields\": [{\"name\": \"mine\"}]}");
      var before = TestFiles.snapshot(dir);
      Cli.Result r = Cli.in(dir).run("init", "-o", project);

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.errLines()).singleElement().asString().contains("already exists").contains("-o/--output DIR");
      assertThat(TestFiles.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void refusesWhenOnlyOneOfTheFilesExists() {
      Path project = dir.resolve("project");
      TestFiles.write(project.resolve("seeds.json"), "[]");
      Cli.Result r = Cli.in(dir).run("init", "-o", project);

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(project.resolve("schema.json")).doesNotExist();
      assertThat(read(project.resolve("seeds.json"))).isEqualTo("[]");
    }

    @Test
    void itsFilesWorkWithPrepareAndWithCreateThroughItsConfig() {
      Path project = dir.resolve("project");
      assertThat(Cli.in(dir).run("init", "-o", project).code()).isZero();
      Cli.Result prepare = Cli.in(dir).run("prepare", "--schema", project.resolve("schema.json"),
          "--seeds", project.resolve("seeds.json"), "-n", 10);
      assertThat(prepare.code()).as(prepare.describe()).isZero();
      assertThat(prepare.out()).contains("customer_support_qa");

      Path out = dir.resolve("synthetic.json");
      try (FakeProvider fake = Fakes.serving("""
          {"instruction": "Customer question {n}: {words}?", "response": "Helpful answer {n}: {words} {words}.",
           "category": "orders", "quality": 5}""")) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("create", project.resolve("schema.json"),
            project.resolve("seeds.json"), "-o", out, "--config", project.resolve("datasynth.config.json"), "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        JsonNode root = JsonFiles.readJson(out);
        assertThat(root.get("samples")).hasSize(20);
        assertThat(root.get("metadata").get("model").asText()).isEqualTo("claude-sonnet-5-5");
        assertThat(fake.totalRequests()).isEqualTo(4);
      }
    }
  }

  @Nested
  class VersionAndHelp {
    @Test
    void versionPrintsTheVersionAndJava() {
      Cli.Result r = Cli.in(dir).run("--version");

      assertThat(r.code()).isZero();
      assertThat(r.out()).startsWith("datasynth ").contains("Java ");
      assertThat(r.out().lines().findFirst().orElseThrow()).matches("datasynth \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
      Cli.Result r = Cli.in(dir).run("--help");

      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("generate", "create", "prepare", "parse", "estimate", "validate", "convert",
          "init", "fake-provider", "Exit codes: 0 ok, 1 failed run, 2 bad usage or input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"generate", "create", "prepare", "parse", "estimate", "validate", "convert", "init"})
    void eachCommandHasHelp(String command) {
      Cli.Result r = Cli.in(dir).run(command, "--help");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("Usage: datasynth " + command).contains("--config").contains("--stacktrace");
      assertThat(r.err()).isEmpty();
    }

    @Test
    void theFakeProviderHasHelpToo() {
      Cli.Result r = Cli.in(dir).run("fake-provider", "--help");

      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("--port").contains("--rpm").contains("--schema PATH").contains("--reasoning-tokens")
          .contains("--no-rate-limit-headers");
    }

    @Test
    void noCommandIsAUsageErrorWithAnExample() {
      Cli.Result r = Cli.in(dir).run();

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("give a command").contains("datasynth --help");
    }

    @Test
    void noCommandIsSaidInChineseToAChineseUser() {
      Cli.Result r = Cli.in(dir).env("DATASYNTH_UI_LANG", "zh").run();

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("请给出一个命令");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
      Cli.Result r = Cli.in(dir).run("generat", "x");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("generat");
    }
  }
}
