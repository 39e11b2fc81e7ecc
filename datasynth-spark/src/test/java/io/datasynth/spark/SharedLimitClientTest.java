package io.datasynth.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.RateLimits;
import io.datasynth.provider.Usage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SharedLimitClientTest {
  static final RateLimits LIMITS = new RateLimits(Map.of(
      RateLimits.Dimension.REQUESTS, new RateLimits.Limit(100, 40, Duration.ofSeconds(3)),
      RateLimits.Dimension.OUTPUT_TOKENS, new RateLimits.Limit(9_000, 9_000, null)));

  /** A client whose every call completes with {@code result}, or stays pending when it is null. */
  static final class Fixed implements LlmClient {
    final CallResult result;
    CompletableFuture<CallResult> last;

    Fixed(CallResult result) {
      this.result = result;
    }

    @Override
    public CompletableFuture<CallResult> call(LlmRequest request) {
      last = result == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(result);
      return last;
    }

    @Override
    public ProviderKind kind() {
      return ProviderKind.OPENAI;
    }

    @Override
    public String model() {
      return "m";
    }

    @Override
    public String endpoint() {
      return "http://127.0.0.1:1/v1";
    }
  }

  @Test
  void showsItsTaskItsShareOfEveryLimitAndOfWhatRemains() {
    CallResult done = new CallResult.Completed("[]", Usage.ZERO, false, false, LIMITS, Duration.ofMillis(5));
    SharedLimitClient c = new SharedLimitClient(new Fixed(done), 0.25);

    CallResult seen = c.call(null).join();

    RateLimits l = ((CallResult.Completed) seen).limits();
    assertThat(l.get(RateLimits.Dimension.REQUESTS).orElseThrow())
        .isEqualTo(new RateLimits.Limit(25, 10, Duration.ofSeconds(3)));
    assertThat(l.get(RateLimits.Dimension.OUTPUT_TOKENS).orElseThrow().limit()).isEqualTo(2_250);
  }

  @Test
  void scalesTheLimitsARateLimitedReplyCarries() {
    CallResult limited = new CallResult.RateLimited(Duration.ofSeconds(2), "slow down", LIMITS);

    CallResult seen = new SharedLimitClient(new Fixed(limited), 0.5).call(null).join();

    assertThat(((CallResult.RateLimited) seen).retryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(((CallResult.RateLimited) seen).limits().get(RateLimits.Dimension.REQUESTS).orElseThrow().limit())
        .isEqualTo(50);
  }

  @Test
  void cancellingTheCallCancelsTheExchangeUnderneath() {
    Fixed pending = new Fixed(null);
    CompletableFuture<CallResult> seen = new SharedLimitClient(pending, 0.5).call(null);

    seen.cancel(true);

    assertThat(pending.last).isCancelled();
  }

  @Test
  void refusesAShareOutsideZeroToOne() {
    assertThatThrownBy(() -> new SharedLimitClient(new Fixed(null), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SharedLimitClient(new Fixed(null), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
