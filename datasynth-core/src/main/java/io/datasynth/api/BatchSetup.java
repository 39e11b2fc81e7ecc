package io.datasynth.api;

import io.datasynth.batch.BatchOptions;
import io.datasynth.provider.ProviderSettings;
import io.datasynth.provider.batch.BatchApi;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a run reaches the providers' batch APIs: the clients, and the waits between gathering, submitting and polling
 * (the documented defaults, or short ones for tests against a fake whose batches end in milliseconds).
 *
 * @param apis makes the batch client for a run's provider settings
 * @param settle a batch is submitted once no call has joined it for this long
 * @param firstPoll the first wait before looking at a new batch; later waits double
 * @param maxPoll the longest wait between two looks at a batch
 */
record BatchSetup(Function<ProviderSettings, BatchApi> apis, Duration settle, Duration firstPoll, Duration maxPoll) {
  BatchSetup {
    Objects.requireNonNull(apis, "apis");
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(firstPoll, "firstPoll");
    Objects.requireNonNull(maxPoll, "maxPoll");
  }

  /** Real batch clients with the default waits (seconds at first, then minutes). */
  static BatchSetup defaults() {
    return new BatchSetup(s -> io.datasynth.provider.LlmClients.batchApi(s, t -> t), BatchOptions.SETTLE,
        BatchOptions.FIRST_POLL, BatchOptions.MAX_POLL);
  }
}
