package io.datasynth.testkit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The command-line settings of a standalone fake provider, as plain values another module's CLI can fill.
 *
 * <p>Limits of 0 mean no limit; rates are fault probabilities in [0, 1]; {@code records} null means the default
 * counter of {@code {"instruction", "response"}} records.
 *
 * @param port the port on 127.0.0.1; 0 for any free one
 * @param apiKey the key clients must present; null to accept any
 * @param records a JSONL file of records to serve; null for the default counter
 * @param latencyMs base latency in milliseconds
 * @param jitterMs uniform jitter in milliseconds, added to the base
 * @param burstSeconds how many seconds' worth of each limit a bucket holds (60 = the whole minute)
 */
public record FakeProviderOptions(
    int port,
    String apiKey,
    Path records,
    int recordsPerReply,
    boolean countFromPrompt,
    long latencyMs,
    long jitterMs,
    long rpm,
    long itpm,
    long otpm,
    long tpm,
    double burstSeconds,
    long seed,
    double rate429,
    double rate500,
    double rate529,
    double rateMalformed,
    double rateTruncated,
    double rateDuplicates,
    double rateInvalid) {

  /** These options with the API key masked, so they can be logged. */
  @Override
  public String toString() {
    return "FakeProviderOptions[port=" + port + ", apiKey=" + (apiKey == null ? "none" : "***") + ", records="
        + records + ", recordsPerReply=" + recordsPerReply + ", countFromPrompt=" + countFromPrompt + ", latencyMs="
        + latencyMs + ", jitterMs=" + jitterMs + ", rpm=" + rpm + ", itpm=" + itpm + ", otpm=" + otpm + ", tpm="
        + tpm + ", burstSeconds=" + burstSeconds + ", seed=" + seed + ", rate429=" + rate429 + ", rate500="
        + rate500 + ", rate529=" + rate529 + ", rateMalformed=" + rateMalformed + ", rateTruncated="
        + rateTruncated + ", rateDuplicates=" + rateDuplicates + ", rateInvalid=" + rateInvalid + "]";
  }

  /** The options with nothing given: any port, no key, 5 records per reply, no latency, no limits, no faults. */
  public static FakeProviderOptions defaults() {
    return new FakeProviderOptions(0, null, null, 5, false, 0, 0, 0, 0, 0, 0, 60, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * A builder configured from these options, to start or adjust further.
   *
   * @throws IllegalArgumentException when a rate is not a probability or the records file is not JSONL
   */
  public FakeProvider.Builder toBuilder() {
    requireProbability("--rate-429", rate429);
    requireProbability("--rate-500", rate500);
    requireProbability("--rate-529", rate529);
    requireProbability("--rate-malformed", rateMalformed);
    requireProbability("--rate-truncated", rateTruncated);
    requireProbability("--rate-duplicates", rateDuplicates);
    requireProbability("--rate-invalid", rateInvalid);
    FaultScript faults =
        FaultScript.random(seed)
            .rateLimited(rate429)
            .serverError(rate500)
            .overloaded(rate529)
            .malformedBody(rateMalformed)
            .truncated(rateTruncated)
            .duplicates(rateDuplicates)
            .invalidRecords(rateInvalid);
    FakeProvider.Builder builder =
        FakeProvider.builder()
            .seed(seed)
            .port(port)
            .apiKey(apiKey)
            .recordsPerReply(recordsPerReply)
            .countFromPrompt(countFromPrompt)
            .latency(Duration.ofMillis(latencyMs), Duration.ofMillis(jitterMs))
            .requestsPerMinute(rpm)
            .inputTokensPerMinute(itpm)
            .outputTokensPerMinute(otpm)
            .tokensPerMinute(tpm)
            .burstSeconds(burstSeconds)
            .faults(faults);
    if (records != null) {
      builder.records(RecordSource.fromJsonl(records));
    }
    return builder;
  }

  private static void requireProbability(String option, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(option + " is " + rate + "; use a probability between 0 and 1");
    }
  }

  /**
   * Parses {@code --name value} and {@code --name=value} arguments over the {@linkplain #defaults() defaults}.
   *
   * @throws IllegalArgumentException naming the bad option and what it takes
   */
  public static FakeProviderOptions parse(String... args) {
    return OptionParser.parse(args);
  }

  /** The options' help text, one per line. */
  public static String usage() {
    return OptionParser.USAGE;
  }
}
