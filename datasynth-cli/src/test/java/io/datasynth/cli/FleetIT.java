package io.datasynth.cli;

import static io.datasynth.cli.CrashResumeIT.samples;
import static io.datasynth.cli.CrashResumeIT.uniqueRecords;
import static io.datasynth.cli.CrashResumeIT.writeInputs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.Outage;
import io.datasynth.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against a fleet of fake providers, through the command line in-process. */
class FleetIT {
  static final String KEY = "sk-ant-fleet-test-5h6j7k8l9m";
  static final String OTHER_KEY = "sk-ant-fleet-replica-c-1q2w3e4r";
  @TempDir Path dir;

  @BeforeEach
  void inputs() {
    writeInputs(dir);
  }

  /** A fake replica whose records differ from every other replica's (its own seed). */
  static FakeProvider.Builder replica(long seed, String key) {
    return FakeProvider.builder().seed(seed).apiKey(key).countFromPrompt(true).records(uniqueRecords())
        .latency(Duration.ofMillis(400), Duration.ofMillis(50));
  }

  InProcess create(int n, Map<String, String> env, String... more) {
    List<String> args = new ArrayList<>(List.of("create", dir.resolve("schema.json").toString(),
        dir.resolve("seeds.jsonl").toString(), "-o", out().toString(), "-n", Integer.toString(n),
        "--concurrency", "2", "--retry-delay", "0.05", "--progress", "none"));
    args.addAll(List.of(more));
    return InProcess.run(dir, env, args);
  }

  Path out() {
    return dir.resolve("out.json");
  }

  static void assertExactlyDistinct(Path output, int n) {
    List<JsonNode> records = samples(output);
    assertThat(records).hasSize(n);
    Set<String> instructions = new HashSet<>();
    records.forEach(r -> instructions.add(r.get("instruction").asText()));
    assertThat(instructions).hasSize(n);
  }

  @Nested
  class WhenOneOfThreeStartsFailingMidRun {
    @Test
    void theRunDeliversExactlyNAndTheFailingOneIsTakenOutAndTriedAgain() {
      int n = 600;
      try (FakeProvider a = replica(1, KEY).start();
          // Fails every request from its 6th on for 6 s, then serves again.
          FakeProvider b = replica(2, KEY).outage(Outage.afterRequests(5).lasting(Duration.ofSeconds(6))).start();
          FakeProvider c = replica(3, KEY).start()) {
        InProcess r = create(n, Map.of("ANTHROPIC_API_KEY", KEY), "--base-url", a.anthropicBaseUrl(),
            "--base-url", b.anthropicBaseUrl(), "--base-url", c.anthropicBaseUrl());

        assertThat(r.code()).as(r.all()).isZero();
        assertExactlyDistinct(out(), n);
        List<RecordedRequest> seen = b.requests();
        assertThat(seen).anySatisfy(q -> assertThat(q.status()).isEqualTo(500));
        // Taken out: a stretch of at least the breaker's first time out (10 s) with no request reaching it.
        long longestGap = 0;
        long gapEnd = 0;
        for (int i = 1; i < seen.size(); i++) {
          long gap = seen.get(i).arrivalNanos() - seen.get(i - 1).arrivalNanos();
          if (gap > longestGap) {
            longestGap = gap;
            gapEnd = seen.get(i).arrivalNanos();
          }
        }
        assertThat(longestGap).isGreaterThanOrEqualTo(Duration.ofSeconds(9).toNanos());
        // Tried again after it, and answered: how much more work it gets depends on how much the run has left.
        long end = gapEnd;
        assertThat(seen.stream().filter(q -> q.arrivalNanos() >= end && q.status() == 200).count()).isPositive();
        assertThat(a.requests()).hasSizeGreaterThan(20);
        assertThat(c.requests()).hasSizeGreaterThan(20);
        assertThat(r.err()).contains(b.anthropicBaseUrl()).contains("out of service");
        assertThat(r.out()).contains("endpoints:      3").contains("taken out 1 time");
        assertThat(r.all()).doesNotContain(KEY);
      }
    }
  }

  @Nested
  class WithAnEndpointsFile {
    @Test
    void eachEndpointUsesItsOwnKeyVariableAndWeight() throws IOException {
      int n = 100;
      try (FakeProvider a = replica(4, KEY).start(); FakeProvider c = replica(5, OTHER_KEY).start()) {
        Path file = dir.resolve("endpoints.txt");
        Files.writeString(file, "# the fleet\n" + a.anthropicBaseUrl() + "  2\n\n" + c.anthropicBaseUrl()
            + "\t1\tREPLICA_C_KEY\n", StandardCharsets.UTF_8);
        InProcess r = create(n, Map.of("ANTHROPIC_API_KEY", KEY, "REPLICA_C_KEY", OTHER_KEY),
            "--endpoints", file.toString());

        assertThat(r.code()).as(r.all()).isZero();
        assertExactlyDistinct(out(), n);
        assertThat(a.requests()).isNotEmpty().allSatisfy(q -> assertThat(q.apiKeyMatched()).isTrue());
        assertThat(c.requests()).isNotEmpty().allSatisfy(q -> assertThat(q.apiKeyMatched()).isTrue());
        assertThat(r.out()).contains("(weight 2)");
        assertThat(r.all()).doesNotContain(KEY).doesNotContain(OTHER_KEY);
      }
    }

    @Test
    void theJsonReportAndTheOutputsMetadataHoldWhatEachEndpointDid() throws IOException {
      int n = 60;
      try (FakeProvider a = replica(6, KEY).start(); FakeProvider c = replica(7, KEY).start()) {
        Path file = dir.resolve("endpoints.txt");
        Files.writeString(file, a.anthropicBaseUrl() + " 2\n" + c.anthropicBaseUrl() + " 1\n",
            StandardCharsets.UTF_8);
        InProcess r = create(n, Map.of("ANTHROPIC_API_KEY", KEY), "--endpoints", file.toString(), "--json", "-q");

        assertThat(r.code()).as(r.all()).isZero();
        JsonNode report = io.datasynth.json.Json.mapper().readTree(r.out());
        JsonNode runs = report.path("runs");
        JsonNode endpoints = runs.get(runs.size() - 1).path("endpoints");
        assertThat(endpoints).hasSize(2);
        assertThat(endpoints.get(0).path("endpoint").asText()).startsWith(a.anthropicBaseUrl());
        assertThat(endpoints.get(0).path("weight").asInt()).isEqualTo(2);
        assertThat(endpoints.get(1).path("endpoint").asText()).startsWith(c.anthropicBaseUrl());
        assertThat(endpoints.get(0).path("requests").asLong()).isEqualTo(a.requests().size());
        assertThat(endpoints.get(1).path("requests").asLong()).isEqualTo(c.requests().size());
        assertThat(endpoints.get(0).path("requests").asLong() + endpoints.get(1).path("requests").asLong())
            .isEqualTo(report.path("requests").asLong());
        assertThat(endpoints).allSatisfy(e -> {
          assertThat(e.path("replies").asLong()).isPositive();
          assertThat(e.path("failures").asLong()).isZero();
          assertThat(e.path("mean_latency_ms").asLong()).isGreaterThanOrEqualTo(300);
        });
        JsonNode metadata = io.datasynth.json.Json.mapper().readTree(out().toFile()).path("metadata");
        JsonNode metaRuns = metadata.path("summary").path("runs");
        assertThat(metaRuns.get(metaRuns.size() - 1).path("endpoints")).isEqualTo(endpoints);
      }
    }

    @Test
    void aResumedRunStillSaysWhatEachEndpointDidInTheRunBefore() throws IOException {
      int n = 40;
      try (FakeProvider a = replica(8, KEY).start(); FakeProvider c = replica(9, KEY).start()) {
        Path file = dir.resolve("endpoints.txt");
        Files.writeString(file, a.anthropicBaseUrl() + "\n" + c.anthropicBaseUrl() + "\n", StandardCharsets.UTF_8);
        InProcess capped = create(n, Map.of("ANTHROPIC_API_KEY", KEY), "--endpoints", file.toString(),
            "--max-requests", "4", "-q");
        assertThat(capped.code()).as(capped.all()).isEqualTo(ExitCode.FAILED);
        long sentBefore = a.requests().size() + c.requests().size();

        InProcess r = create(n, Map.of("ANTHROPIC_API_KEY", KEY), "--endpoints", file.toString(), "--json", "-q");

        assertThat(r.code()).as(r.all()).isZero();
        assertExactlyDistinct(out(), n);
        JsonNode runs = io.datasynth.json.Json.mapper().readTree(r.out()).path("runs");
        assertThat(runs).hasSize(2);
        JsonNode before = runs.get(0).path("endpoints");
        assertThat(before).hasSize(2);
        assertThat(before.get(0).path("requests").asLong() + before.get(1).path("requests").asLong())
            .isEqualTo(runs.get(0).path("requests").asLong()).isEqualTo(sentBefore);
        assertThat(runs.get(1).path("endpoints")).hasSize(2);
      }
    }

    @Test
    void aLineThatIsNotAnEndpointIsABadInputNamingTheFileAndLine() throws IOException {
      Path file = dir.resolve("endpoints.txt");
      Files.writeString(file, "http://127.0.0.1:9/v1\nhttp://127.0.0.1:10/v1 heavy 2\n", StandardCharsets.UTF_8);
      InProcess r = create(10, Map.of("ANTHROPIC_API_KEY", KEY), "--endpoints", file.toString());
      assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains(file + ":2:").contains("weight 'heavy'");
      assertThat(out()).doesNotExist();
    }

    @Test
    void givingBothBaseUrlAndEndpointsIsABadUsage() throws IOException {
      Path file = dir.resolve("endpoints.txt");
      Files.writeString(file, "http://127.0.0.1:9/v1\n", StandardCharsets.UTF_8);
      InProcess r = create(10, Map.of("ANTHROPIC_API_KEY", KEY), "--endpoints", file.toString(),
          "--base-url", "http://127.0.0.1:10");
      assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("--base-url").contains("--endpoints");
    }

    @Test
    void aMissingKeyOfOneEndpointIsABadUsageNamingItsVariable() throws IOException {
      Path file = dir.resolve("endpoints.txt");
      Files.writeString(file, "http://127.0.0.1:9\nhttps://replica.example.com 1 REPLICA_C_KEY\n",
          StandardCharsets.UTF_8);
      InProcess r = create(10, Map.of("ANTHROPIC_API_KEY", KEY), "--endpoints", file.toString());
      assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("REPLICA_C_KEY");
    }
  }
}
