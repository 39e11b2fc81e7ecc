package io.datasynth.schedule;

import io.datasynth.cost.Billing;
import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * How the {@link CallScheduler}'s calls reach the provider: online, one HTTP request each (the default), or
 * gathered into provider batches ({@code io.datasynth.batch}). The scheduler keeps deciding when a call goes, its
 * retries and the caps; a dispatcher only carries it. Methods are called on the scheduler's thread.
 */
public interface Dispatcher {

  /** How {@code call} would be billed were it sent now: the scheduler reserves its worst cost at that rate. */
  Billing billing(Call call);

  /**
   * Sends a call.
   *
   * @param request the request to send (the call's own, perhaps with a retry's higher temperature)
   * @return the outcome to come, and how the call is billed
   */
  Sent send(Call call, LlmRequest request);

  /**
   * A call on its way.
   *
   * @param result completes with the outcome; cancelling it gives up waiting (a batch keeps running at the provider)
   * @param billing how the call is billed
   * @param resumed whether an earlier run sent it already (a batch item it submitted): not counted as a request again
   */
  record Sent(CompletableFuture<CallResult> result, Billing billing, boolean resumed) {
    public Sent {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(billing, "billing");
    }
  }

  /** Every call online through {@code client}. */
  static Dispatcher online(LlmClient client) {
    Objects.requireNonNull(client, "client");
    return new Dispatcher() {
      @Override
      public Billing billing(Call call) {
        return Billing.ONLINE;
      }

      @Override
      public Sent send(Call call, LlmRequest request) {
        return new Sent(client.call(request), Billing.ONLINE, false);
      }
    };
  }
}
