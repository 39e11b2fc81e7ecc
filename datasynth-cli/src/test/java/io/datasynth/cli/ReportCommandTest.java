package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality report: written by {@code generate}/{@code create}, and made by {@code datasynth report}. */
class ReportCommandTest {
  @TempDir Path dir;

  static List<ObjectNode> seeds(Path recipe) {
    List<ObjectNode> out = new ArrayList<>();
    JsonFiles.readJson(recipe.resolve("09_样例数据/samples.json")).get("samples")
        .forEach(s -> out.add((ObjectNode) s.get("data")));
    return out;
  }

  /** A fake whose every other record is one of the seeds, word for word. */
  static FakeProvider echoingSeeds(List<ObjectNode> seeds) {
    RecordSource fresh = RecordSource.counter(Fakes.object(Fakes.RECIPE_DEMO));
    AtomicInteger n = new AtomicInteger();
    RecordSource echo = (count, random) -> {
      List<ObjectNode> out = new ArrayList<>();
      for (ObjectNode r : fresh.next(count, random)) {
        int i = n.getAndIncrement();
        out.add(i % 2 == 0 ? seeds.get(i / 2 % seeds.size()).deepCopy() : r);
      }
      return out;
    };
    return FakeProvider.builder().seed(11).apiKey(Fakes.KEY).countFromPrompt(true).records(echo).start();
  }

  @Nested
  class AfterARun {
    @Test
    void generateWritesAChineseReportBesideTheOutputAndNamesIt() throws IOException {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 8, "--progress", "none");

        assertThat(r.code()).as(r.describe()).isZero();
        Path html = recipe.resolve("11_合成数据/synthetic.report.html");
        assertThat(r.out()).contains("quality report: " + html);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).contains("<html lang=\"zh-CN\">", "质量报告", "问题", "<svg").doesNotContain(Fakes.KEY);
      }
    }

    @Test
    void noReportLeavesItOut() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 3, "-q", "--no-report");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(recipe.resolve("11_合成数据/synthetic.report.html")).doesNotExist();
        assertThat(r.out()).doesNotContain("quality report");
      }
    }

    @Test
    void theSeedCopyGuardCountsNoCopyWhenTheFakeEchoesTheSeeds() throws IOException {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = echoingSeeds(seeds(recipe))) {
        Cli.Result run = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 6, "-q");
        assertThat(run.code()).as(run.describe()).isZero();

        Path rejects = recipe.resolve("11_合成数据/synthetic.rejects.jsonl");
        assertThat(rejects).content(StandardCharsets.UTF_8).contains("\"of_seed\":\"SAMPLE_001\"");
        Cli.Result r = Cli.in(dir).run("report", recipe, "--force", "--json");

        assertThat(r.code()).as(r.describe()).isZero();
        JsonNode quality = Json.mapper().readTree(r.out()).get("quality");
        assertThat(quality.path("records").asLong()).isEqualTo(6);
        assertThat(quality.path("seed_similarity").path("compared_seeds").asInt()).isEqualTo(6);
        assertThat(quality.path("seed_similarity").path("seed_copies").asLong()).isZero();
      }
    }
  }

  @Nested
  class OnAnyDataset {
    Path data() throws IOException {
      Path p = dir.resolve("数据.jsonl");
      Files.writeString(p, """
          {"question": "我想退货", "intent": "退换货"}
          {"question": "物流太慢了", "intent": "物流"}
          {"question": "我想退货", "intent": "退换货"}
          """, StandardCharsets.UTF_8);
      return p;
    }

    @Test
    void writesTheReportBesideTheFileAndCountsCopiesOfTheSeedsGiven() throws IOException {
      Path data = data();
      Path seeds = dir.resolve("seeds.jsonl");
      Files.writeString(seeds, "{\"question\": \"物流太慢了\", \"intent\": \"物流\"}\n", StandardCharsets.UTF_8);

      Cli.Result r = Cli.in(dir).run("report", data, "--seeds", seeds);

      assertThat(r.code()).as(r.describe()).isZero();
      Path html = dir.resolve("数据.report.html");
      assertThat(r.out()).contains("✓ Quality report of 3 records: " + html, "seed copies: 1")
          .doesNotContain("none given");
      assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains("质量报告", "我想退货");
    }

    @Test
    void saysTheReportHasNoSeedSectionsWithoutSeeds() throws IOException {
      Cli.Result en = Cli.in(dir).run("report", data(), "-o", dir.resolve("en.html"));
      Cli.Result zh = Cli.in(dir).env("DATASYNTH_UI_LANG", "zh").run("report", data(), "-o", dir.resolve("zh.html"));

      assertThat(en.code()).as(en.describe()).isZero();
      assertThat(en.out()).contains("seeds:           none given").contains("--seeds FILE")
          .doesNotContain("nearest seed");
      assertThat(zh.out()).contains("种子：未提供").contains("--seeds FILE");
    }

    @Test
    void writesEnglishWhenAskedTo() throws IOException {
      Path out = dir.resolve("en.html");
      Cli.Result r = Cli.in(dir).run("report", data(), "-o", out, "--lang", "en");
      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("Quality report", "<html lang=\"en\">");
    }
  }

  @Nested
  class BadUsage {
    @Test
    void aMissingDatasetExits2NamingIt() {
      Cli.Result r = Cli.in(dir).run("report", dir.resolve("missing.json"));

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("missing.json");
      assertThat(dir.resolve("missing.report.html")).doesNotExist();
    }

    @Test
    void anExistingOutputIsNotOverwrittenWithoutForce() throws IOException {
      Path data = dir.resolve("d.json");
      Files.writeString(data, "[{\"q\": \"你好\"}, {\"q\": \"再见\"}]", StandardCharsets.UTF_8);
      Path out = dir.resolve("mine.html");
      Files.writeString(out, "keep me");

      Cli.Result r = Cli.in(dir).run("report", data, "-o", out);

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("mine.html", "already exists", "--force");
      assertThat(out).hasContent("keep me");
      Cli.Result forced = Cli.in(dir).run("report", data, "-o", out, "--force");
      assertThat(forced.code()).as(forced.describe()).isZero();
      assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void anUnknownLanguageExits2() throws IOException {
      Path data = dir.resolve("d.json");
      Files.writeString(data, "[{\"q\": \"你好\"}]", StandardCharsets.UTF_8);
      Cli.Result r = Cli.in(dir).run("report", data, "--lang", "fr");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("fr", "--lang");
    }

    @Test
    void aFileThatIsNotADatasetExits2() throws IOException {
      Path data = dir.resolve("broken.json");
      Files.writeString(data, "{\"samples\": [", StandardCharsets.UTF_8);
      Cli.Result r = Cli.in(dir).run("report", data);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("broken.json");
    }
  }
}
