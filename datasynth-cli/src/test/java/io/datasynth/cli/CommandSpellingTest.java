package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandSpellingTest {
  @TempDir Path dir;

  @Nested
  class Help {
    @Test
    void helpCommandShowsTheCommandsHelp() {
      Cli.Result r = Cli.in(dir).run("help", "estimate");
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("Usage: datasynth estimate").contains("--batch-size");
    }
  }

  @Nested
  class Misspellings {
    @Test
    void anUnknownOptionGetsASuggestion() {
      Cli.Result r = Cli.in(dir).run("estimate", "examples/recipe_demo", "--batchsize", "5");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("did you mean: --batch-size?");
    }

    @Test
    void anUnknownCommandGetsASuggestion() {
      Cli.Result r = Cli.in(dir).run("generat", "x");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("did you mean: generate");
    }

    @Test
    void theSuggestionIsInChineseToo() {
      Cli.Result r = Cli.in(dir).env("LANG", "zh_CN.UTF-8").run("estimate", "x", "--batchsize", "5");
      assertThat(r.err()).contains("您是不是想输入：--batch-size？");
    }
  }

  @Nested
  class PythonToolSpellings {
    @Test
    void underscoresInOptionNamesReadAsDashes() {
      assertThat(PythonSpellings.dashed(new String[] {"create", "--batch_size", "5", "--max_tokens=900",
          "--template=my_file.txt", "my_schema.json", "--", "--not_an_option"}))
          .containsExactly("create", "--batch-size", "5", "--max-tokens=900", "--template=my_file.txt",
              "my_schema.json", "--", "--not_an_option");
    }

    @Test
    void aRunAcceptsThem() {
      Path recipe = TestFiles.example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("estimate", recipe, "-n", "10", "--batch_size", "5");
      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("(5 records each)");
    }
  }
}
