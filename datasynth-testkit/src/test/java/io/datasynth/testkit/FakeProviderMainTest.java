package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.openAiBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeProviderMainTest {

  @Nested
  class WhenParsingOptions {

    @Test
    void readsEveryOptionInBothFormsIntoTheSettings(@TempDir Path dir) throws IOException {
      Path records = dir.resolve("r.jsonl");
      Files.writeString(records, "{\"q\":\"x\"}\n");
      Settings s =
          FakeProviderOptions.parse(
                  "--port", "0", "--api-key=sk-x", "--models", "claude-opus-5,gpt-4.1", "--reasoning-tokens", "300",
                  "--records", records.toString(), "--records-per-reply", "7", "--count-from-prompt",
                  "--reply-style", "jsonl", "--latency-ms", "100", "--jitter-ms=20", "--jitter", "exponential",
                  "--output-token-delay-ms", "0.5", "--rpm", "60", "--itpm", "1000", "--otpm", "2000", "--tpm",
                  "3000", "--burst-seconds", "1.5", "--no-rate-limit-headers", "--seed", "9", "--rate-429", "0.1",
                  "--rate-500", "0.05", "--rate-529", "0.01", "--rate-malformed", "0.02", "--rate-truncated", "0.03",
                  "--rate-duplicates", "0.04", "--rate-invalid", "0.06", "--rate-garbage", "0.01", "--rate-slow",
                  "0.01", "--rate-hang", "0.01", "--rate-reset", "0.01", "--rate-stream-error", "0.02",
                  "--retry-after-ms", "2500", "--hang-ms", "300", "--trickle-bytes-per-second", "3",
                  "--endless-body", "--html-login-page", "--echo-key", "without-prefix",
                  "--non-streaming-max-tokens", "21333", "--max-threads", "8", "--default-max-tokens", "512")
              .toBuilder()
              .settings();

      assertThat(s.apiKeyFingerprint()).isEqualTo(RequestLog.fingerprint("sk-x"));
      assertThat(s.models()).containsExactly("claude-opus-5", "gpt-4.1");
      assertThat(s.reasoningTokens()).isEqualTo(300);
      assertThat(s.recordsPerReply()).isEqualTo(7);
      assertThat(s.countFromPrompt()).isTrue();
      assertThat(s.replyStyle()).isEqualTo(ReplyStyle.JSONL);
      assertThat(s.latency().base()).isEqualTo(Duration.ofMillis(100));
      assertThat(s.latency().jitter()).isEqualTo(Duration.ofMillis(20));
      assertThat(s.latency().distribution()).isEqualTo(Jitter.EXPONENTIAL);
      assertThat(s.latency().perOutputToken()).isEqualTo(Duration.ofNanos(500_000));
      assertThat(List.of(s.rpm(), s.itpm(), s.otpm(), s.tpm())).containsExactly(60L, 1000L, 2000L, 3000L);
      assertThat(s.burstSeconds()).isEqualTo(1.5);
      assertThat(s.seed()).isEqualTo(9);
      assertThat(s.faults().seed()).isEqualTo(9);
      assertThat(s.faults().probabilities())
          .containsEntry(Fault.RATE_LIMITED, 0.1)
          .containsEntry(Fault.STREAM_ERROR, 0.02)
          .containsEntry(Fault.CONNECTION_RESET, 0.01)
          .hasSize(12);
      assertThat(s.faults().retryAfter()).isEqualTo(Duration.ofMillis(2500));
      assertThat(s.faults().hangFor()).isEqualTo(Duration.ofMillis(300));
      assertThat(s.hostility())
          .isEqualTo(new Hostility(3, true, true, KeyEcho.WITHOUT_PREFIX, false, 21333));
      assertThat(s.maxThreads()).isEqualTo(8);
      assertThat(s.defaultMaxTokens()).isEqualTo(512);
    }

    @Test
    void readsTheBatchCachingJudgeShapingAndOutageOptions() {
      Settings s =
          FakeProviderOptions.parse(
                  "--skew", "intent=退换货:0.8", "--skew=score=1:0.5", "--echo-seed-rate", "0.25",
                  "--ignore-fixed-fields", "--judge-by-field", "intent=退换货:0,查询物流:1", "--judge-default-score",
                  "0.5", "--structured-violation-rate", "0.1", "--batch-seconds", "90", "--batch-cancel-seconds",
                  "2.5", "--batch-expire-rate", "0.1", "--batch-error-rate", "0.05", "--no-batch-shuffle",
                  "--batch-polls-per-minute", "30", "--outage-after", "100", "--outage-ms", "30000",
                  "--outage-kind", "refused")
              .toBuilder()
              .settings();

      assertThat(s.shaping().skews()).extracting(Shaping.Skew::field).containsExactly("intent", "score");
      assertThat(s.shaping().skews().get(0).value().asText()).isEqualTo("退换货");
      assertThat(s.shaping().skews().get(1).value().isNumber()).isTrue();
      assertThat(s.shaping().echoSeedRate()).isEqualTo(0.25);
      assertThat(s.shaping().honourFixed()).isFalse();
      var record = FakeClient.MAPPER.createObjectNode().put("intent", "退换货");
      assertThat(s.judge().judge("1", record, List.of(), new java.util.SplittableRandom(1)).score()).isZero();
      assertThat(s.judge().judge("2", record.put("intent", "x"), List.of(), new java.util.SplittableRandom(1))
          .score()).isEqualTo(0.5);
      assertThat(s.structuredViolationRate()).isEqualTo(0.1);
      assertThat(s.batches()).isEqualTo(new BatchSettings(Duration.ofSeconds(90), Duration.ofMillis(2500), 0.1, 0.05,
          false, 30));
      assertThat(s.outage().afterRequests()).isEqualTo(100);
      assertThat(s.outage().lasting()).isEqualTo(Duration.ofSeconds(30));
      assertThat(s.outage().kind()).isEqualTo(Outage.Kind.CONNECTION_REFUSED);
    }

    @Test
    void rejectsABadSkewOutageOrBatchRate() {
      assertThatThrownBy(() -> FakeProviderOptions.parse("--skew", "intent:0.8"))
          .hasMessageContaining("--skew takes FIELD=VALUE:FRACTION");
      assertThatThrownBy(() -> FakeProviderOptions.parse("--outage-kind", "refused").toBuilder())
          .hasMessageContaining("--outage-kind needs --outage-after");
      assertThatThrownBy(() -> FakeProviderOptions.parse("--batch-expire-rate", "0.7", "--batch-error-rate", "0.6")
          .toBuilder().settings()).hasMessageContaining("batchExpireRate + batchErrorRate");
      assertThatThrownBy(() -> FakeProviderOptions.parse("--outage-kind", "down"))
          .hasMessageContaining("use server-error, overloaded, reset or refused");
    }

    @Test
    void neverPrintsTheApiKey() {
      assertThat(FakeProviderOptions.parse("--api-key", "sk-secret").toString()).doesNotContain("sk-secret");
    }

    @Test
    void startsFromTheDefaultsWhenGivenNothing() {
      assertThat(FakeProviderOptions.parse()).isEqualTo(FakeProviderOptions.defaults());
      Settings s = FakeProviderOptions.defaults().toBuilder().settings();
      assertThat(s.hostility()).isEqualTo(new Hostility(0, false, false, KeyEcho.NONE, true, 0));
      assertThat(s.reasoningTokens()).isZero();
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
      assertThatThrownBy(() -> FakeProviderOptions.parse("--echo-key", "half"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--echo-key is 'half'; use full, without-prefix or none");
    }

    @Test
    void rejectsARateThatIsNotAProbabilityOrRatesAddingUpPastOne() {
      assertThatThrownBy(() -> FakeProviderOptions.parse("--rate-500", "2"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--rate-500 is 2.0; use a probability between 0 and 1");
      assertThatThrownBy(() -> FakeProviderOptions.parse("--rate-500", "0.6", "--rate-529", "0.6"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("add up to 1.2");
    }

    @Test
    void namesTheModelRulesFileThatIsNotValid(@TempDir Path dir) throws IOException {
      Path rules = dir.resolve("rules.json");
      Files.writeString(rules, "{\"anthropic\": 3}");
      FakeProviderOptions options = FakeProviderOptions.parse("--model-rules", rules.toString());

      assertThatThrownBy(options::toBuilder)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(rules.toString())
          .hasMessageContaining("\"anthropic\"");
    }
  }

  @Nested
  class WhenAskedForHelp {

    /** Builder settings with no flag, and why. */
    private final Map<String, String> withoutFlag = Map.of(
        "clock", "tests inject a clock; a standalone fake uses real time",
        "keepRequests", "only tests read the request log; a fake started from options keeps none");

    @Test
    void everyBuilderSettingHasAFlagInTheHelp() {
      Set<String> settings =
          Arrays.stream(FakeProvider.Builder.class.getDeclaredMethods())
              .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getReturnType() == FakeProvider.Builder.class)
              .map(Method::getName)
              .filter(name -> !withoutFlag.containsKey(name))
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> driven =
          OptionParser.SPECS.stream().map(OptionParser.Spec::setting).collect(Collectors.toCollection(TreeSet::new));

      assertThat(driven).containsAll(settings);
      String usage = FakeProviderOptions.usage();
      for (OptionParser.Spec spec : OptionParser.SPECS) {
        assertThat(usage).contains(spec.flag() + (spec.isSwitch() ? " " : " " + spec.label())).contains(spec.help());
      }
    }

    @Test
    void addsTheCallersOwnOptionsBeforeHelp() {
      String usage = FakeProviderOptions.usage("--schema PATH", "serve records that fit this schema");

      assertThat(usage).contains("--schema PATH").contains("serve records that fit this schema");
      assertThat(usage.indexOf("--schema PATH")).isLessThan(usage.indexOf("--help"));
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
        assertThat(fake.requests()).as("a fake started from options keeps no request log").isEmpty();
      }
    }
  }
}
