package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datasynth.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --post-hook}: split like a shell, placeholders replaced inside each argument, run without a shell. The
 * hook is a tiny sh script that writes the arguments it received, one per line, so the test sees its exact argv.
 */
class PostHookTest {
  /** Writes its arguments to args.txt in the working folder, one per line. */
  static final String RECORD_ARGS = "sh -c 'printf \"%s\\n\" \"$@\" > args.txt' hook";
  /** A folder name a shell would split, chain and expand. */
  static final String HOSTILE = "my data; touch pwned $(touch pwned2) `touch pwned3` & 'q' \"dq\"";

  @TempDir Path dir;

  @BeforeEach
  void needsAPosixShell() {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
  }

  List<String> hookArgs() {
    return read(dir.resolve("args.txt")).lines().toList();
  }

  void assertNothingWasExecutedByAShell() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("pwned"));
    }
  }

  @Nested
  class WithHostilePaths {
    @Test
    void eachPlaceholderStaysOneArgumentOfTheGenerateRun() throws Exception {
      Path recipe = dir.resolve(HOSTILE).resolve("recipe");
      TestFiles.copyTree(TestFiles.EXAMPLES.resolve("recipe_demo"), recipe);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 5, "-q",
            "--post-hook", RECORD_ARGS + " {output_path} {count} {analysis_dir} 'n={count} in {analysis_dir}'");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).contains("post-hook exited with 0");
        assertThat(hookArgs()).containsExactly(
            recipe.resolve("11_合成数据/synthetic.json").toString(), "5", recipe.toString(),
            "n=5 in " + recipe);
        assertNothingWasExecutedByAShell();
      }
    }

    @Test
    void anOutputPathWithSpacesSemicolonsAndSubstitutionsIsPassedAsItIs() throws Exception {
      Path zh = TestFiles.example("instruction_zh", dir);
      Path out = dir.resolve(HOSTILE).resolve("out $(whoami);.json");
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("create", zh.resolve("schema.json"),
            zh.resolve("seeds.json"), "-o", out, "-n", 3, "-q",
            "--post-hook", RECORD_ARGS + " {output_path} {count} {analysis_dir}");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(out).exists();
        // Without a DataRecipe folder, {analysis_dir} is the output's folder, hostile name and all.
        assertThat(hookArgs()).containsExactly(out.toString(), "3", out.toAbsolutePath().getParent().toString());
        assertNothingWasExecutedByAShell();
      }
    }

    @Test
    void quotesAndBackslashesInTheHookAreSplitTheWayAShellWould() {
      Path zh = TestFiles.example("instruction_zh", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("create", zh.resolve("schema.json"),
            zh.resolve("seeds.json"), "-o", dir.resolve("o.json"), "-n", 2, "-q",
            "--post-hook", RECORD_ARGS + " \"two words\" one\\ arg 'single \"inner\"' \"a\\\"b\" x''y");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(hookArgs()).containsExactly("two words", "one arg", "single \"inner\"", "a\"b", "xy");
      }
    }
  }

  @Nested
  class Placeholders {
    @Test
    void areReplacedOnceSoAnOutputNamedAfterAPlaceholderReachesTheHookAsItIs() throws Exception {
      Path zh = TestFiles.example("instruction_zh", dir);
      Path out = dir.resolve("{count}-{analysis_dir}.json");
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("create", zh.resolve("schema.json"),
            zh.resolve("seeds.json"), "-o", out, "-n", 3, "-q",
            "--post-hook", RECORD_ARGS + " {output_path} {count} {output_path}{count}");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(out).exists();
        assertThat(hookArgs()).containsExactly(out.toString(), "3", out + "3");
      }
    }
  }

  @Nested
  class TheHooksEnvironment {
    /** Writes four variables (or "unset") to env.txt, with shell builtins only. */
    static final String RECORD_ENV = "sh -c 'printf \"%s\\n\" \"${ANTHROPIC_API_KEY-unset}\" "
        + "\"${OPENAI_API_KEY-unset}\" \"${MY_KEY-unset}\" \"${OTHER-unset}\" > env.txt'";

    Cli.Result run(FakeProvider fake, Object... more) {
      Path zh = TestFiles.example("instruction_zh", dir);
      return Cli.in(dir).env("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()).env("MY_KEY", Fakes.KEY)
          .env("ANTHROPIC_API_KEY", "sk-ant-other-key-1234567890").env("OPENAI_API_KEY", "sk-openai-567890abcdef")
          .env("OTHER", "visible")
          .run("create", zh.resolve("schema.json"), zh.resolve("seeds.json"), "-o", dir.resolve("out.json"),
              "-n", 2, "-q", "--force", "--api-key-env", "MY_KEY", "--post-hook", RECORD_ENV, more);
    }

    @Test
    void holdsNoKeyVariableByDefault() {
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = run(fake);

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(read(dir.resolve("env.txt")).lines()).containsExactly("unset", "unset", "unset", "visible");
      }
    }

    @Test
    void holdsTheKeyVariablesPostHookEnvNames() {
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = run(fake, "--post-hook-env", "OPENAI_API_KEY", "--post-hook-env", "MY_KEY");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(read(dir.resolve("env.txt")).lines())
            .containsExactly("unset", "sk-openai-567890abcdef", Fakes.KEY, "visible");
      }
    }

    @Test
    void postHookEnvTakesACommaSeparatedListToo() {
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = run(fake, "--post-hook-env", "ANTHROPIC_API_KEY,OPENAI_API_KEY");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(read(dir.resolve("env.txt")).lines())
            .containsExactly("sk-ant-other-key-1234567890", "sk-openai-567890abcdef", "unset", "visible");
      }
    }
  }

  @Nested
  class WhenTheHookOrTheRunFails {
    @Test
    void aFailingHookMakesTheRunExitOneAndItsCodeIsPrinted() {
      Path zh = TestFiles.example("instruction_zh", dir);
      Path out = dir.resolve("out.json");
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("create", zh.resolve("schema.json"),
            zh.resolve("seeds.json"), "-o", out, "-n", 2, "-q", "--post-hook", "sh -c 'exit 3'");

        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.out()).contains("✓ Generated 2 records").contains("post-hook exited with 3");
        assertThat(out).exists();
      }
    }

    @Test
    void aHookThatCannotStartMakesTheRunExitOne() {
      Path zh = TestFiles.example("instruction_zh", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("create", zh.resolve("schema.json"),
            zh.resolve("seeds.json"), "-o", dir.resolve("out.json"), "-n", 2, "-q",
            "--post-hook", "no-such-program-xyz {output_path}");

        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.err()).contains("post-hook could not start").contains("no-such-program-xyz");
      }
    }

    @Test
    void theHookIsNotRunWhenGenerationFailed() {
      Path zh = TestFiles.example("instruction_zh", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).env("ANTHROPIC_API_KEY", "sk-ant-wrong-key-000000")
            .run("create", zh.resolve("schema.json"), zh.resolve("seeds.json"), "-o", dir.resolve("out.json"),
                "-n", 2, "-q", "--post-hook", RECORD_ARGS + " {output_path}");

        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(dir.resolve("args.txt")).doesNotExist();
        assertThat(r.out()).doesNotContain("post-hook");
      }
    }

    @Test
    void anUnbalancedQuoteIsAUsageErrorBeforeAnyRequest() {
      Path zh = TestFiles.example("instruction_zh", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        var before = TestFiles.snapshot(dir);
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("create", zh.resolve("schema.json"),
            zh.resolve("seeds.json"), "-o", dir.resolve("out.json"), "-n", 2,
            "--post-hook", "sh -c 'echo {output_path}");

        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--post-hook").contains("quote");
        assertThat(fake.totalRequests()).isZero();
        assertThat(TestFiles.snapshot(dir)).isEqualTo(before);
      }
    }
  }
}
