package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.testkit.FakeProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys never leave the environment: not on stdout or stderr, not in the output, journal, manifest or stats, neither
 * in a successful run nor in a failed one. ({@code CliIT} checks the {@code -v} HTTP log of a real process.)
 */
class SecretsTest {
  static final String WRONG = "sk-ant-WRONG-4f0c2b9e71d3a8";

  @TempDir Path dir;

  @Test
  void noRunWritesOrPrintsTheKey() throws IOException {
    Path zh = TestFiles.example("instruction_zh", dir);
    Path out = dir.resolve("out.json");
    Path failed = dir.resolve("failed.json");
    try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
      Cli cli = Fakes.anthropic(Cli.in(dir), fake);
      Cli.Result ok = cli.run("create", zh.resolve("schema.json"), zh.resolve("seeds.json"), "-o", out, "-n", 8,
          "-v", "--stats", "--progress", "log");
      assertThat(ok.code()).as(ok.describe()).isZero();
      assertThat(dir.resolve("out.stats.json")).exists();

      Cli.Result bad = cli.env("ANTHROPIC_API_KEY", WRONG).run("create", zh.resolve("schema.json"),
          zh.resolve("seeds.json"), "-o", failed, "-n", 8, "-v", "--stats");
      assertThat(bad.code()).as(bad.describe()).isEqualTo(1);

      // an interrupted run keeps its journal and manifest: make one that stops early, then look at them too
      Cli.Result capped = cli.run("create", zh.resolve("schema.json"), zh.resolve("seeds.json"),
          "-o", dir.resolve("capped.json"), "-n", 20, "--batch-size", 5, "--max-requests", 1, "--stats");
      assertThat(capped.code()).as(capped.describe()).isEqualTo(1);
      assertThat(dir.resolve("capped.journal.jsonl")).exists();
      assertThat(dir.resolve("capped.manifest.json")).exists();

      for (Cli.Result r : List.of(ok, bad, capped)) {
        assertThat(r.out() + r.err()).doesNotContain(Fakes.KEY).doesNotContain(WRONG)
            .doesNotContain(Fakes.KEY.substring(8)).doesNotContain(WRONG.substring(8));
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> written = files.filter(Files::isRegularFile).toList();
      assertThat(written).extracting(p -> p.getFileName().toString())
          .contains("out.json", "out.stats.json", "capped.json", "capped.journal.jsonl", "capped.manifest.json");
      for (Path f : written) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        assertThat(text).as(f.toString()).doesNotContain(Fakes.KEY).doesNotContain(WRONG)
            .doesNotContain(Fakes.KEY.substring(8)).doesNotContain(WRONG.substring(8));
      }
    }
  }

  @Test
  void aServerThatEchoesTheKeyWithoutItsPrefixShowsNoPartOfIt() throws IOException {
    String key = "sk-ant-api03-Ec7Qm2Zx9Lp4RvT8kW3nB6cD1fG5hJ0aZ";
    Path zh = TestFiles.example("instruction_zh", dir);
    try (LoopbackServer echo = LoopbackServer.echoingTheKey()) {
      Cli.Result r = Cli.in(dir).env("ANTHROPIC_BASE_URL", echo.origin()).env("ANTHROPIC_API_KEY", key)
          .run("create", zh.resolve("schema.json"), zh.resolve("seeds.json"), "-o", dir.resolve("e.json"), "-n", 3);

      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.err()).contains("401").contains("invalid x-api-key [redacted]");
      assertThat(r.out() + r.err()).doesNotContain(key.substring(7)).doesNotContain(key.substring(13))
          .doesNotContain(key.substring(20));
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(key.substring(13));
      }
    }
  }
}
