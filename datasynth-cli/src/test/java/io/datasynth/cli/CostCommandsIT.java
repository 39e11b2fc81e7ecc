package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.testkit.FakeProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cost options of {@code generate} and the {@code status} command, run in-process against the fake. */
class CostCommandsIT {
  @TempDir Path dir;

  @Nested
  class BatchMode {
    @Test
    void generatesExactlyNInBatchesAndTheSummarySaysWhatOnlineWouldHaveCost() throws Exception {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 12, "--mode", "batch",
            "--progress", "none");

        assertThat(r.code()).as(r.describe()).isZero();
        Path out = recipe.resolve("11_合成数据/synthetic.json");
        assertThat(GenerateCommandTest.samples(out)).hasSize(12);
        assertThat(fake.batchesCreated()).isPositive();
        assertThat(r.out()).contains("batches:").contains("at the batch price").contains("online the same run");
        JsonNode costs = JsonFiles.readJson(out).get("metadata").get("summary").get("costs");
        assertThat(costs.get("batch_replies").asLong()).isPositive();

        Cli.Result status = Cli.in(dir).run("status", out);
        assertThat(status.code()).as(status.describe()).isZero();
        assertThat(status.out()).contains("No unfinished run");
        Cli.Result json = Cli.in(dir).run("status", out, "--json");
        assertThat(Json.mapper().readTree(json.out()).get("batches")).isEmpty();
      }
    }
  }

  @Nested
  class BadOptions {
    Cli.Result generate(Object... extra) {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Object[] args = new Object[4 + extra.length];
        args[0] = "generate";
        args[1] = recipe;
        args[2] = "-n";
        args[3] = 5;
        System.arraycopy(extra, 0, args, 4, extra.length);
        Cli.Result r = Fakes.openAi(Fakes.anthropic(Cli.in(dir), fake), fake).run(args);
        assertThat(fake.totalRequests()).as("nothing was sent").isZero();
        return r;
      }
    }

    @Test
    void anUnknownModeIsABadUsageNamingTheOption() {
      Cli.Result r = generate("--mode", "sometimes");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("--mode").contains("online, batch, auto");
    }

    @Test
    void aDeadlineThatIsNoDurationIsABadUsage() {
      Cli.Result r = generate("--deadline", "soon");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("--deadline").contains("45m");
    }

    @Test
    void aCacheSwitchOtherThanOnOrOffIsABadUsage() {
      Cli.Result r = generate("--cache", "maybe");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("--cache");
    }

    @Test
    void requiringStructuredOutputsOfAModelWithoutThemIsABadUsage() {
      Cli.Result r = generate("--structured", "on", "-m", "claude-sonnet-4-20250514");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("structured outputs").contains("--structured auto or off");
    }

    @Test
    void batchModeForAModelWithoutABatchApiIsABadUsage() {
      Cli.Result r = generate("--mode", "batch", "-p", "openai", "-m", "qwen3-8b");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("no batch API").contains("--mode online");
    }
  }
}
