package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.openAiBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeProviderMainTest {

  @Nested
  class WhenParsingOptions {

    @Test
    void readsEveryOptionInBothForms() {
      FakeProviderOptions options =
          FakeProviderOptions.parse(
              "--port", "0", "--api-key=sk-x", "--records", "r.jsonl", "--records-per-reply", "7",
              "--count-from-prompt", "--latency-ms", "100", "--jitter-ms=20", "--rpm", "60", "--itpm", "1000",
              "--otpm", "2000", "--tpm", "3000", "--burst-seconds", "1.5", "--seed", "9", "--rate-429", "0.1",
              "--rate-500", "0.05", "--rate-529", "0.01", "--rate-malformed", "0.02", "--rate-truncated", "0.03",
              "--rate-duplicates", "0.04", "--rate-invalid", "0.06");

      assertThat(options)
          .isEqualTo(
              new FakeProviderOptions(
                  0, "sk-x", Path.of("r.jsonl"), 7, true, 100, 20, 60, 1000, 2000, 3000, 1.5, 9, 0.1, 0.05, 0.01,
                  0.02, 0.03, 0.04, 0.06));
    }

    @Test
    void neverPrintsTheApiKey() {
      assertThat(FakeProviderOptions.parse("--api-key", "sk-secret").toString()).doesNotContain("sk-secret");
    }

    @Test
    void startsFromTheDefaultsWhenGivenNothing() {
      assertThat(FakeProviderOptions.parse()).isEqualTo(FakeProviderOptions.defaults());
    }

    @Test
    void rejectsAnUnknownOptionAndABadNumber() {
      assertThatThrownBy(() -> FakeProviderOptions.parse("--rps", "3"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unknown option --rps");
      assertThatThrownBy(() -> FakeProviderOptions.parse("--rpm", "many"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--rpm takes a number, got 'many'");
      assertThatThrownBy(() -> FakeProviderOptions.parse("--rpm"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--rpm needs a value");
    }

    @Test
    void rejectsARateThatIsNotAProbability() {
      FakeProviderOptions options = FakeProviderOptions.parse("--rate-500", "2");

      assertThatThrownBy(options::toBuilder)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--rate-500 is 2.0; use a probability between 0 and 1");
    }

    @Test
    void documentsEveryOption() {
      assertThat(FakeProviderOptions.usage())
          .contains("--port", "--api-key", "--records", "--records-per-reply", "--latency-ms", "--jitter-ms", "--rpm",
              "--itpm", "--otpm", "--tpm", "--burst-seconds", "--seed", "--rate-429", "--rate-500", "--rate-529",
              "--rate-malformed", "--rate-truncated", "--rate-duplicates", "--rate-invalid");
    }
  }

  @Nested
  class WhenStarted {

    @Test
    void printsBothBaseUrlsAndServesTheRecordsFile(@TempDir Path dir) throws IOException {
      Path records = dir.resolve("records.jsonl");
      Files.writeString(records, "{\"q\":\"only\"}\n", StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      try (FakeProvider fake =
          FakeProviderMain.start(
              new String[] {"--api-key", "sk-test", "--records", records.toString(), "--records-per-reply", "2"},
              new PrintStream(out, true, StandardCharsets.UTF_8))) {
        String line = out.toString(StandardCharsets.UTF_8);
        assertThat(line)
            .isEqualTo("fake provider listening: anthropic " + fake.anthropicBaseUrl() + " openai "
                + fake.openAiBaseUrl() + System.lineSeparator());
        String text = FakeClient.text(new FakeClient(fake).openAi(openAiBody("a", 1000)));
        assertThat(FakeClient.records(text).toString()).isEqualTo("[{\"q\":\"only\"},{\"q\":\"only\"}]");
      }
    }
  }
}
