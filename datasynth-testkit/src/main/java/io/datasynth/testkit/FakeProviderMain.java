package io.datasynth.testkit;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a fake provider until the process is killed: {@code java -cp ... io.datasynth.testkit.FakeProviderMain
 * [options]}; see {@link FakeProviderOptions#usage()}.
 *
 * <p>Prints one line with both base URLs on stdout. Exit codes: 2 for bad options, 1 when the fake cannot start.
 */
public final class FakeProviderMain {
  /** Exit code of a bad command line. */
  public static final int USAGE_ERROR = 2;
  /** Exit code of a fake that could not start (e.g. the port is taken). */
  public static final int START_FAILED = 1;

  private FakeProviderMain() {}

  /** Starts the fake from {@code args} and serves until the process is killed. */
  public static void main(String[] args) throws InterruptedException {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(FakeProviderOptions.usage());
      return;
    }
    FakeProvider fake;
    try {
      fake = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("fake-provider: " + e.getMessage());
      System.exit(USAGE_ERROR);
      return;
    } catch (UncheckedIOException e) {
      System.err.println("fake-provider: " + e.getMessage());
      System.exit(START_FAILED);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-provider-shutdown"));
    new CountDownLatch(1).await();
  }

  /**
   * Starts a fake from command-line arguments and prints its base URLs on {@code out}.
   *
   * @throws IllegalArgumentException for bad options, naming the option and the fix
   * @throws UncheckedIOException when the port cannot be bound or the records file cannot be read
   */
  public static FakeProvider start(String[] args, PrintStream out) {
    FakeProvider fake = FakeProviderOptions.parse(args).toBuilder().start();
    out.println(
        "fake provider listening: anthropic " + fake.anthropicBaseUrl() + " openai " + fake.openAiBaseUrl());
    out.flush();
    return fake;
  }
}
