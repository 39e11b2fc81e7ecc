package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.FaultScript;
import io.datasynth.testkit.RecordSource;
import io.datasynth.testkit.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the real command line: {@code datasynth create} runs as a child process against a fake provider
 * in this JVM, is killed with SIGKILL at seeded random moments, and is re-run until it finishes. After every
 * fourth kill the journal is also left as a power loss could leave it (half a line, or zeros at the end), which the
 * next run must drop.
 *
 * <p><b>Requests re-sent per crash.</b> A request is re-sent because of a crash when the provider answered it
 * (the fake logged a 200: it was paid for) but its reply never reached the journal, so its work has to be asked for
 * again. The journal holds one usage line per reply it took in, so per round: <i>re-sent = 200 answers the fake
 * logged during the round − usage lines the round added to the journal</i> (counting complete lines only: a torn
 * last line is lost, and counts as re-sent). Every round waits until the fake has finished every request of the
 * killed child before counting, so late answers are not missed. Failed answers (500) are not counted: nothing was
 * paid, and the engine retries them anyway.
 */
class CrashResumeIT {
  static final int N = 200;
  static final int CONCURRENCY = 4;
  static final int KILLS = 20;
  /** The most records a round may add before it is killed, however fast the machine. */
  static final int MOST_PER_ROUND = 15;
  /**
   * Below this many missing records a round is killed before its first reply, so it cannot finish the run: room for
   * {@link #MOST_PER_ROUND} plus the replies in flight and a poll's worth of slack.
   */
  static final int MARGIN = MOST_PER_ROUND + 5 * CONCURRENCY + 10;

  @TempDir Path dir;

  static void writeInputs(Path dir) {
    try {
      Files.writeString(dir.resolve("schema.json"), """
          {"project_name": "qa", "fields": [
            {"name": "instruction", "type": "text", "constraints": {"min_length": 5}},
            {"name": "response", "type": "text"}]}""", StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("seeds.jsonl"), """
          {"instruction": "Name three primary colours.", "response": "Red, yellow and blue."}
          {"instruction": "What is the capital of Peru?", "response": "Lima."}
          {"instruction": "How many legs does a spider have?", "response": "Eight."}
          """, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RecordSource uniqueRecords() {
    ObjectNode t = Json.object();
    t.put("instruction", "Question {n}: {words}?");
    t.put("response", "Answer {n}: {words}.");
    return RecordSource.counter(t);
  }

  static List<String> create(String output, int n, String... more) {
    List<String> args = new ArrayList<>(List.of("create", "schema.json", "seeds.jsonl", "-o", output, "-n",
        Integer.toString(n), "--concurrency", Integer.toString(CONCURRENCY), "--retry-delay", "0.05",
        "--max-retries", "8", "--progress", "none"));
    args.addAll(List.of(more));
    return args;
  }

  static List<JsonNode> samples(Path output) {
    List<JsonNode> out = new ArrayList<>();
    readTree(output).get("samples").forEach(s -> out.add(s.get("data")));
    return out;
  }

  static JsonNode readTree(Path file) {
    try {
      return Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one killed round did, for the assertions and the printed summary. */
  record Round(int index, String mode, long delayMillis, int recordsBefore, int recordsAfter, long answered,
      long journaledReplies, boolean torn) {
    long resent() {
      return answered - journaledReplies;
    }
  }

  @Test
  void twentyKillsLoseNoJournaledRecordAndResumeToExactlyN() {
    writeInputs(dir);
    Path out = dir.resolve("out.json");
    Path journal = dir.resolve("out.journal.jsonl");
    SplittableRandom random = new SplittableRandom(20_240_611);
    FaultScript faults = FaultScript.random(13).duplicates(0.1).invalidRecords(0.1).truncated(0.05)
        .serverError(0.05);
    // A generous request limit makes the fake send rate-limit headers, so the engine opens its window to the full
    // concurrency after the first reply and a kill can catch CONCURRENCY requests in flight.
    try (FakeProvider fake = FakeProvider.builder().seed(13).records(uniqueRecords()).requestsPerMinute(100_000)
        .latency(Duration.ofMillis(100), Duration.ofMillis(200)).faults(faults).start()) {
      Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
      Set<JsonNode> everJournaled = new HashSet<>();
      int tears = 0;
      List<Round> rounds = new ArrayList<>();
      int logged = 0;
      for (int i = 0; i < KILLS; i++) {
        JournalFile before = JournalFile.read(journal);
        int have = before.records().size();
        ChildProcess child = ChildProcess.start(dir, env, create("out.json", N), "round-" + i);
        boolean nearEnd = have >= N - MARGIN;
        int draw = random.nextInt(4);
        long delay;
        String modeName;
        if (nearEnd) {
          // Only moments before the first reply: the run must not finish before its kill.
          if (draw < 2) {
            modeName = "first request in flight";
            child.awaitWhileAlive(() -> fake.inFlight() > 0);
            delay = 0;
          } else {
            modeName = "after launch";
            delay = random.nextInt(500);
          }
        } else if (draw < 2) {
          long k = have + 1 + random.nextInt(8);
          modeName = "after " + k + " records";
          child.awaitWhileAlive(() -> JournalFile.recordCount(journal) >= k);
          delay = random.nextInt(120);
        } else if (draw == 2) {
          modeName = "window full";
          child.awaitWhileAlive(() -> fake.inFlight() >= CONCURRENCY
              || JournalFile.recordCount(journal) >= have + MOST_PER_ROUND);
          delay = random.nextInt(150);
        } else {
          modeName = "after launch";
          delay = random.nextInt(2000);
        }
        long most = have + MOST_PER_ROUND;
        long deadline = System.nanoTime() + delay * 1_000_000;
        while (System.nanoTime() < deadline && JournalFile.recordCount(journal) < most) {
          ChildProcess.pause(1);
        }
        assertThat(child.isAlive()).as("round %d ended before its kill (%s); %s", i, modeName, child.output())
            .isTrue();
        child.kill();
        ChildProcess.await("the fake finished the killed run's requests", () -> fake.inFlight() == 0);

        List<RecordedRequest> all = fake.requests();
        List<RecordedRequest> thisRound = all.subList(logged, all.size());
        logged = all.size();
        JournalFile after = JournalFile.read(journal);
        List<JsonNode> records = after.records();
        assertThat(records.subList(0, Math.min(have, records.size()))).as("round %d: earlier records kept", i)
            .isEqualTo(before.records());
        assertThat(new HashSet<>(records)).as("round %d: no duplicates in the journal", i).hasSize(records.size());
        everJournaled.addAll(records);
        long answered = thisRound.stream().filter(q -> q.status() == 200).count();
        Round round = new Round(i, modeName, delay, have, records.size(), answered,
            after.replies() - before.replies(), after.tornLine() != null);
        rounds.add(round);
        assertThat(round.resent()).as("round %s", round).isBetween(0L, (long) CONCURRENCY);
        if (i % 4 == 3) {
          simulatePowerLoss(journal, i % 8 == 3);
          tears++;
        }
      }

      ChildProcess last = ChildProcess.start(dir, env, create("out.json", N), "final");
      assertThat(last.waitFor()).as(last.output()).isZero();

      List<JsonNode> samples = samples(out);
      assertThat(samples).hasSize(N);
      assertThat(new HashSet<>(samples)).as("no duplicates").hasSize(N);
      assertThat(new HashSet<>(samples)).as("every record ever journaled is in the output")
          .containsAll(everJournaled);
      assertThat(journal).doesNotExist();
      assertThat(last.stdout()).contains("resumed:");
      assertThat(samples).noneMatch(r -> r.toString().contains(TORN));
      long notices = Stream.concat(rounds.stream().map(r -> "round-" + r.index()), Stream.of("final"))
          .map(name -> read(dir.resolve(name + ".stderr.txt")))
          .filter(err -> err.contains("last line was cut off by a crash")).count();
      assertThat(notices).as("torn last lines noticed").isBetween(1L, (long) tears);

      rounds.forEach(r -> System.out.println("crash " + r));
      long maxResent = rounds.stream().mapToLong(Round::resent).max().orElse(0);
      long totalResent = rounds.stream().mapToLong(Round::resent).sum();
      System.out.printf("crash summary: %d kills, %d records journaled before the final run, re-sent per crash "
              + "max %d (concurrency %d), total %d, torn last lines %d, requests %d%n", rounds.size(),
          everJournaled.size(), maxResent, CONCURRENCY, totalResent,
          rounds.stream().filter(Round::torn).count(), fake.totalRequests());
      System.out.printf("simulated power losses %d, noticed by %d runs%n", tears, notices);
    }
  }

  @Test
  void aKilledRunResumedWithAnotherDiversityKeepsEveryJournaledRecord() {
    writeInputs(dir);
    Path out = dir.resolve("out.json");
    Path journal = dir.resolve("out.journal.jsonl");
    try (FakeProvider fake = FakeProvider.builder().seed(21).records(uniqueRecords()).requestsPerMinute(100_000)
        .latency(Duration.ofMillis(60), Duration.ofMillis(120)).start()) {
      Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
      int n = 80;
      ChildProcess first = ChildProcess.start(dir, env, create("out.json", n, "--diversity", "0.2"), "low");
      first.awaitWhileAlive(() -> JournalFile.recordCount(journal) >= 15);
      assertThat(first.isAlive()).as(first.output()).isTrue();
      first.kill();
      ChildProcess.await("the fake finished the killed run's requests", () -> fake.inFlight() == 0);
      List<JsonNode> journaled = JournalFile.read(journal).records();
      assertThat(journaled).hasSizeGreaterThanOrEqualTo(15).hasSizeLessThan(n);

      ChildProcess second = ChildProcess.start(dir, env, create("out.json", n, "--diversity", "0.9"), "high");
      assertThat(second.waitFor()).as(second.output()).isZero();

      List<JsonNode> samples = samples(out);
      assertThat(samples).hasSize(n);
      assertThat(samples.subList(0, journaled.size())).as("the journaled records, first and in order")
          .isEqualTo(journaled);
      assertThat(second.stdout()).contains("resumed:").contains("by settings:");
      Set<String> fingerprints = new HashSet<>();
      readTree(out).get("samples").forEach(s -> fingerprints.add(s.path("provenance").path("settings").asText()));
      assertThat(fingerprints).as("each record names the settings it was made with").hasSize(2);
    }
  }

  static final String TORN = "torn by a simulated power loss";

  /** Leaves the journal as a power loss mid-append can: half a line, or zeros where the data never landed. */
  static void simulatePowerLoss(Path journal, boolean halfALine) {
    try {
      byte[] tail = halfALine
          ? ("{\"record\": {\"instruction\": \"Question 0: " + TORN).getBytes(StandardCharsets.UTF_8)
          : new byte[4096];
      Files.write(journal, tail, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kills the run right after its journal is complete, when it writes the output, and checks the output is only
   * ever absent, the earlier partial output, or the complete new one: never torn.
   */
  @Test
  void aKillDuringTheFinalWriteLeavesTheOutputAbsentOldOrComplete() throws IOException {
    int n = 1000;
    long[] delays = {0, 2, 6, 15};
    int hits = 0;
    List<String> seen = new ArrayList<>();
    try (FakeProvider fake = FakeProvider.builder().seed(5).records(uniqueRecords()).countFromPrompt(true)
        .latency(Duration.ofMillis(5), Duration.ofMillis(10)).start()) {
      Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
      for (int attempt = 0; attempt < delays.length; attempt++) {
        Path sub = Files.createDirectories(dir.resolve("attempt-" + attempt));
        writeInputs(sub);
        Path out = sub.resolve("out.json");
        Path journal = sub.resolve("out.journal.jsonl");
        int old = -1;
        if (attempt % 2 == 1) {
          ChildProcess partial = ChildProcess.start(sub, env, create("out.json", n, "--batch-size", "50",
              "--max-requests", "3"), "partial");
          assertThat(partial.waitFor()).as(partial.output()).isEqualTo(1);
          old = samples(out).size();
          assertThat(old).isPositive().isLessThan(n);
        }
        ChildProcess child = ChildProcess.start(sub, env, create("out.json", n, "--batch-size", "50"), "run");
        child.awaitWhileAlive(() -> JournalFile.recordCount(journal) >= n);
        ChildProcess.pause(delays[attempt]);
        child.kill();

        boolean tempLeft = temporaryFiles(sub).count() > 0;
        hits += tempLeft ? 1 : 0;
        String state;
        if (!Files.exists(out)) {
          state = "absent";
        } else {
          int count = samples(out).size();
          assertThat(count).as("the output is the earlier one or the complete one").isIn(old, n);
          state = count == n ? "complete" : "old";
        }
        seen.add(state + (tempLeft ? " (killed mid-write)" : ""));

        if (Files.exists(journal)) {
          ChildProcess again = ChildProcess.start(sub, env, create("out.json", n, "--batch-size", "50"), "again");
          assertThat(again.waitFor()).as(again.output()).isZero();
        }
        List<JsonNode> samples = samples(out);
        assertThat(samples).hasSize(n);
        assertThat(new HashSet<>(samples)).hasSize(n);
        assertThat(journal).doesNotExist();
        assertThat(temporaryFiles(sub)).as("no temporary file is left behind").isEmpty();
      }
    }
    System.out.println("final-write kills: " + seen + "; " + hits + " of " + delays.length + " hit the write");
  }

  static Stream<Path> temporaryFiles(Path dir) throws IOException {
    return Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp")).toList().stream();
  }
}
