package io.datasynth.cli;

/**
 * The size of the JVM's common fork-join pool the process asks for before anything uses it. With one or two
 * processors its parallelism is 1, and {@link java.util.concurrent.CompletableFuture} then starts a new thread for
 * every asynchronous step; the JDK's {@code HttpClient} takes one such step for every response, so a run against a
 * fast server spent much of its CPU starting threads. Two threads of the pool are reused instead.
 */
final class CompletionThreads {
  static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private CompletionThreads() {}

  /** Sets the common pool's parallelism where the JVM's default would start a thread per step; call first in main. */
  static void reuse() {
    String value = parallelism(System.getProperty(PARALLELISM), Runtime.getRuntime().availableProcessors());
    if (value != null) {
      System.setProperty(PARALLELISM, value);
    }
  }

  /**
   * The parallelism to ask for, or null to leave the JVM's choice.
   *
   * @param current the property as the user set it (e.g. in {@code DATASYNTH_JAVA_OPTS}), or null
   */
  static String parallelism(String current, int processors) {
    return current == null && processors <= 2 ? "2" : null;
  }
}
