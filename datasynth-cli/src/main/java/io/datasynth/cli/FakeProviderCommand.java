package io.datasynth.cli;

import io.datasynth.error.ConfigException;
import io.datasynth.error.RunFailedException;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.FakeProviderOptions;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code fake-provider}: a local fake LLM API for testing pipelines without a key or a network. */
@Command(name = "fake-provider",
    description = {"Serve a fake Anthropic and OpenAI API on 127.0.0.1 (rate limits, latency, faults), for testing "
        + "your pipeline without a key.", "Point --base-url (or ANTHROPIC_BASE_URL / OPENAI_BASE_URL) at the URLs it "
        + "prints. Options: see --help."})
final class FakeProviderCommand extends BaseCommand {
  @Option(names = {"-h", "--help"}, description = "Show the fake provider's options.")
  boolean help;

  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    if (help) {
      out().println(FakeProviderOptions.usage());
      out().flush();
      return ExitCode.OK;
    }
    FakeProvider fake;
    try {
      fake = FakeProviderOptions.parse(args.toArray(String[]::new)).toBuilder().start();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("fake-provider: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new RunFailedException("fake-provider could not start: " + e.getMessage(), e);
    }
    out().println("fake provider listening: anthropic " + fake.anthropicBaseUrl() + " openai "
        + fake.openAiBaseUrl());
    out().println("try: ANTHROPIC_BASE_URL=" + fake.anthropicBaseUrl() + " datasynth generate examples/recipe_demo "
        + "-n 20 --force");
    out().flush();
    Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-provider-shutdown"));
    new CountDownLatch(1).await();
    return ExitCode.OK;
  }
}
