package io.datasynth.cli;

import static io.datasynth.cli.CrashResumeIT.samples;
import static io.datasynth.cli.CrashResumeIT.uniqueRecords;
import static io.datasynth.cli.CrashResumeIT.writeInputs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.testkit.Fault;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.FaultScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resume}, {@code --no-resume}, changed settings and failed runs, through the command line in-process. */
class ResumeIT {
  static final String KEY = "sk-ant-resume-test-0a1b2c3d4e";
  static final int N = 40;
  @TempDir Path dir;
  FakeProvider fake;

  @BeforeEach
  void inputs() {
    writeInputs(dir);
  }

  InProcess datasynth(FakeProvider provider, String... extra) {
    return datasynth(provider, N, extra);
  }

  InProcess datasynth(FakeProvider provider, int n, String... extra) {
    List<String> args = new ArrayList<>(List.of("create", dir.resolve("schema.json").toString(),
        dir.resolve("seeds.jsonl").toString(), "-o", out().toString(), "-n", Integer.toString(n),
        "--concurrency", "4", "--retry-delay", "0.01", "--progress", "none"));
    args.addAll(List.of(extra));
    return InProcess.run(dir, Map.of("ANTHROPIC_BASE_URL", provider.anthropicBaseUrl(), "ANTHROPIC_API_KEY", KEY),
        args);
  }

  Path out() {
    return dir.resolve("out.json");
  }

  Path journal() {
    return dir.resolve("out.journal.jsonl");
  }

  static FakeProvider healthy(long seed) {
    return FakeProvider.builder().seed(seed).records(uniqueRecords()).start();
  }

  /** A run stopped after three requests: a partial output and a journal of 15 records. */
  InProcess stoppedRun(FakeProvider provider) {
    InProcess r = datasynth(provider, "--max-requests", "3");
    assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.FAILED);
    assertThat(JournalFile.read(journal()).records()).hasSize(15);
    return r;
  }

  @Nested
  class ResumeFlag {
    @Test
    void withNothingToResumeIsABadUsageThatSaysSo() {
      try (FakeProvider f = healthy(1)) {
        InProcess r = datasynth(f, "--resume");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("nothing to resume").contains(journal().toString());
        assertThat(f.totalRequests()).isZero();
        assertThat(out()).doesNotExist();
        assertThat(journal()).doesNotExist();
      }
    }

    @Test
    void resumesAStoppedRun() {
      try (FakeProvider f = healthy(2)) {
        stoppedRun(f);
        List<JsonNode> before = samples(out());
        InProcess r = datasynth(f, "--resume");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(samples(out())).hasSize(N).containsAll(before);
        assertThat(r.out()).contains("resumed:        15 records");
      }
    }
  }

  @Nested
  class NoResume {
    @Test
    void movesTheOldJournalAsideAndStartsOver() throws IOException {
      try (FakeProvider f = healthy(3)) {
        stoppedRun(f);
        String oldJournal = Files.readString(journal());
        InProcess r = datasynth(f, "--no-resume", "--force");
        assertThat(r.code()).as(r.all()).isZero();
        Path aside = dir.resolve("out.journal.old-1.jsonl");
        assertThat(aside).hasContent(oldJournal.strip());
        assertThat(r.err()).contains("--no-resume").contains(aside.toString());
        assertThat(r.out()).doesNotContain("resumed:");
        assertThat(samples(out())).hasSize(N);
        assertThat(journal()).doesNotExist();
      }
    }

    @Test
    void afterACrashNeedsNoForceBecauseThereIsNoOutputYet() {
      try (FakeProvider f = healthy(4)) {
        stoppedRun(f);
        deleteOutput();
        InProcess r = datasynth(f, "--no-resume");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(dir.resolve("out.journal.old-1.jsonl")).exists();
        assertThat(samples(out())).hasSize(N);
      }
    }

    @Test
    void refusedForAnExistingOutputLeavesTheJournalWhereItWas() throws IOException {
      try (FakeProvider f = healthy(5)) {
        stoppedRun(f);
        String journalBefore = Files.readString(journal());
        InProcess r = datasynth(f, "--no-resume");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("already exists").contains("--force");
        assertThat(journal()).as("a refused command changes nothing").hasContent(journalBefore.strip());
        assertThat(dir.resolve("out.journal.old-1.jsonl")).doesNotExist();

        InProcess resumed = datasynth(f);
        assertThat(resumed.code()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains("resumed:        15 records");
      }
    }

    @Test
    void refusedForAnotherReasonLeavesTheJournalWhereItWas() throws IOException {
      try (FakeProvider f = healthy(10)) {
        stoppedRun(f);
        String journalBefore = Files.readString(journal());
        InProcess r = datasynth(f, "--no-resume", "--force", "-m", "no-such-model", "--max-cost", "1");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--max-cost");
        assertThat(journal()).hasContent(journalBefore.strip());
      }
    }

    void deleteOutput() {
      try {
        Files.delete(out());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Nested
  class ChangedSettings {
    @Test
    void keepTheJournaledRecordsWhenOnlyHowPromptsAreMadeChanges() {
      try (FakeProvider f = healthy(6)) {
        stoppedRun(f);
        List<JsonNode> journaled = JournalFile.read(journal()).records();
        InProcess r = datasynth(f, "--diversity", "0.9", "--batch-size", "4");
        assertThat(r.code()).as(r.all()).isZero();
        List<JsonNode> all = samples(out());
        assertThat(all).hasSize(N);
        assertThat(all.subList(0, journaled.size())).isEqualTo(journaled);
        assertThat(r.err()).contains("15 records");
        assertThat(r.out()).contains("by settings:");
      }
    }

    @Test
    void refuseToMixRecordsOfAnotherSchemaSayingWhyAndSuggestingNoResume() throws IOException {
      try (FakeProvider f = healthy(8)) {
        stoppedRun(f);
        String journalBefore = Files.readString(journal());
        long requests = f.totalRequests();
        Path schema = dir.resolve("schema.json");
        Files.writeString(schema, Files.readString(schema).replace("\"min_length\": 5", "\"min_length\": 6"));
        InProcess r = datasynth(f);
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("another schema or seed set").contains("--no-resume");
        assertThat(journal()).hasContent(journalBefore.strip());
        assertThat(f.totalRequests()).isEqualTo(requests);
      }
    }

    @Test
    void aLargerCountIsNotAChangeOfSettings() {
      try (FakeProvider f = healthy(7)) {
        stoppedRun(f);
        InProcess r = datasynth(f, N + 10);
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(samples(out())).hasSize(N + 10);
      }
    }
  }

  @Nested
  class WhileAnotherRunWritesTheJournal {
    @Test
    void aSecondRunIsRefusedAndChangesNothing() {
      int n = 400;
      try (FakeProvider slow = FakeProvider.builder().seed(11).records(uniqueRecords())
          .latency(Duration.ofMillis(300), Duration.ofMillis(300)).start()) {
        ChildProcess first = ChildProcess.start(dir, Map.of("ANTHROPIC_BASE_URL", slow.anthropicBaseUrl()),
            CrashResumeIT.create("out.json", n), "first");
        try {
          first.awaitWhileAlive(() -> JournalFile.recordCount(journal()) >= 5);
          for (String[] flags : new String[][] {{}, {"--resume"}, {"--no-resume", "--force"}}) {
            InProcess r = datasynth(slow, n, flags);
            assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("another run").contains(out().toString());
            assertThat(dir.resolve("out.journal.old-1.jsonl")).doesNotExist();
          }
          assertThat(first.isAlive()).as("the refusals came while the first run held the journal; "
              + first.output()).isTrue();
        } finally {
          first.kill();
        }
      }
      try (FakeProvider fast = healthy(12)) {
        InProcess r = datasynth(fast, n);
        assertThat(r.code()).as(r.all()).isZero();
        List<JsonNode> all = samples(out());
        assertThat(all).hasSize(n);
        assertThat(new HashSet<>(all)).hasSize(n);
      }
    }
  }

  @Nested
  class AFailedRun {
    @Test
    void keepsItsJournalAndPartialOutputAndResumesOnceTheProviderRecovers() throws IOException {
      FaultScript failing = FaultScript.sequence(Fault.NONE, Fault.NONE, Fault.NONE, Fault.NONE).serverError(1.0);
      List<JsonNode> partial;
      try (FakeProvider broken = FakeProvider.builder().seed(8).records(uniqueRecords()).faults(failing).start()) {
        InProcess r = datasynth(broken, "--max-retries", "1");
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("giving up").contains("500").contains("re-run the same command to resume");
        partial = samples(out());
        assertThat(partial).hasSize(20).isEqualTo(JournalFile.read(journal()).records());
      }
      try (FakeProvider recovered = healthy(9)) {
        InProcess r = datasynth(recovered);
        assertThat(r.code()).as(r.all()).isZero();
        List<JsonNode> all = samples(out());
        assertThat(all).hasSize(N).containsAll(partial);
        assertThat(new HashSet<>(all)).hasSize(N);
        assertThat(journal()).doesNotExist();
      }
      assertNoFileHoldsTheKey();
    }
  }

  void assertNoFileHoldsTheKey() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
      }
    }
  }
}
