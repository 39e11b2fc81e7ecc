package io.datasynth.cli;

import static io.datasynth.cli.CrashResumeIT.samples;
import static io.datasynth.cli.CrashResumeIT.writeInputs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --max-cost} and {@code --max-requests} as the command line shows them. */
class BudgetCommandIT {
  @TempDir Path dir;

  static FakeProvider longReplies() {
    ObjectNode t = Json.object();
    t.put("instruction", "Question {n}: {words} {words}?");
    t.put("response", "Answer {n}: " + "{words}, ".repeat(30) + "{words}.");
    return FakeProvider.builder().seed(31).records(RecordSource.counter(t))
        .latency(Duration.ofMillis(50), Duration.ofMillis(100)).start();
  }

  InProcess create(FakeProvider fake, String... extra) {
    writeInputs(dir);
    List<String> args = new ArrayList<>(List.of("create", dir.resolve("schema.json").toString(),
        dir.resolve("seeds.jsonl").toString(), "-o", dir.resolve("out.json").toString(), "-n", "200",
        "--concurrency", "4", "--progress", "log", "-m", "claude-sonnet-4-5"));
    args.addAll(List.of(extra));
    return InProcess.run(dir, Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()), args);
  }

  @Test
  void maxCostShowsSpendAgainstTheCapAndStopsWithTheRecordsSoFar() {
    try (FakeProvider fake = longReplies()) {
      InProcess r = create(fake, "--max-cost", "0.05");
      assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.FAILED);
      assertThat(r.err()).as(r.all()).containsPattern("progress: .*\\$[0-9.]+ of \\$0\\.05");
      assertThat(r.out()).contains("budget reached").contains("cap $0.05").contains("raise --max-cost")
          .contains("records so far: " + dir.resolve("out.json"));
      assertThat(samples(dir.resolve("out.json"))).isNotEmpty();
    }
  }

  @Test
  void maxRequestsStopsAfterThatManyRequests() {
    try (FakeProvider fake = longReplies()) {
      InProcess r = create(fake, "--max-requests", "2");
      assertThat(r.code()).as(r.all()).isEqualTo(ExitCode.FAILED);
      assertThat(r.out()).contains("reached the cap of 2 requests (--max-requests)").contains("re-run the same command to resume");
      assertThat(fake.totalRequests()).isEqualTo(2);
    }
  }
}
