package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each command takes and lists only the options that act on it. */
class CommandOptionsTest {
  @TempDir Path dir;

  @Nested
  class AnOptionThatDoesNothingThere {
    @Test
    void isAnErrorSayingSo() {
      Cli.Result r = Cli.in(dir).run("estimate", "-n", "5", "--concurrency", "4");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).startsWith("error: --concurrency does nothing on estimate").contains("estimate --help");

      Path recipe = example("recipe_demo", dir);
      assertThat(Cli.in(dir).run("prepare", recipe, "--max-cost", "1").err())
          .contains("--max-cost does nothing on prepare");
      assertThat(Cli.in(dir).run("parse", "reply.md", recipe, "--model=x").err())
          .contains("--model does nothing on parse");
    }

    @Test
    void isNotListedInTheCommandsHelp() {
      String estimate = Cli.in(dir).run("estimate", "--help").out();
      assertThat(estimate).doesNotContain("--concurrency").doesNotContain("--force").contains("--batch-size");
      String prepare = Cli.in(dir).run("prepare", "--help").out();
      assertThat(prepare).doesNotContain("--concurrency").doesNotContain("--max-cost").doesNotContain("--temperature")
          .contains("--template").contains("--force");
      assertThat(Cli.in(dir).run("generate", "--help").out()).contains("--concurrency").contains("--max-cost");
    }

    @Test
    void anotherCommandStillTakesIt() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).env("ANTHROPIC_API_KEY", "x").run("generate", recipe, "--dry-run",
          "--concurrency", "4");
      assertThat(r.code()).as(r.describe()).isZero();
    }
  }

  @Nested
  class Prepare {
    @Test
    void showsItsRealDefaultCount() {
      assertThat(Cli.in(dir).run("prepare", "--help").out()).contains("(default: 10)").doesNotContain("(default: 100)");
      assertThat(Cli.in(dir).env("LANG", "zh_CN.UTF-8").run("prepare", "--help").out()).contains("（默认：10）");
    }
  }

  @Nested
  class Parse {
    static final String REPLY = """
        [{"instruction": "如何在 Excel 里冻结首行？", "response": "点击「视图」→「冻结窗格」→「冻结首行」即可。",
          "category": "生活建议", "quality": 4}]""";

    Cli.Result parse(String... extra) {
      Path zh = Files.isDirectory(dir.resolve("instruction_zh")) ? dir.resolve("instruction_zh")
          : example("instruction_zh", dir);
      Path reply = TestFiles.write(dir.resolve("reply.md"), REPLY);
      String[] args = {"parse", reply.toString(), "--schema", zh.resolve("schema.json").toString(),
          "--seeds", zh.resolve("seeds.json").toString(), "-o", dir.resolve("out.json").toString()};
      return Cli.in(dir).env("PATH", System.getenv("PATH")).run(args, extra);
    }

    @Test
    void quietPrintsNothingButKeepsTheRecords() {
      Cli.Result r = parse("-q");
      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).isEmpty();
      assertThat(dir.resolve("out.json")).exists();
    }

    @Test
    void runsThePostHookWithTheOutputAndItsCount() throws Exception {
      Path seen = dir.resolve("seen.txt");
      Cli.Result r = parse("-q", "--post-hook", "sh -c 'echo \"$0 $1\" > " + seen + "' {output_path} {count}");
      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(Files.readString(seen).strip()).isEqualTo(dir.resolve("out.json") + " 1");
    }

    @Test
    void aFailingPostHookFailsTheParse() {
      Cli.Result r = parse("--post-hook", "false");
      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.out()).contains("post-hook exited with 1");
    }

    @Test
    void aPostHookDoesNotRunWhenNothingWasAdded() {
      Path seen = dir.resolve("seen.txt");
      parse();
      Cli.Result again = parse("--post-hook", "touch " + seen);
      assertThat(again.code()).isEqualTo(1);
      assertThat(seen).doesNotExist();
    }
  }
}
