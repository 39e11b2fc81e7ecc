package io.datasynth.cli;

import io.datasynth.error.ConfigException;
import io.datasynth.error.RunFailedException;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.FakeProviderOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.InputKind;
import io.datasynth.json.JsonFiles;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import io.datasynth.schema.SchemaReader;
import io.datasynth.text.Message;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private static final String SCHEMA_HELP =
      "serve records that fit this schema: a schema file, a combined file or a DataRecipe folder (instead of"
          + " --records)";

  @Option(names = "--schema", paramLabel = "PATH", description = SCHEMA_HELP)
  Path schema;

  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    if (help) {
      out().println(FakeProviderOptions.usage("--schema PATH", SCHEMA_HELP));
      out().flush();
      return ExitCode.OK;
    }
    FakeProvider fake;
    try {
      FakeProvider.Builder builder = FakeProviderOptions.parse(args.toArray(String[]::new)).toBuilder();
      if (schema != null) {
        builder.records(records(schema));
      }
      fake = builder.start();
    } catch (IllegalArgumentException e) {
      // The fake provider is a developer's tool: its own option errors are English, quoted as they are.
      throw new ConfigException(Message.of("error.fake_provider.options", e.getMessage()), e);
    } catch (UncheckedIOException e) {
      throw new RunFailedException(Message.of("error.fake_provider.start", e.getMessage()), e);
    }
    out().println("fake provider listening: anthropic " + fake.anthropicBaseUrl() + " openai "
        + fake.openAiBaseUrl());
    out().println("try: ANTHROPIC_BASE_URL=" + fake.anthropicBaseUrl() + " datasynth generate DIR -n 20"
        + (schema == null ? " (records fit an instruction/response schema; --schema DIR serves yours)" : ""));
    out().flush();
    Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-provider-shutdown"));
    new CountDownLatch(1).await();
    return ExitCode.OK;
  }

  private static SchemaRecords records(Path path) {
    if (Files.isDirectory(path) || !Files.isRegularFile(path)) {
      Inputs in = InputLoader.fromDataRecipe(path);
      return new SchemaRecords(in.schema(), in.seeds());
    }
    JsonNode root = JsonFiles.readJson(path, InputKind.SEEDS);
    if (root.path("schema").isObject()) {
      Inputs in = InputLoader.fromFiles(path, null, null);
      return new SchemaRecords(in.schema(), in.seeds());
    }
    return new SchemaRecords(SchemaReader.fromJson(root, path), List.of());
  }
}
