package io.datasynth.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.cost.Billing;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.TokenCounter;
import io.datasynth.model.ModelProfiles;
import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.RateLimits;
import io.datasynth.provider.Usage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A call with its own client (the rubric judge's model) next to the scheduler's dispatcher and price. */
class OwnClientCallTest {
  static final Usage USED = new Usage(1000, 500, 0, 0, 0);
  static final ModelPrice GENERATION = new ModelPrice("gen", 3, 15, 0.3, 3.75);
  static final ModelPrice JUDGE = new ModelPrice("judge", 1, 5, 0.1, 1.25);

  static CallResult.Completed reply() {
    return new CallResult.Completed("{}", USED, false, false, RateLimits.NONE, Duration.ofMillis(5));
  }

  /** A client that answers at once and keeps what it was sent. */
  static final class Answering implements LlmClient {
    final List<LlmRequest> sent = new ArrayList<>();

    @Override
    public CompletableFuture<CallResult> call(LlmRequest request) {
      sent.add(request);
      return CompletableFuture.completedFuture(reply());
    }

    @Override
    public ProviderKind kind() {
      return ProviderKind.ANTHROPIC;
    }

    @Override
    public String model() {
      return "m";
    }

    @Override
    public String endpoint() {
      return "http://127.0.0.1:1";
    }
  }

  /** A dispatcher that bills everything at the batch price and keeps the calls it carried. */
  static final class Batching implements Dispatcher {
    final List<Call> carried = new ArrayList<>();

    @Override
    public Billing billing(Call call) {
      return Billing.BATCH;
    }

    @Override
    public Sent send(Call call, LlmRequest request) {
      carried.add(call);
      return new Sent(CompletableFuture.completedFuture(reply()), Billing.BATCH, false);
    }
  }

  /** Hands out the calls it is given, once each. */
  static final class Calls implements Stage {
    final Deque<Call> left = new ArrayDeque<>();
    final List<Call> done = new ArrayList<>();

    @Override
    public Call next() {
      return left.poll();
    }

    @Override
    public void completed(Call call, CallResult.Completed reply, Object prepared, Usage usage) {
      done.add(call);
    }

    @Override
    public boolean finished() {
      return left.isEmpty();
    }
  }

  static LlmRequest request() {
    return new LlmRequest("system", "user", 1000, null, null);
  }

  @Nested
  class InBatchMode {
    @Test
    void aCallWithItsOwnClientGoesOnlineThroughItAndIsPricedAtItsOwnPrice() {
      Answering generationClient = new Answering();
      Answering judgeClient = new Answering();
      Batching batches = new Batching();
      Calls stage = new Calls();
      Call generation = new Call(stage, request(), 1000, null, "g1x5");
      Call judged = new Call(stage, request(), 1000, null, judgeClient, JUDGE);
      stage.left.add(generation);
      stage.left.add(judged);
      CallScheduler scheduler = CallScheduler.builder()
          .settings(new SchedulerSettings(4, 0, Duration.ofMillis(10), 1.0, null, 0, Duration.ofSeconds(5), 1))
          .client(generationClient).dispatcher(batches)
          .tokens(TokenCounter.of(ModelProfiles.bundled().lookup(ProviderKind.OPENAI, "gpt-4o"), "gpt-4o"))
          .price(GENERATION).build();

      scheduler.run(List.of(stage));

      assertThat(stage.done).containsExactlyInAnyOrder(generation, judged);
      assertThat(batches.carried).containsExactly(generation);
      assertThat(judgeClient.sent).hasSize(1);
      assertThat(generationClient.sent).isEmpty();
      assertThat(judged.billing()).isEqualTo(Billing.ONLINE);
      assertThat(generation.billing()).isEqualTo(Billing.BATCH);
      assertThat(scheduler.spent()).isCloseTo(GENERATION.cost(USED, Billing.BATCH) + JUDGE.cost(USED),
          org.assertj.core.data.Offset.offset(1e-9));
    }
  }
}
