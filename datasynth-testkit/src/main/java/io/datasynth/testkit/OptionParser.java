package io.datasynth.testkit;

import java.nio.file.Path;

/** Parses the standalone fake provider's arguments into {@link FakeProviderOptions}. */
final class OptionParser {
  static final String USAGE =
      String.join(
          "\n",
          "Usage: fake-provider [options]",
          "  --port N              port on 127.0.0.1 (default 0: any free port)",
          "  --api-key KEY         key clients must send (default: accept any)",
          "  --records FILE.jsonl  records to serve (default: numbered instruction/response records)",
          "  --records-per-reply N records per reply (default 5)",
          "  --count-from-prompt   reply with the count after 'Generate'/'生成' in the prompt",
          "  --latency-ms N        base latency (default 0)",
          "  --jitter-ms N         uniform jitter added to the latency (default 0)",
          "  --rpm N               requests per minute (default 0: no limit)",
          "  --itpm N              Anthropic input tokens per minute",
          "  --otpm N              Anthropic output tokens per minute",
          "  --tpm N               OpenAI tokens per minute",
          "  --burst-seconds S     seconds' worth of each limit a bucket holds (default 60)",
          "  --seed N              seed of records, latency and faults (default 0)",
          "  --rate-429 P          probability of a scripted 429 (each rate in [0, 1], default 0)",
          "  --rate-500 P          probability of a 500",
          "  --rate-529 P          probability of a 529 (503 for OpenAI)",
          "  --rate-malformed P    probability of a body that is not JSON",
          "  --rate-truncated P    probability of a reply cut at max_tokens",
          "  --rate-duplicates P   probability of a reply repeating earlier records",
          "  --rate-invalid P      probability of a reply with invalid records",
          "  --help                print this help");

  private OptionParser() {}

  static FakeProviderOptions parse(String... args) {
    FakeProviderOptions d = FakeProviderOptions.defaults();
    int port = d.port();
    String apiKey = d.apiKey();
    Path records = d.records();
    int perReply = d.recordsPerReply();
    boolean countFromPrompt = d.countFromPrompt();
    long latencyMs = d.latencyMs();
    long jitterMs = d.jitterMs();
    long rpm = d.rpm();
    long itpm = d.itpm();
    long otpm = d.otpm();
    long tpm = d.tpm();
    double burst = d.burstSeconds();
    long seed = d.seed();
    double[] rates = new double[7];
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value = null;
      int equals = name.indexOf('=');
      if (name.startsWith("--") && equals > 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (name.equals("--count-from-prompt")) {
        countFromPrompt = value == null || Boolean.parseBoolean(value);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value; see --help");
        }
        value = args[++i];
      }
      try {
        switch (name) {
          case "--port" -> port = Integer.parseInt(value);
          case "--api-key" -> apiKey = value;
          case "--records" -> records = Path.of(value);
          case "--records-per-reply" -> perReply = Integer.parseInt(value);
          case "--latency-ms" -> latencyMs = Long.parseLong(value);
          case "--jitter-ms" -> jitterMs = Long.parseLong(value);
          case "--rpm" -> rpm = Long.parseLong(value);
          case "--itpm" -> itpm = Long.parseLong(value);
          case "--otpm" -> otpm = Long.parseLong(value);
          case "--tpm" -> tpm = Long.parseLong(value);
          case "--burst-seconds" -> burst = Double.parseDouble(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--rate-429" -> rates[0] = Double.parseDouble(value);
          case "--rate-500" -> rates[1] = Double.parseDouble(value);
          case "--rate-529" -> rates[2] = Double.parseDouble(value);
          case "--rate-malformed" -> rates[3] = Double.parseDouble(value);
          case "--rate-truncated" -> rates[4] = Double.parseDouble(value);
          case "--rate-duplicates" -> rates[5] = Double.parseDouble(value);
          case "--rate-invalid" -> rates[6] = Double.parseDouble(value);
          default -> throw new IllegalArgumentException("unknown option " + name + "; see --help");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " takes a number, got '" + value + "'; see --help", e);
      }
    }
    return new FakeProviderOptions(
        port, apiKey, records, perReply, countFromPrompt, latencyMs, jitterMs, rpm, itpm, otpm, tpm, burst, seed,
        rates[0], rates[1], rates[2], rates[3], rates[4], rates[5], rates[6]);
  }
}
