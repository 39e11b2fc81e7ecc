package io.datasynth.cli;

import static io.datasynth.cli.CrashResumeIT.create;
import static io.datasynth.cli.CrashResumeIT.samples;
import static io.datasynth.cli.CrashResumeIT.uniqueRecords;
import static io.datasynth.cli.CrashResumeIT.writeInputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.testkit.Fault;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.FaultScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) during a run of the real jar: the first stops gracefully, the second quits at once. */
class InterruptIT {
  static final int N = 60;
  @TempDir Path dir;

  /** A process started with SIGINT ignored (a background job of a non-interactive shell) passes that on. */
  @BeforeAll
  static void sigintReachesChildren() throws IOException {
    Path status = Path.of("/proc/self/status");
    assumeFalse(!Files.exists(status), "needs Linux to check that SIGINT is not ignored");
    String mask = Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
        .orElse("SigIgn: 0").substring("SigIgn:".length()).strip();
    assumeFalse((Long.parseUnsignedLong(mask, 16) & 0b10) != 0, "SIGINT is ignored by this process and its children");
  }

  Path journal() {
    return dir.resolve("out.journal.jsonl");
  }

  @Test
  void theFirstCtrlCLetsRequestsInFlightFinishWritesTheRecordsAndSaysHowToResume() {
    writeInputs(dir);
    try (FakeProvider fake = FakeProvider.builder().seed(3).records(uniqueRecords()).requestsPerMinute(100_000)
        .latency(Duration.ofMillis(400), Duration.ofMillis(400)).start()) {
      Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
      ChildProcess child = ChildProcess.start(dir, env, create("out.json", N), "run");
      child.awaitWhileAlive(() -> JournalFile.recordCount(journal()) >= 10 && fake.inFlight() >= 2);
      assertThat(child.isAlive()).as(child.output()).isTrue();
      child.interrupt();
      assertThat(child.waitFor()).as(child.output()).isEqualTo(130);

      JournalFile journal = JournalFile.read(journal());
      assertThat(journal.tornLine()).isNull();
      long answered = fake.requests().stream().filter(q -> q.status() == 200).count();
      assertThat(journal.replies()).as("every reply in flight at Ctrl-C was waited for and journaled")
          .isEqualTo(answered);
      List<JsonNode> written = samples(dir.resolve("out.json"));
      assertThat(written).as("the output holds what was accepted").isEqualTo(journal.records());
      assertThat(written.size()).isLessThan(N);
      assertThat(child.stderr()).contains("stopping: waiting for requests in flight");
      assertThat(child.stdout()).contains("Stopped with " + written.size() + " of " + N)
          .contains("re-run the same command to resume");

      ChildProcess again = ChildProcess.start(dir, env, create("out.json", N), "again");
      assertThat(again.waitFor()).as(again.output()).isZero();
      List<JsonNode> all = samples(dir.resolve("out.json"));
      assertThat(all).hasSize(N).containsAll(written);
      assertThat(new HashSet<>(all)).hasSize(N);
      assertThat(again.stdout()).contains("resumed:        " + written.size() + " records");
    }
  }

  @Test
  void aSecondCtrlCQuitsAtOnceAndTheJournalStillHoldsEverything() {
    writeInputs(dir);
    // Six replies, then every request hangs for a minute: the first Ctrl-C alone would wait for them.
    FaultScript hangAfterSix = FaultScript.sequence(Fault.NONE, Fault.NONE, Fault.NONE, Fault.NONE, Fault.NONE,
        Fault.NONE).hang(1.0).hangFor(Duration.ofSeconds(60));
    List<JsonNode> journaled;
    try (FakeProvider fake = FakeProvider.builder().seed(4).records(uniqueRecords()).requestsPerMinute(100_000)
        .latency(Duration.ofMillis(20), Duration.ofMillis(20)).faults(hangAfterSix).start()) {
      Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
      ChildProcess child = ChildProcess.start(dir, env, create("out.json", N, "--timeout", "120"), "run");
      child.awaitWhileAlive(() -> fake.requests().size() >= 6 && fake.inFlight() >= 2);
      ChildProcess.await("all six replies journaled", () -> JournalFile.read(journal()).replies() == 6);
      child.interrupt();
      child.awaitWhileAlive(() -> child.stderr().contains("stopping:"));
      assertThat(child.isAlive()).as("the first Ctrl-C waits for the hanging requests; " + child.output())
          .isTrue();
      child.interrupt();
      assertThat(child.waitFor()).as(child.output()).isEqualTo(130);
      assertThat(fake.inFlight()).as("it did not wait for the requests in flight").isPositive();
      assertThat(child.stderr()).contains("quitting now; re-run the same command to resume");

      JournalFile journal = JournalFile.read(journal());
      assertThat(journal.tornLine()).isNull();
      assertThat(journal.replies()).isEqualTo(6);
      journaled = journal.records();
      assertThat(journaled).hasSize(30);
    }
    try (FakeProvider healthy = FakeProvider.builder().seed(5).records(uniqueRecords()).start()) {
      Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", healthy.anthropicBaseUrl());
      ChildProcess again = ChildProcess.start(dir, env, create("out.json", N), "again");
      assertThat(again.waitFor()).as(again.output()).isZero();
      List<JsonNode> all = samples(dir.resolve("out.json"));
      assertThat(all).hasSize(N).containsAll(journaled);
      assertThat(new HashSet<>(all)).hasSize(N);
      assertThat(journal()).doesNotExist();
    }
  }
}
