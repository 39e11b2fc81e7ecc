package io.datasynth.cli;

import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.DoctorReport;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.error.ConfigException;
import io.datasynth.json.Json;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.http.LoggingTransport;
import io.datasynth.provider.LlmClients;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;

/** {@code doctor}: whether a run would work, from a few tiny requests, before a big job. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check the key, the model and the endpoint before a big job: sends a few tiny requests (their "
        + "worst-case cost is shown first) and reports what the endpoint accepts, its rate limits and the "
        + "prompt-cache minimum. Never prints the key.",
        "Exit 0 when a run would work, 1 otherwise."})
final class DoctorCommand extends BaseCommand {
  @Option(names = {"-p", "--provider"}, paramLabel = "NAME",
      description = "anthropic or openai (any OpenAI-compatible server with --base-url; default: anthropic).")
  String provider;

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
      description = "Model id (default: " + SynthesisConfig.DEFAULT_ANTHROPIC_MODEL + " for anthropic, "
          + SynthesisConfig.DEFAULT_OPENAI_MODEL + " for openai).")
  String model;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "API base URL (default: ANTHROPIC_BASE_URL / OPENAI_BASE_URL, else the public API).")
  String baseUrl;

  @Option(names = "--api-key-env", paramLabel = "VAR",
      description = "Environment variable holding the key (default: ANTHROPIC_API_KEY / OPENAI_API_KEY).")
  String apiKeyEnv;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit per request (default: 30).")
  double timeout = 30;

  @Option(names = "--models", paramLabel = "FILE", description = "Model-profile file tried before the bundled one.")
  Path models;

  @Option(names = "--prices", paramLabel = "FILE", description = "Price file overriding the bundled prices.")
  Path prices;

  @Option(names = "--json", description = "Print the report as one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() {
    SynthesisConfig.Builder b = SynthesisConfig.builder().model(model).baseUrl(baseUrl).apiKeyVariable(apiKeyEnv)
        .models(models).prices(prices);
    if (provider != null) {
      b.provider(ProviderKind.parse(provider).orElseThrow(() -> new ConfigException(Setting.PROVIDER,
          Message.of("error.value.unknown", Setting.PROVIDER, provider, "anthropic, openai"))));
    }
    if (!(timeout > 0) || timeout > 3600) {
      throw new ConfigException(Setting.TIMEOUT, Message.of("error.doctor.timeout", Setting.TIMEOUT,
          String.valueOf(timeout)));
    }
    SynthesisConfig config = b.requestTimeout(Duration.ofMillis((long) (timeout * 1000))).build();
    CliText text = context().text();
    DataSynthesizer synth = DataSynthesizer.builder().config(config).env(context().env())
        .clients(s -> LlmClients.create(s, t -> common.verbose ? new LoggingTransport(t) : t)).build();
    err().println(text.text("cli.doctor.checking", config.provider().id(), config.model()));
    DoctorReport report = synth.doctor(m -> {
      err().println(text.render(m));
      err().flush();
    });
    if (json) {
      out().println(Json.compact(toJson(report, text)));
    } else {
      out().println(text.text("cli.doctor.endpoint", report.endpoint().isEmpty() ? text.text("cli.doctor.not_reached")
          : report.endpoint()));
      for (DoctorReport.Check c : report.checks()) {
        String mark = switch (c.status()) {
          case OK -> "✓";
          case WARNING -> "!";
          case FAILED -> "✗";
        };
        out().println(text.text("cli.doctor.check", mark, text.text(topicKey(c.topic())),
            text.render(c.detail())));
        if (c.fix() != null) {
          out().println(text.text("cli.doctor.fix", text.render(c.fix())));
        }
      }
      out().println(text.text(report.runWouldWork() ? "cli.doctor.would_work" : "cli.doctor.would_fail"));
    }
    out().flush();
    return report.runWouldWork() ? ExitCode.OK : ExitCode.FAILED;
  }

  private static String topicKey(DoctorReport.Topic t) {
    return switch (t) {
      case KEY -> "cli.doctor.topic.key";
      case MODEL_PROFILE -> "cli.doctor.topic.model_profile";
      case PRICE -> "cli.doctor.topic.price";
      case REQUEST -> "cli.doctor.topic.request";
      case STREAMING -> "cli.doctor.topic.streaming";
      case SAMPLING -> "cli.doctor.topic.sampling";
      case STRUCTURED_OUTPUT -> "cli.doctor.topic.structured_output";
      case RATE_LIMITS -> "cli.doctor.topic.rate_limits";
      case PROMPT_CACHE -> "cli.doctor.topic.prompt_cache";
    };
  }

  private static ObjectNode toJson(DoctorReport r, CliText text) {
    ObjectNode o = Json.object();
    o.put("provider", r.provider());
    o.put("model", r.model());
    o.put("endpoint", r.endpoint());
    o.put("run_would_work", r.runWouldWork());
    var checks = o.putArray("checks");
    for (DoctorReport.Check c : r.checks()) {
      ObjectNode j = checks.addObject();
      j.put("topic", c.topic().name().toLowerCase(Locale.ROOT));
      j.put("status", c.status().name().toLowerCase(Locale.ROOT));
      j.put("detail", text.render(c.detail()));
      if (c.fix() != null) {
        j.put("fix", text.render(c.fix()));
      }
    }
    return o;
  }
}
