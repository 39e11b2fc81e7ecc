package io.datasynth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.engine.RunOutcome;
import io.datasynth.journal.Journal;
import io.datasynth.journal.JournalEvent;
import io.datasynth.journal.OutputLock;
import io.datasynth.sink.FileGuard;
import io.datasynth.quality.RejectReason.Code;
import io.datasynth.provider.CallResult;
import io.datasynth.provider.RateLimits;
import io.datasynth.provider.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationStageTest {
  @TempDir Path dir;
  StageHarness h;

  @BeforeEach
  void setUp() {
    h = new StageHarness(dir);
  }

  private static long nanos(double seconds) {
    return (long) (seconds * 1e9);
  }

  @Nested
  class WhenTheProviderIsHealthy {
    @Test
    void deliversExactlyTheTargetAndJournalsEveryRecord() {
      h.target = 23;
      StageHarness.Result r = h.run();
      assertThat(r.completed()).isTrue();
      assertThat(r.tally().delivered()).isEqualTo(23);
      assertThat(h.journaledRecords()).isEqualTo(23);
      assertThat(r.tally().rejected()).doesNotContainKeys(Code.INVALID, Code.DUPLICATE, Code.MALFORMED);
    }

    @Test
    void handsOnARecordOnlyOnceItsJournalLineIsForced() {
      h.target = 40;
      List<Long> unforcedWhenHandedOn = new ArrayList<>();
      h.accepted = a -> unforcedWhenHandedOn.add(h.log.unforced());
      StageHarness.Result r = h.run();

      assertThat(r.completed()).isTrue();
      assertThat(h.journaledRecords()).isEqualTo(40);
      assertThat(unforcedWhenHandedOn).hasSize(40).containsOnly(0L);
      assertThat(h.log.forces()).isPositive().isLessThanOrEqualTo(r.counts().replies());
    }

    @Test
    void probesWithOneRequestBeforeOpeningTheWindow() {
      h.target = 30;
      h.run();
      List<SimulatedProvider.Sent> sent = h.provider.sent();
      assertThat(sent.get(1).at()).isGreaterThanOrEqualTo(sent.get(0).at() + nanos(1));
      assertThat(sent.get(2).at()).isEqualTo(sent.get(1).at());
    }

    @Test
    void asksOnlyForWhatIsMissingNearTheEnd() {
      h.target = 12;
      h.run();
      List<SimulatedProvider.Sent> sent = h.provider.sent();
      assertThat(sent).hasSize(3);
      assertThat(sent.get(2).request().user()).contains("Generate exactly 2 new records");
    }

    @Test
    void bringsTheSameRunToTheSameRequests() {
      h.target = 17;
      h.run();
      List<String> first = h.provider.sent().stream().map(s -> s.request().user()).toList();
      StageHarness again = new StageHarness(dir.resolve("again"));
      again.target = 17;
      again.run();
      assertThat(again.provider.sent().stream().map(s -> s.request().user()).toList()).isEqualTo(first);
    }
  }

  @Nested
  class UnderRateLimits {
    @Test
    void reachesTheCeilingWithoutA429() {
      h.provider.rpm(600, 10).latency(Duration.ofSeconds(1));
      h.target = 1000;
      h.concurrency = 64;
      StageHarness.Result r = h.run();
      assertThat(r.completed()).isTrue();
      assertThat(h.provider.rateLimited()).isZero();
      // 200 requests at 10/s with a burst of 10 and 1 s latency: the ideal is about 20 s.
      assertThat(h.seconds()).isLessThan(23);
    }

    @Test
    void keepsPaceWithALimitThatReportsWhatRemainsWhenItAnswers() {
      // The provider has counted every request sent while this one ran; subtracting them again from what it
      // reports would stall the client every round trip.
      h.provider.rpm(600, 10).latency(Duration.ofSeconds(1)).jitter(i -> Duration.ofMillis(i * 37 % 100));
      h.target = 2000;
      h.concurrency = 32;
      StageHarness.Result r = h.run();
      assertThat(r.completed()).isTrue();
      assertThat(h.provider.rateLimited()).isZero();
      // 400 requests: the probe (1 s), the burst of 10, then 10/s for 39 s, and the last reply 1 s later: 41 s.
      assertThat(h.seconds()).isLessThan(42);
    }

    @Test
    void learnsTheBurstFromWhatRemainsSoAFullBucketIsNotOverspent() {
      // The probe's reply comes back when the bucket is full again: what remains is the whole burst, not the burst
      // minus the probe. A pause then lets both buckets fill; a client that took the burst for 11 sends 11 into 10.
      h.provider.rpm(600, 10).latency(Duration.ofSeconds(1)).faults(i -> i == 30
          ? new CallResult.RateLimited(Duration.ofSeconds(3), "rate_limit_error", RateLimits.NONE) : null);
      h.target = 300;
      h.concurrency = 32;
      StageHarness.Result r = h.run();
      assertThat(r.completed()).isTrue();
      assertThat(h.provider.rateLimited()).isZero();
    }

    @Test
    void keepsAReserveForRequestsThatArriveOutOfStep() {
      // The burst reaches the provider 30 ms after it is sent (new connections), later requests 2 ms after: a
      // client that spends its bucket to exactly zero has its first paced request refused.
      h.provider.rpm(600, 10).latency(Duration.ofSeconds(1)).transit(i -> Duration.ofMillis(i <= 10 ? 30 : 2));
      h.target = 300;
      h.concurrency = 32;
      StageHarness.Result r = h.run();
      assertThat(r.completed()).isTrue();
      assertThat(h.provider.rateLimited()).isZero();
    }

    @Test
    void neverSendsBeforeRetryAfter() {
      h.provider.faults(i -> i == 1 || i == 2
          ? new CallResult.RateLimited(Duration.ofSeconds(60), "rate_limit_error", RateLimits.NONE) : null);
      h.target = 40;
      StageHarness.Result r = h.run();
      assertThat(r.completed()).isTrue();
      List<SimulatedProvider.Sent> sent = h.provider.sent();
      assertThat(h.provider.earlyRetries()).isZero();
      // Requests 1 and 2 left together and were refused; whatever left after them waited the whole minute.
      long limitedAt = sent.get(1).at();
      assertThat(sent.stream().filter(s -> s.at() > limitedAt)).isNotEmpty()
          .allSatisfy(s -> assertThat(s.at()).isGreaterThanOrEqualTo(limitedAt + nanos(60)));
    }

    @Test
    void countsABurstOf429sAsOnePause() {
      h.provider.rpm(60_000, 60_000).faults(i -> i >= 1 && i <= 4
          ? new CallResult.RateLimited(Duration.ofSeconds(30), "rate_limit_error", RateLimits.NONE) : null);
      h.target = 40;
      h.run();
      assertThat(h.provider.sent().subList(1, 5)).allSatisfy(s -> assertThat(s.at()).isEqualTo(nanos(1)));
      assertThat(h.pauses).hasSize(1);
    }
  }

  @Nested
  class WithoutRateLimitHeaders {
    @Test
    void findsTheServersCapacityInAFewRoundTrips() {
      h.provider.rpm(600, 10).headers(false).latency(Duration.ofSeconds(1));
      h.target = 500;
      h.concurrency = 64;
      StageHarness.Result r = h.run();
      assertThat(r.completed()).isTrue();
      // 100 requests at 10/s take about 11 s at best; growing the window by one per round trip takes 16 s.
      assertThat(h.seconds()).isLessThan(15);
      assertThat(h.provider.rateLimited()).isLessThanOrEqualTo(h.provider.sent().size() / 20);
    }
  }

  @Nested
  class WhenRequestsFail {
    @Test
    void retriesTransientFailuresWithRisingTemperature() {
      h.temperature = 0.8;
      h.provider.faults(i -> i == 0 ? new CallResult.Transient(CallResult.Failure.SERVER_ERROR, 500, "api_error",
          null, RateLimits.NONE) : null);
      h.target = 5;
      StageHarness.Result r = h.run();
      assertThat(r.completed()).isTrue();
      assertThat(r.counts().retries()).isEqualTo(1);
      assertThat(h.provider.sent().get(1).request().temperature()).isEqualTo(0.85, org.assertj.core.data.Offset
          .offset(1e-9));
      assertThat(r.counts().failures()).containsEntry("server error", 1L);
    }

    @Test
    void failsFastWhenTheProviderRefuses() {
      h.provider.faults(i -> new CallResult.Fatal(401,
          io.datasynth.text.Message.of("provider.refused", "anthropic", 401, "m", "check ANTHROPIC_API_KEY")));
      StageHarness.Result r = h.run();
      assertThat(r.outcome()).isInstanceOf(RunOutcome.Failed.class);
      assertThat(r.message()).contains("401");
      assertThat(h.provider.sent()).hasSize(1);
    }

    @Test
    void givesUpOnAnUnreachableServerAfterItsRetries() {
      h.provider.faults(i -> new CallResult.Transient(CallResult.Failure.CONNECTION, 0, "could not connect",
          null, RateLimits.NONE));
      StageHarness.Result r = h.run();
      assertThat(r.outcome()).isInstanceOf(RunOutcome.Failed.class);
      assertThat(r.message()).contains("could not connect", "connection failed");
      assertThat(h.provider.sent()).hasSize(h.maxRetries + 1);
      // The kind of failure is words of the bundles, so a Chinese user reads it in Chinese too.
      String zh = new io.datasynth.text.Messages(java.util.Locale.CHINESE, io.datasynth.text.SettingNames.KEYS)
          .render(((RunOutcome.Failed) r.outcome()).message());
      assertThat(zh).contains("最后一个错误：连接失败：could not connect").doesNotContain("connection failed");
    }

    @Test
    void stopsWhenTheModelOnlyRepeatsItself() {
      h.provider.replies((i, req) -> SimulatedReplies.same(5));
      h.target = 100;
      StageHarness.Result r = h.run();
      assertThat(r.outcome()).isInstanceOf(RunOutcome.Failed.class);
      assertThat(r.message()).contains("acceptance collapsed", "repeating");
      assertThat(r.tally().delivered()).isEqualTo(5);
      assertThat(h.provider.sent().size()).isLessThan(30);
    }

    @Test
    void keepsTheCompleteRecordsOfATruncatedReplyAndRaisesMaxTokens() {
      String cut = SimulatedReplies.unique(0, 5);
      String truncated = cut.substring(0, cut.lastIndexOf("{\"instruction\"") + 20);
      h.provider.faults(i -> i == 0 ? new CallResult.Completed(truncated, new Usage(100, 200, 0, 0, 0), true,
          false, RateLimits.NONE, Duration.ofSeconds(1)) : null);
      h.target = 9;
      StageHarness.Result r = h.run();
      assertThat(r.tally().truncatedReplies()).isEqualTo(1);
      assertThat(r.tally().rejected()).containsEntry(Code.TRUNCATED, 1L);
      assertThat(r.tally().delivered()).isEqualTo(9);
      assertThat(h.provider.sent().get(1).request().maxTokens())
          .isGreaterThan(h.provider.sent().get(0).request().maxTokens());
      assertThat(h.notices).anyMatch(n -> n.contains("output limit"));
    }
  }

  @Nested
  class SizingTheOutputBudget {

    CallResult thoughtOnly(int tokens) {
      return new CallResult.Completed("", new Usage(100, tokens, 0, 0, 0), true, true, RateLimits.NONE,
          Duration.ofSeconds(1));
    }

    @Test
    void leavesTheReasoningReserveOnTopOfTheRecords() {
      StageHarness.Result plain = h.run();
      int without = h.provider.sent().get(0).request().maxTokens();
      StageHarness thinking = new StageHarness(dir.resolve("thinking"));
      thinking.reasoningReserve = 4096;
      thinking.run();
      assertThat(plain.tally().delivered()).isEqualTo(20);
      assertThat(thinking.provider.sent().get(0).request().maxTokens()).isEqualTo(without + 4096);
    }

    @Test
    void growsTheReserveWhenAReplyThinksAwayItsWholeBudget() {
      h.reasoningReserve = 2048;
      h.concurrency = 1;
      h.provider.faults(i -> i == 0 ? thoughtOnly(2300) : null);
      StageHarness.Result r = h.run();
      assertThat(r.tally().delivered()).isEqualTo(20);
      assertThat(r.tally().cutOffBeforeText()).isEqualTo(1);
      assertThat(h.provider.sent().get(1).request().maxTokens() - h.provider.sent().get(0).request().maxTokens())
          .isEqualTo(2048);
      assertThat(h.notices).anyMatch(n -> n.contains("reasoning") && n.contains("wrote no records"));
    }

    @Test
    void neverAsksForMoreThanTheModelAllows() {
      h.reasoningReserve = 2048;
      h.modelMaxTokens = 3000;
      h.concurrency = 1;
      h.provider.faults(i -> i < 3 ? thoughtOnly(3000) : null);
      StageHarness.Result r = h.run();
      assertThat(r.tally().delivered()).isEqualTo(20);
      assertThat(h.provider.sent()).allSatisfy(s -> assertThat(s.request().maxTokens()).isLessThanOrEqualTo(3000));
      assertThat(h.notices).filteredOn(n -> n.contains("lower reasoning_effort")).hasSize(1);
    }

    @Test
    void keepsAFixedLimitAndSaysWhatToChange() {
      h.maxTokens = 700;
      h.concurrency = 1;
      h.provider.faults(i -> i < 2 ? thoughtOnly(700) : null);
      StageHarness.Result r = h.run();
      assertThat(r.tally().delivered()).isEqualTo(20);
      assertThat(h.provider.sent()).allSatisfy(s -> assertThat(s.request().maxTokens()).isEqualTo(700));
      assertThat(h.notices).anyMatch(n -> n.contains("raise max_tokens or lower reasoning_effort"));
    }

    @Test
    void sendsNoTemperatureUnlessOneIsSet() {
      h.provider.faults(i -> i == 0 ? new CallResult.Transient(CallResult.Failure.SERVER_ERROR, 500, "boom", null,
          RateLimits.NONE) : null);
      h.concurrency = 1;
      h.run();
      assertThat(h.provider.sent()).allSatisfy(s -> assertThat(s.request().temperature()).isNull());
    }
  }

  @Nested
  class WithCaps {
    @Test
    void neverStartsARequestThatCouldPassTheBudget() {
      h.maxCost = new BigDecimal("0.05");
      h.target = 1000;
      StageHarness.Result r = h.run();
      assertThat(r.outcome()).isInstanceOf(RunOutcome.Stopped.class);
      assertThat(((RunOutcome.Stopped) r.outcome()).reason()).isEqualTo(RunOutcome.Reason.BUDGET);
      assertThat(r.costUsd()).isLessThanOrEqualTo(0.05);
    }

    @Test
    void stopsAtTheRequestCap() {
      h.maxRequests = 3;
      h.target = 1000;
      StageHarness.Result r = h.run();
      assertThat(((RunOutcome.Stopped) r.outcome()).reason()).isEqualTo(RunOutcome.Reason.MAX_REQUESTS);
      assertThat(h.provider.sent()).hasSize(3);
      assertThat(r.tally().delivered()).isEqualTo(15);
    }

    @Test
    void aStopKeepsWhatRequestsInFlightBring() {
      h.target = 1000;
      h.provider.replies((i, req) -> {
        if (i == 6) {
          h.control.stop();
        }
        return SimulatedReplies.unique(i, 5);
      });
      StageHarness.Result r = h.run();
      assertThat(((RunOutcome.Stopped) r.outcome()).reason()).isEqualTo(RunOutcome.Reason.INTERRUPTED);
      assertThat(r.tally().delivered()).isEqualTo(5L * h.provider.sent().size());
      assertThat(h.journaledRecords()).isEqualTo(r.tally().delivered());
    }
  }

  @Nested
  class WhenResuming {
    @Test
    void requestsOnlyWhatTheJournalLacks() {
      try (OutputLock lock = OutputLock.acquire(h.lockFile, h.journalFile, FileGuard.unrestricted());
          Journal j = Journal.open(h.journalFile, lock, FileGuard.unrestricted(), e -> { })) {
        var parser = new io.datasynth.parse.ReplyParser(StageHarness.SCHEMA.fieldNames());
        for (int reply : new int[] {900, 901}) {
          List<JournalEvent> events = new java.util.ArrayList<>();
          parser.parse(SimulatedReplies.unique(reply, 5)).records()
              .forEach(rec -> events.add(new JournalEvent.RecordAccepted(rec, null)));
          events.add(new JournalEvent.ReplyUsage(Usage.ZERO, 1));
          j.append(events);
        }
      }
      h.target = 12;
      StageHarness.Result r = h.run();
      assertThat(r.tally().resumed()).isEqualTo(10);
      assertThat(r.tally().delivered()).isEqualTo(12);
      assertThat(h.provider.sent()).hasSize(1);
      assertThat(h.provider.sent().get(0).request().user()).contains("Generate exactly 2 new records");
      assertThat(h.journaledRecords()).isEqualTo(12);
    }
  }
}
