package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.PriceTable;
import io.datasynth.engine.RunOutcome;
import io.datasynth.journal.Journal;
import io.datasynth.json.Json;
import io.datasynth.provider.Usage;
import io.datasynth.recipe.Inputs;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.FaultScript;
import io.datasynth.testkit.RecordSource;
import io.datasynth.testkit.RecordedRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spending caps, {@code --max-cost} and {@code --max-requests}, in whole runs against the fake provider whose
 * replies are much longer than the seeds, so every reply runs into its {@code max_tokens}.
 */
class BudgetIT {
  static final int CONCURRENCY = 4;
  @TempDir Path dir;

  Inputs inputs() throws IOException {
    return QaInputs.in(dir);
  }

  /** A fake whose records are a few hundred tokens each, far longer than the seeds. */
  static FakeProvider longReplies(FaultScript faults) {
    ObjectNode t = Json.object();
    t.put("instruction", "Question {n}: {words} {words}?");
    t.put("response", "Answer {n}: " + "{words}, ".repeat(30) + "{words}.");
    return FakeProvider.builder().seed(21).records(RecordSource.counter(t))
        .latency(Duration.ofMillis(50), Duration.ofMillis(100)).faults(faults).start();
  }

  /** A model that does not think by default, so the budget is the records' own and the caps stay small. */
  static final String MODEL = "claude-sonnet-4-5";

  static ModelPrice price(String model) {
    return PriceTable.bundled().lookup(model).orElseThrow();
  }

  /** What a request could have cost at most: the input the fake counted plus all of its {@code max_tokens}. */
  static double worstCase(RecordedRequest q, ModelPrice price) {
    return price.cost(new Usage(q.inputTokens(), q.maxTokens(), 0, 0, 0));
  }

  DataSynthesizer synth(SynthesisConfig config, FakeProvider fake) {
    return DataSynthesizer.builder().config(config)
        .env(Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl())).build();
  }

  @Nested
  class MaxCost {
    @Test
    void stopsBeforeTheCapWithTheRecordsSoFarAndAMessageNamingIt() throws IOException {
      BigDecimal cap = new BigDecimal("0.05");
      try (FakeProvider fake = longReplies(FaultScript.none())) {
        Path out = dir.resolve("out.json");
        SynthesisConfig config = SynthesisConfig.builder().model(MODEL).count(200).concurrency(CONCURRENCY).maxCost(cap)
            .retryDelay(Duration.ofMillis(50)).build();
        SynthesisResult r = synth(config, fake).synthesize(inputs(), out);

        assertThat(r.success()).isFalse();
        assertThat(r.outcome()).isInstanceOfSatisfying(RunOutcome.Stopped.class,
            s -> assertThat(s.reason()).isEqualTo(RunOutcome.Reason.BUDGET));
        assertThat(r.errorText()).contains("$0.05").contains("max_cost");

        ModelPrice price = price(config.model());
        List<RecordedRequest> requests = fake.requests();
        double billed = requests.stream()
            .mapToDouble(q -> price.cost(new Usage(q.inputTokens(), q.outputTokens(), 0, 0, 0))).sum();
        assertThat(r.costUsd()).isCloseTo(billed, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(requests).allSatisfy(q -> assertThat(q.truncated()).isTrue());
        // At most CONCURRENCY requests are in flight when the cap is reached; none of them can cost more than
        // its worst case, so the largest CONCURRENCY worst cases bound the overshoot.
        double inFlightWorst = requests.stream().map(q -> worstCase(q, price))
            .sorted(Comparator.reverseOrder()).limit(CONCURRENCY).mapToDouble(Double::doubleValue).sum();
        System.out.printf("max-cost: cap %s, spent %.5f over %d requests, in-flight worst case %.5f%n", cap,
            r.costUsd(), requests.size(), inFlightWorst);
        assertThat(r.costUsd()).isLessThanOrEqualTo(cap.doubleValue() + inFlightWorst);
        assertThat(r.costUsd()).isLessThanOrEqualTo(cap.doubleValue());

        assertThat(r.generatedCount()).isPositive().isLessThan(200);
        assertThat(SynthesisIT.samples(out)).hasSize((int) r.generatedCount());
        assertThat(r.journalPath()).isEqualTo(Journal.pathFor(out)).exists();
      }
    }

    @Test
    void aResumedRunCountsWhatTheEarlierRunsSpent() throws IOException {
      try (FakeProvider fake = longReplies(FaultScript.none())) {
        Path out = dir.resolve("out.json");
        SynthesisConfig first = SynthesisConfig.builder().model(MODEL).count(200).concurrency(CONCURRENCY).maxRequests(3).build();
        SynthesisResult r1 = synth(first, fake).synthesize(inputs(), out);
        assertThat(r1.costUsd()).isPositive();

        BigDecimal cap = BigDecimal.valueOf(r1.costUsd()).add(new BigDecimal("0.02"));
        SynthesisConfig second = SynthesisConfig.builder().model(MODEL).count(200).concurrency(CONCURRENCY).maxCost(cap).build();
        SynthesisResult r2 = synth(second, fake).synthesize(inputs(), out);
        assertThat(r2.outcome()).isInstanceOf(RunOutcome.Stopped.class);
        assertThat(r2.costUsd()).isGreaterThan(r1.costUsd()).isLessThanOrEqualTo(cap.doubleValue());
      }
    }

    @Test
    void aCapBelowOneRequestSendsNothing() throws IOException {
      try (FakeProvider fake = longReplies(FaultScript.none())) {
        Path out = dir.resolve("out.json");
        SynthesisConfig config = SynthesisConfig.builder().model(MODEL).count(20).maxCost(new BigDecimal("0.000001")).build();
        SynthesisResult r = synth(config, fake).synthesize(inputs(), out);
        assertThat(r.success()).isFalse();
        assertThat(r.errorText()).contains("$0.000001");
        assertThat(fake.totalRequests()).isZero();
        assertThat(out).doesNotExist();
      }
    }
  }

  @Nested
  class MaxRequests {
    @Test
    void countsRetriesAndKeepsWhatTheRepliesBrought() throws IOException {
      FaultScript faults = FaultScript.random(4).serverError(0.3);
      try (FakeProvider fake = longReplies(faults)) {
        Path out = dir.resolve("out.json");
        SynthesisConfig config = SynthesisConfig.builder().model(MODEL).count(200).concurrency(CONCURRENCY).maxRequests(10)
            .maxRetries(5).retryDelay(Duration.ofMillis(20)).build();
        SynthesisResult r = synth(config, fake).synthesize(inputs(), out);

        assertThat(r.outcome()).isInstanceOfSatisfying(RunOutcome.Stopped.class,
            s -> assertThat(s.reason()).isEqualTo(RunOutcome.Reason.MAX_REQUESTS));
        assertThat(r.errorText()).contains("10 requests (max_requests)");
        assertThat(fake.totalRequests()).isEqualTo(10);
        assertThat(r.stats().requestsSent()).isEqualTo(10);
        List<RecordedRequest> ok = new ArrayList<>(fake.requests().stream().filter(q -> q.status() == 200).toList());
        assertThat(r.stats().replies()).isEqualTo(ok.size());
        assertThat(SynthesisIT.samples(out)).hasSize((int) r.generatedCount());
      }
    }
  }
}
