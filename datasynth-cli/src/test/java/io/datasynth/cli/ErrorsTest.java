package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.testkit.FakeProvider;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Errors and exit codes: keys, unreachable servers, bad option values, stack traces. */
class ErrorsTest {
  static final String WRONG_KEY = "sk-ant-wrong-Hq81nV0cX3";

  @TempDir Path dir;

  Object[] createArgs() {
    Path zh = example("instruction_zh", dir);
    return new Object[] {"create", zh.resolve("schema.json"), zh.resolve("seeds.json"), "-o", dir.resolve("o.json")};
  }

  @Nested
  class Keys {
    @Test
    void aMissingKeyForARemoteApiIsAUsageErrorNamingTheVariableAndInteractiveMode() {
      Object[] args = createArgs();
      var before = TestFiles.snapshot(dir);
      Cli.Result r = Cli.in(dir).run(args, "-n", 5);

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.errLines()).singleElement().asString().startsWith("error: ").contains("ANTHROPIC_API_KEY")
          .contains("datasynth prepare").contains("datasynth parse");
      assertThat(r.out()).isEmpty();
      assertThat(TestFiles.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aMissingOpenAiKeyNamesOpenAiApiKey() {
      Cli.Result r = Cli.in(dir).run(createArgs(), "-n", 5, "-p", "openai");

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("OPENAI_API_KEY");
    }

    @Test
    void apiKeyEnvNamesTheVariableToRead() {
      Cli.Result r = Cli.in(dir).run(createArgs(), "-n", 5, "--api-key-env", "MY_KEY");

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("MY_KEY is not set");
    }

    @Test
    void aWrongKeyFailsTheRunWithTheProviders401AndNeverPrintsTheKey() {
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = Cli.in(dir).env("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl())
            .env("ANTHROPIC_API_KEY", WRONG_KEY).run(createArgs(), "-n", 5);

        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("401").contains("invalid x-api-key").contains("ANTHROPIC_API_KEY")
            .doesNotContain(WRONG_KEY).doesNotContain(WRONG_KEY.substring(7)).doesNotContain("✓");
        assertThat(fake.totalRequests()).isLessThanOrEqualTo(3);
      }
    }

    @Test
    void aWrongOpenAiKeyFailsTheSameWay() {
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Cli.Result r = Cli.in(dir).env("OPENAI_BASE_URL", fake.openAiBaseUrl())
            .env("OPENAI_API_KEY", WRONG_KEY).run(createArgs(), "-n", 5, "-p", "openai");

        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.out() + r.err()).contains("401").contains("OPENAI_API_KEY")
            .doesNotContain(WRONG_KEY).doesNotContain(WRONG_KEY.substring(7));
      }
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"200B", "000A", "001B"})
    void aKeyWithACharacterNoHeaderCanCarryIsAUsageErrorNamingTheVariableNotTheValue(String hex) {
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        String bad = Fakes.KEY.substring(0, 10) + Character.toString(Integer.parseInt(hex, 16))
            + Fakes.KEY.substring(10);
        Object[] args = createArgs();
        var before = TestFiles.snapshot(dir);
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).env("ANTHROPIC_API_KEY", bad).run(args, "-n", 3);

        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("error: ANTHROPIC_API_KEY holds a character")
            .contains("U+" + hex);
        assertThat(r.out() + r.err()).doesNotContain(Fakes.KEY.substring(0, 10)).doesNotContain(Fakes.KEY.substring(10));
        assertThat(fake.totalRequests()).isZero();
        assertThat(TestFiles.snapshot(dir)).isEqualTo(before);
      }
    }

    @Test
    void aLocalServerNeedsNoKey() {
      try (FakeProvider fake = Fakes.builder(Fakes.INSTRUCTION_ZH).apiKey(null).start()) {
        Cli.Result r = Cli.in(dir).run(createArgs(), "-n", 3, "-q", "--base-url", fake.anthropicBaseUrl());

        assertThat(r.code()).as(r.describe()).isZero();
      }
    }
  }

  @Nested
  class UnreachableServers {
    @Test
    void aBaseUrlWhereNothingListensFailsWithCouldNotConnect() {
      long start = System.nanoTime();
      Cli.Result r = Cli.in(dir).env("ANTHROPIC_BASE_URL", "http://127.0.0.1:9").run(createArgs(), "-n", 3,
          "--retry-delay", "0.01");

      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.out() + r.err()).containsIgnoringCase("could not connect").contains("127.0.0.1:9")
          .doesNotContain("✓");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"200", "404"})
    void aBaseUrlThatServesAWebPageStopsAtTheFirstReplyNamingTheUrlWithoutRetrying(int status) {
      try (LoopbackServer web = LoopbackServer.servingAWebPage(status)) {
        Cli.Result r = Cli.in(dir).run(createArgs(), "-n", 3, "--base-url", web.origin(), "--retry-delay", "0.01");

        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).contains(web.origin() + "/v1/messages").contains("this is a web page, not the anthropic API")
            .contains("--base-url").doesNotContain("\tat ");
        assertThat(web.requests()).as("requests").isEqualTo(1);
      }
    }

    @Test
    void aBaseUrlThatIsNotAUrlIsAUsageError() {
      Cli.Result r = Cli.in(dir).run(createArgs(), "-n", 3, "--base-url", "localhost:8080");

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.errLines()).singleElement().asString().contains("http://");
    }
  }

  @Nested
  class BadOptionValues {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "-n,            0,    -n",
        "-n,            -5,   -n",
        "-n,            many, --count",
        "-t,            5,    -t",
        "--concurrency, 0,    --concurrency",
        "--batch-size,  0,    --batch-size",
        "--format,      xml,  --format",
        "--provider,    foo,  -p",
        "--data-type,   essay, --data-type",
        "--lang,        fr,   --lang",
        "--diversity,   2,    --diversity",
        "--timeout,     0,    --timeout",
        "--retry-delay, -1,   --retry-delay",
        "--max-cost,    0,    --max-cost",
        "--progress,    loud, --progress",
        "--near-dup,    0,    --near-dup",
        "--near-dup,    2,    --near-dup",
        "--max-requests, 0,   --max-requests",
        "--max-requests, -3,  --max-requests",
        "--max-tokens,  0,    --max-tokens",
        "--base-url,    http://127.0.0.1:99999, --base-url",
        "--base-url,    http://127.0.0.1:0/v1,  --base-url"})
    void areUsageErrorsNamingTheOptionAndNothingIsDone(String option, String value, String named) {
      try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
        Object[] args = createArgs();
        var before = TestFiles.snapshot(dir);
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run(args, option, value);

        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.errLines()).first().asString().startsWith("error: ").contains(named);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
        assertThat(fake.totalRequests()).isZero();
        assertThat(TestFiles.snapshot(dir)).isEqualTo(before);
      }
    }

    @Test
    void anUnknownOptionIsAUsageErrorPointingToHelp() {
      Cli.Result r = Cli.in(dir).run(createArgs(), "--colour");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("--colour").contains("datasynth create --help");
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
      Path zh = example("instruction_zh", dir);
      Cli.Result r = Cli.in(dir).run("create", zh.resolve("schema.json"), zh.resolve("seeds.json"));

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("--output");
    }
  }

  @Nested
  class StackTraces {
    @Test
    void areShownOnlyWithStacktrace() {
      Path bad = TestFiles.write(dir.resolve("schema.json"), "{\"fields\": [}");
      Cli.Result plain = Cli.in(dir).run("prepare", "--schema", bad, "--seeds", bad);
      Cli.Result traced = Cli.in(dir).run("prepare", "--schema", bad, "--seeds", bad, "--stacktrace");

      assertThat(plain.code()).isEqualTo(2);
      assertThat(plain.err()).doesNotContain("\tat ");
      assertThat(traced.code()).isEqualTo(2);
      assertThat(traced.err()).contains("\tat io.datasynth.");
    }
  }
}
