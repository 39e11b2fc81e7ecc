package io.datasynth.provider.http;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Passes a cancellation back to the future a stage came from, which {@link CompletableFuture} does not do. */
final class Cancellation {
  private Cancellation() {}

  /** {@code dependent}, which when cancelled cancels {@code source} too, so that a cancelled call aborts its exchange. */
  static <T> CompletableFuture<T> propagate(CompletableFuture<T> dependent, CompletableFuture<?> source) {
    Objects.requireNonNull(source, "source");
    dependent.whenComplete((r, e) -> {
      if (dependent.isCancelled()) {
        source.cancel(true);
      }
    });
    return dependent;
  }
}
