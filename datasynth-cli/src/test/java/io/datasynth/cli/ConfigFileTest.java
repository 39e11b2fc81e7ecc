package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.testkit.FakeProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --config FILE}: option values from a JSON file, with flags on the command line winning. */
class ConfigFileTest {
  @TempDir Path dir;

  Path config(String json) {
    return TestFiles.write(dir.resolve("datasynth.config.json"), json);
  }

  @Nested
  class KeysTakeEffect {
    @Test
    void countBatchSizeAndModelShapeTheEstimate() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("estimate", recipe,
          "--config", config("{\"count\": 30, \"batch_size\": 10, \"model\": \"my-model\"}"));

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(EstimateCommandTest.number(r.out(), "records")).isEqualTo(30);
      assertThat(EstimateCommandTest.number(r.out(), "batches")).isEqualTo(3);
      assertThat(r.out()).contains("model:          my-model");
    }

    @Test
    void acceptsDashedKeysAndStringNumbers() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("estimate", recipe,
          "--config", config("{\"count\": \"12\", \"batch-size\": 4}"));

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(EstimateCommandTest.number(r.out(), "batches")).isEqualTo(3);
    }

    @Test
    void flagsOnTheCommandLineWin() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("estimate", recipe, "-n", 7, "--batch-size", 7,
          "--config", config("{\"count\": 30, \"batch_size\": 10, \"model\": \"my-model\"}"), "-m", "other");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(EstimateCommandTest.number(r.out(), "records")).isEqualTo(7);
      assertThat(EstimateCommandTest.number(r.out(), "batches")).isEqualTo(1);
      assertThat(r.out()).contains("model:          other");
    }

    @Test
    void providerModelBatchSizeAndCountDriveARealRun() {
      Path zh = example("instruction_zh", dir);
      Path out = dir.resolve("out.jsonl");
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = Fakes.openAi(Cli.in(dir), fake).run("create", zh.resolve("schema.json"),
            zh.resolve("seeds.json"), "-o", out, "--config", config("""
                {"provider": "openai", "model": "gpt-4.1-mini", "count": 8, "batch_size": 4, "quiet": true,
                 "format": "jsonl", "concurrency": 1}"""));

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(TestFiles.read(out).lines()).hasSize(8);
        assertThat(fake.totalRequests()).isEqualTo(2);
        assertThat(fake.requests()).allSatisfy(q -> {
          assertThat(q.path()).isEqualTo("/v1/chat/completions");
          assertThat(q.model()).isEqualTo("gpt-4.1-mini");
        });
        assertThat(r.err()).doesNotContain("progress:");
      }
    }
  }

  @Nested
  class EveryKeyIsHonoured {
    /** A value for each option type, as a config file would give it, and the flag that gives the same value. */
    static String sample(OptionSpec o) {
      Class<?> t = o.type();
      String name = o.longestName();
      if (name.equals("--format")) {
        return "jsonl";
      }
      if (name.equals("--provider")) {
        return "openai";
      }
      if (name.equals("--data-type")) {
        return "preference";
      }
      if (name.equals("--lang")) {
        return "en";
      }
      if (name.equals("--progress")) {
        return "log";
      }
      if (t == boolean.class || t == Boolean.class) {
        return name.equals("--resume") ? "false" : "true";
      }
      if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
        return "3";
      }
      if (t == double.class || t == Double.class || t == BigDecimal.class) {
        return "0.25";
      }
      if (t == Path.class) {
        return "some-file.json";
      }
      return "some-value";
    }

    static List<String> positionals(String command) {
      return switch (command) {
        case "generate", "estimate", "prepare" -> List.of("d");
        case "create" -> List.of("s.json");
        case "parse" -> List.of("reply.md");
        case "validate" -> List.of("d.json", "s.json");
        case "report" -> List.of("d.json");
        case "convert" -> List.of("in.json");
        case "status" -> List.of("out.json");
        default -> List.of();
      };
    }

    @Test
    void everyOptionOfEveryCommandTakesItsValueFromTheConfigFileAsFromItsFlag() {
      List<String> checked = new ArrayList<>();
      for (Map.Entry<String, CommandLine> sub : root().getSubcommands().entrySet()) {
        String command = sub.getKey();
        if (command.equals("fake-provider")) {
          continue;
        }
        List<OptionSpec> options = sub.getValue().getCommandSpec().options().stream()
            .filter(o -> !o.usageHelp() && !o.versionHelp() && !o.longestName().equals("--config")).toList();
        StringBuilder json = new StringBuilder("{");
        List<String> flags = new ArrayList<>();
        for (OptionSpec o : options) {
          String value = sample(o);
          json.append(json.length() > 1 ? ", " : "").append('"').append(ConfigFile.normalise(o.longestName()))
              .append("\": ").append(json(o, value));
          if (o.arity().max() == 0) {
            flags.add(value.equals("false") ? "--no-" + o.longestName().substring(2) : o.longestName());
          } else {
            flags.add(o.longestName());
            flags.add(value);
          }
        }
        CommandLine.ParseResult fromConfig = parse(command, List.of(), json.append('}').toString());
        CommandLine.ParseResult fromFlags = parse(command, flags, null);
        for (OptionSpec o : options) {
          Object configured = fromConfig.subcommand().commandSpec().findOption(o.longestName()).getValue();
          Object flagged = fromFlags.subcommand().commandSpec().findOption(o.longestName()).getValue();
          assertThat(configured).as("%s %s from the config file", command, o.longestName())
              .isNotNull().isEqualTo(flagged);
          checked.add(command + " " + ConfigFile.normalise(o.longestName()));
        }
      }
      assertThat(checked).contains("create batch_size", "generate count", "prepare model", "create post_hook",
          "create max_cost", "create resume", "validate max_errors", "convert force", "create prices",
          "create output", "init output", "estimate seeds");
    }

    private static String json(OptionSpec o, String value) {
      Class<?> t = o.type();
      boolean bare = t.isPrimitive() || Number.class.isAssignableFrom(t) || t == Boolean.class;
      return bare ? value : "\"" + value + "\"";
    }

    private CommandLine root() {
      return Main.commandLine(new CliContext(Map.of(), dir, false, null),
          new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    private CommandLine.ParseResult parse(String command, List<String> flags, String configJson) {
      CommandLine root = root();
      if (configJson != null) {
        root.setDefaultValueProvider(ConfigFile.load(config(configJson), root));
      }
      List<String> args = new ArrayList<>();
      args.add(command);
      args.addAll(positionals(command));
      args.addAll(flags);
      return root.parseArgs(args.toArray(String[]::new));
    }
  }

  @Nested
  class BadConfigFiles {
    @Test
    void anUnknownKeyIsAUsageErrorNamingIt() {
      Path recipe = example("recipe_demo", dir);
      Path file = config("{\"count\": 5, \"batchsize\": 10}");
      Cli.Result r = Cli.in(dir).run("estimate", recipe, "--config", file);

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.errLines()).singleElement().asString().startsWith("error: " + file)
          .contains("unknown key \"batchsize\"").contains("batch_size");
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("estimate", recipe, "--config", dir.resolve("nope.json"));

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.errLines()).singleElement().asString().contains("nope.json").contains("file not found");
    }
  }
}
