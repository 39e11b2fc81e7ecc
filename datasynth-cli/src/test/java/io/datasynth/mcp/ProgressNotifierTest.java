package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.engine.RunStats;
import io.datasynth.provider.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressNotifierTest {
  record Sent(long progress, long total, String message) {}

  final List<Sent> sent = new ArrayList<>();
  final ToolCall.Progress sink = (done, total, message) -> sent.add(new Sent(done, total, message));
  final AtomicLong now = new AtomicLong(1_000_000_000L);

  static RunStats stats(long accepted, int target) {
    return new RunStats(target, accepted, 0, accepted, Map.of(), Map.of(), accepted, accepted, 0, 0, 0, Map.of(), 0,
        0, Usage.ZERO, 0.01, Duration.ofSeconds(1), 0);
  }

  @Test
  void reportsAcceptedRecordsAgainstTheTarget() {
    ProgressNotifier p = new ProgressNotifier("tok", sink, now::get);
    p.onProgress(stats(3, 10));
    assertThat(sent).singleElement().satisfies(n -> {
      assertThat(n.progress()).isEqualTo(3);
      assertThat(n.total()).isEqualTo(10);
      assertThat(n.message()).startsWith("3 of 10 records");
    });
  }

  @Test
  void sendsOnlyWhenProgressGrowsAndNotTooOftenButAlwaysTheLast() {
    ProgressNotifier p = new ProgressNotifier(42, sink, now::get);
    p.onProgress(stats(1, 10));
    p.onProgress(stats(1, 10));
    now.addAndGet(ProgressNotifier.MIN_INTERVAL_NANOS / 2);
    p.onProgress(stats(2, 10));
    p.onProgress(stats(10, 10));
    now.addAndGet(ProgressNotifier.MIN_INTERVAL_NANOS);
    p.onProgress(stats(10, 10));
    assertThat(sent).extracting(Sent::progress).containsExactly(1L, 10L);
  }

  @Test
  void sendsNothingWithoutAToken() {
    new ProgressNotifier(null, sink, now::get).onProgress(stats(5, 5));
    assertThat(sent).isEmpty();
  }

  @Test
  void neverThrowsIntoTheEngineWhenSendingFails() {
    ProgressNotifier p = new ProgressNotifier("t", (done, total, message) -> {
      throw new IllegalStateException("session closed");
    }, now::get);
    p.onProgress(stats(1, 2));
    p.onProgress(stats(2, 2));
  }
}
