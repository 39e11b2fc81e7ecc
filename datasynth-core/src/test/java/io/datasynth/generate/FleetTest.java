package io.datasynth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.engine.EndpointStats;
import io.datasynth.provider.CallResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against several endpoints at once, in simulated time. */
class FleetTest {
  @TempDir Path dir;

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private static CallResult serverError() {
    return new CallResult.Transient(CallResult.Failure.SERVER_ERROR, 500, "api_error: boom", null, io.datasynth.provider.RateLimits.NONE);
  }

  private StageHarness fleetOf(int endpoints) {
    StageHarness h = new StageHarness(dir);
    for (int i = 0; i < endpoints; i++) {
      h.fleet.put(endpoint(h, i), 1);
    }
    return h;
  }

  /** An endpoint whose records differ from every other endpoint's, as a real model's would. */
  private static SimulatedProvider endpoint(StageHarness h, int n) {
    return new SimulatedProvider(h.clock).latency(Duration.ofSeconds(1))
        .replies((i, r) -> SimulatedReplies.unique(n * 100_000 + i, 5));
  }

  private static List<SimulatedProvider> endpoints(StageHarness h) {
    return new ArrayList<>(h.fleet.keySet());
  }

  @Nested
  class WhenAllAreHealthy {
    @Test
    void everyEndpointGetsWorkAndTheRunDeliversExactlyTheTarget() {
      StageHarness h = fleetOf(3);
      h.target = 300;
      StageHarness.Result r = h.run();
      assertThat(r.completed()).as(r.message()).isTrue();
      assertThat(r.tally().delivered()).isEqualTo(300);
      for (SimulatedProvider p : endpoints(h)) {
        assertThat(p.sent()).hasSizeGreaterThan(10);
      }
      List<EndpointStats> stats = r.counts().endpoints();
      assertThat(stats).hasSize(3);
      assertThat(stats.stream().mapToLong(EndpointStats::requestsSent).sum()).isEqualTo(r.counts().requestsSent());
      assertThat(stats).allSatisfy(s -> assertThat(s.timesOut()).isZero());
    }

    @Test
    void aHeavierEndpointGetsMoreOfTheWork() {
      StageHarness h = new StageHarness(dir);
      h.target = 400;
      h.concurrency = 4;
      SimulatedProvider heavy = endpoint(h, 0);
      SimulatedProvider light = endpoint(h, 1);
      h.fleet.put(heavy, 3);
      h.fleet.put(light, 1);
      StageHarness.Result r = h.run();
      assertThat(r.completed()).as(r.message()).isTrue();
      assertThat(heavy.sent().size()).isGreaterThanOrEqualTo(light.sent().size());
    }
  }

  @Nested
  class WhenOneStartsFailingMidRun {
    @Test
    void itIsTakenOutTheOthersCarryOnAndItIsTriedAgainLater() {
      StageHarness h = fleetOf(3);
      h.target = 600;
      // Two requests in flight per endpoint, so the run lasts past the failing one's first time out.
      h.concurrency = 2;
      SimulatedProvider failing = endpoints(h).get(1);
      // Healthy for its first 10 requests, then failing for 8 s, then healthy again.
      long[] failingSince = {-1};
      failing.faults(i -> {
        if (i < 10) {
          return null;
        }
        if (failingSince[0] < 0) {
          failingSince[0] = h.clock.nanoTime();
        }
        return h.clock.nanoTime() < failingSince[0] + 8 * SECOND ? serverError() : null;
      });
      StageHarness.Result r = h.run();

      assertThat(r.completed()).as(r.message()).isTrue();
      assertThat(r.tally().delivered()).isEqualTo(600);
      assertThat(r.counts().failedCalls()).isZero();
      EndpointStats stats = r.counts().endpoints().get(1);
      assertThat(stats.timesOut()).isGreaterThanOrEqualTo(1);
      assertThat(stats.out()).isFalse();
      assertThat(h.notices).anySatisfy(n -> assertThat(n).contains("out of service"));
      // Tried again after its time out, and given work again once it answered.
      long lastFailureAt = failing.sent().stream().mapToLong(SimulatedProvider.Sent::at)
          .filter(at -> at < failingSince[0] + 8 * SECOND).max().orElseThrow();
      assertThat(failing.sent().stream().filter(s -> s.at() > lastFailureAt).count()).isGreaterThan(5);
      // Once out, it got nothing for the breaker's first time out.
      List<Long> times = failing.sent().stream().map(SimulatedProvider.Sent::at).sorted().toList();
      long longestGap = 0;
      for (int i = 1; i < times.size(); i++) {
        if (times.get(i - 1) >= failingSince[0] && times.get(i - 1) < failingSince[0] + 8 * SECOND) {
          longestGap = Math.max(longestGap, times.get(i) - times.get(i - 1));
        }
      }
      assertThat(longestGap).isGreaterThanOrEqualTo(Duration.ofSeconds(10).toNanos());
    }

    @Test
    void aSingleEndpointIsNeverTakenOut() {
      StageHarness h = new StageHarness(dir);
      h.target = 20;
      h.provider.faults(i -> i >= 1 && i < 7 ? serverError() : null);
      h.retryDelay = Duration.ofMillis(100);
      h.maxRetries = 8;
      StageHarness.Result r = h.run();
      assertThat(r.completed()).as(r.message()).isTrue();
      assertThat(r.counts().endpoints()).singleElement()
          .satisfies(s -> assertThat(s.timesOut()).isZero());
      assertThat(h.notices).noneSatisfy(n -> assertThat(n).contains("out of service"));
    }
  }
}
