package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} against the fake provider: verdicts, exit codes, and the key never printed. */
class DoctorCommandTest {
  @TempDir Path dir;

  @Test
  void saysARunWouldWorkAgainstAHealthyEndpoint() {
    try (FakeProvider fake = Fakes.builder(Fakes.RECIPE_DEMO).requestsPerMinute(600).start()) {
      Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("doctor");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.err()).containsPattern("cost at most \\$0\\.\\d+");
      assertThat(r.out()).contains("✓ key:", "✓ request:", "✓ model profile:", "requests 599/600",
          "prompt prefixes of at least 1024 tokens", "A run would work.");
      assertThat(r.describe()).doesNotContain(Fakes.KEY).doesNotContain(Fakes.KEY.substring("sk-ant-".length()));
      assertThat(fake.totalRequests()).isBetween(1L, 3L);
    }
  }

  @Test
  void reportsAnEndpointThatSendsNoRateLimitHeaders() {
    try (FakeProvider fake = Fakes.builder(Fakes.RECIPE_DEMO).start()) {
      Cli.Result r = Fakes.openAi(Cli.in(dir), fake).run("doctor", "-p", "openai", "-m", "qwen2.5:7b");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("sends no rate-limit headers").contains("a temperature is accepted");
    }
  }

  @Test
  void aWrongKeyFailsWithTheVariableNamedAndTheKeyNotShown() {
    try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
      String wrong = "sk-ant-wrong-9Xq7Lm3Kd8Pz";
      Cli.Result r = Cli.in(dir).env("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()).env("ANTHROPIC_API_KEY", wrong)
          .run("doctor", "--json");

      assertThat(r.code()).as(r.describe()).isEqualTo(ExitCode.FAILED);
      JsonNode report = Json.mapper().readTree(r.out());
      assertThat(report.get("run_would_work").asBoolean()).isFalse();
      assertThat(report.get("checks").findValuesAsText("detail")).anyMatch(d -> d.contains("ANTHROPIC_API_KEY")
          && d.contains("refused"));
      assertThat(r.describe()).doesNotContain(wrong).doesNotContain("wrong-9Xq7Lm3Kd8Pz");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void nothingListeningIsARunThatWouldNotWork() {
    Cli.Result r = Cli.in(dir).env("ANTHROPIC_BASE_URL", "http://127.0.0.1:9").run("doctor");

    assertThat(r.code()).as(r.describe()).isEqualTo(ExitCode.FAILED);
    assertThat(r.out()).contains("✗ request:").contains("could not connect").contains("start the server");
  }

  @Test
  void aMissingKeyForARemoteEndpointSaysWhatToExport() {
    Cli.Result r = Cli.in(dir).run("doctor", "-p", "openai");

    assertThat(r.code()).as(r.describe()).isEqualTo(ExitCode.FAILED);
    assertThat(r.out()).contains("✗ key:").contains("OPENAI_API_KEY is not set").contains("export OPENAI_API_KEY");
  }
}
