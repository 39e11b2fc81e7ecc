package io.datasynth.testkit;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake LLM provider: an HTTP server on 127.0.0.1 that speaks the Anthropic Messages API and the OpenAI Chat
 * Completions API (whole replies and streams), refuses what the real APIs refuse per its {@link ModelRules},
 * answers with records from a {@link RecordSource}, injects faults from a seeded {@link FaultScript}, enforces rate
 * limits as token buckets, and records every request. See the package documentation for the rules.
 *
 * <pre>{@code
 * try (FakeProvider fake = FakeProvider.builder().seed(42).requestsPerMinute(600).start()) {
 *   URI messages = URI.create(fake.anthropicBaseUrl() + "/v1/messages"); // e.g. model claude-sonnet-5-5
 *   URI chat = URI.create(fake.openAiBaseUrl() + "/chat/completions");
 *   ...
 *   assertThat(fake.earlyRetries()).isZero();
 * }
 * }</pre>
 *
 * <p>Thread-safe; holds no static state, so any number of fakes can run in one JVM. (Starting one does set the
 * JDK HTTP server's {@code sun.net.httpserver.nodelay} property to true unless it was set, so responses are not
 * delayed by Nagle's algorithm.) Rate limits are per fake and per style (one set of buckets for each style, not
 * per key); the fault index counts completion requests that passed authentication and validation.
 */
public final class FakeProvider implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeProvider.class);

  private final RequestLog log;
  private final FakeServer server;

  private FakeProvider(Settings settings, BatchLimits limits, boolean keepRequests) {
    log = new RequestLog(keepRequests);
    server = new FakeServer(settings, log, limits);
    LOG.info("fake provider listening on {} with {}", anthropicBaseUrl(), settings.faults());
  }

  /**
   * A builder with the defaults: seed 0, no key, the bundled model rules, 5 records per reply, no reasoning tokens,
   * no latency, no limits, no faults, no hostile behaviour.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL Anthropic clients take, e.g. {@code http://127.0.0.1:PORT}; they append {@code /v1/messages}. */
  public String anthropicBaseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The base URL OpenAI clients take, {@code http://127.0.0.1:PORT/v1}; they append {@code /chat/completions}. */
  public String openAiBaseUrl() {
    return anthropicBaseUrl() + "/v1";
  }

  /** The port the fake listens on. */
  public int port() {
    return server.port();
  }

  /** The finished requests in arrival order (dropped and hanging ones as soon as they are dropped); immutable. */
  public List<RecordedRequest> requests() {
    return log.snapshot();
  }

  /** The number of finished requests. */
  public long totalRequests() {
    return requests().size();
  }

  /** The number of finished requests answered with {@code status} (0: closed without a response). */
  public long count(int status) {
    return requests().stream().filter(r -> r.status() == status).count();
  }

  /** The number of 429 responses, scripted or from the buckets. */
  public long rateLimited() {
    return count(429);
  }

  /** The number of requests that arrived before a retry-after announced to their API key had elapsed. */
  public long earlyRetries() {
    return requests().stream().filter(RecordedRequest::earlyRetry).count();
  }

  /** The complete records sent in replies (duplicates and invalid records included). */
  public long recordsServed() {
    return requests().stream().mapToLong(RecordedRequest::recordsSent).sum();
  }

  /**
   * Ends every batch of both APIs now, as if its last item had just finished (items drawn to expire expire;
   * canceled batches end as canceled): the "finish now" hook for tests that must not wait.
   */
  public void finishBatches() {
    server.finishBatches();
  }

  /** The batches created so far (Anthropic Message Batches and OpenAI batches), refused ones not counted. */
  public long batchesCreated() {
    return server.batchesCreated();
  }

  /** The requests submitted in batches so far (all items of every created batch that passed validation). */
  public long batchItemsSubmitted() {
    return server.batchItemsSubmitted();
  }

  /** Whether the fake accepts connections now: false while a connection-refused {@link Outage} is on. */
  public boolean listening() {
    return server.listening();
  }

  /** The requests being handled right now, including ones sleeping for latency or hanging. */
  public int inFlight() {
    return server.inFlight();
  }

  /**
   * Forgets the finished requests, so counters start again from zero. Rate-limit buckets, announced retry-after
   * windows, the fault index and the record sources keep their state.
   */
  public void reset() {
    log.clear();
  }

  /** Stops listening, ends hanging and sleeping requests at once, and closes all connections. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  /** Configures and starts a {@link FakeProvider}. Not thread-safe; use one builder per thread. */
  public static final class Builder {
    private long seed;
    private String apiKey;
    private List<String> models = List.of();
    private RecordSource records;
    private int recordsPerReply = 5;
    private boolean countFromPrompt;
    private ReplyStyle replyStyle = ReplyStyle.FENCED_ARRAY;
    private Duration latency = Duration.ZERO;
    private Duration jitter = Duration.ZERO;
    private Jitter jitterDistribution = Jitter.UNIFORM;
    private Duration outputTokenDelay = Duration.ZERO;
    private long rpm;
    private long itpm;
    private long otpm;
    private long tpm;
    private double burstSeconds = 60;
    private FaultScript faults = FaultScript.none();
    private InstantSource clock;
    private int port;
    private int maxThreads = 512;
    private int defaultMaxTokens = 4096;
    private boolean keepRequests = true;
    private ModelRules modelRules;
    private int reasoningTokens;
    private int trickleBytesPerSecond;
    private boolean endlessBody;
    private boolean htmlLoginPage;
    private KeyEcho keyEcho = KeyEcho.NONE;
    private boolean rateLimitHeaders = true;
    private int nonStreamingMaxTokens;
    private final java.util.List<Shaping.Skew> skews = new java.util.ArrayList<>();
    private double echoSeedRate;
    private boolean honourFixedFields = true;
    private JudgeScorer judge = JudgeScorer.seededFromRubric();
    private double structuredViolationRate;
    private Duration batchDuration = Duration.ZERO;
    private Duration batchCancelDelay = Duration.ZERO;
    private double batchExpireRate;
    private double batchErrorRate;
    private boolean shuffleBatchResults = true;
    private long batchPollsPerMinute;
    private Outage outage;
    private BatchLimits batchLimits = BatchLimits.DOCUMENTED;

    private Builder() {}

    /** Lowers the documented batch size limits, so tests need not send hundreds of megabytes. */
    Builder batchLimits(BatchLimits limits) {
      this.batchLimits = Objects.requireNonNull(limits, "batchLimits");
      return this;
    }

    /**
     * Lowers the most requests one batch may hold (documented: 100,000 for Anthropic, 50,000 for OpenAI), so that
     * client tests can see a batch over the limit refused, and their work split, without sending thousands.
     */
    public Builder batchRequestLimits(int anthropicRequests, int openAiRequests) {
      BuilderChecks.check(anthropicRequests, "anthropicRequests", 1, 100_000, "give 1 to 100,000");
      BuilderChecks.check(openAiRequests, "openAiRequests", 1, 50_000, "give 1 to 50,000");
      return batchLimits(new BatchLimits(anthropicRequests, batchLimits.anthropicBytes(), openAiRequests,
          batchLimits.openAiFileBytes()));
    }

    /** The seed of records, latency jitter and ids (the fault script has its own). Default 0. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The key clients must present ({@code x-api-key} / {@code Bearer}); null (the default) accepts any. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * The only models accepted (others get 404, as the real APIs answer an unknown model). A listed model that no
     * rule family describes gets the style's lenient custom rules (an OpenAI- or Anthropic-compatible server's own
     * model name). None (the default): any model the {@linkplain #modelRules rules} know, and only those.
     */
    public Builder models(String... models) {
      this.models = List.of(models);
      return this;
    }

    /** The per-model rules requests are held to; default {@link ModelRules#bundled()}. */
    public Builder modelRules(ModelRules rules) {
      this.modelRules = Objects.requireNonNull(rules, "modelRules");
      return this;
    }

    /**
     * Hidden reasoning tokens each reply spends where the model thinks (Anthropic: manual or adaptive thinking, or
     * a model that thinks by default) or reasons (OpenAI reasoning models with an effort other than none). They
     * count against {@code max_tokens} / {@code max_completion_tokens} before the text and are billed as output;
     * Anthropic replies carry a {@code thinking} block. Default 0.
     */
    public Builder reasoningTokens(int reasoningTokens) {
      this.reasoningTokens = reasoningTokens;
      return this;
    }

    /** After the headers, send every body this many bytes per second (a trickling server); 0 (default) at once. */
    public Builder trickleBody(int bytesPerSecond) {
      this.trickleBytesPerSecond = bytesPerSecond;
      return this;
    }

    /** Answer completions with a 200 whose chunked JSON body never ends (until the client hangs up). */
    public Builder endlessBody(boolean endlessBody) {
      this.endlessBody = endlessBody;
      return this;
    }

    /** Answer every request with a 200 HTML login page, as an intercepting proxy does. */
    public Builder htmlLoginPage(boolean htmlLoginPage) {
      this.htmlLoginPage = htmlLoginPage;
      return this;
    }

    /**
     * Answer every completion with a 401 whose message (and {@code x-echoed-api-key} header) quotes the presented
     * key; default {@link KeyEcho#NONE}.
     */
    public Builder echoKey(KeyEcho keyEcho) {
      this.keyEcho = Objects.requireNonNull(keyEcho, "keyEcho");
      return this;
    }

    /**
     * Whether responses carry rate-limit and retry-after headers (default true). False sends none at all, as local
     * servers do, while the configured limits still answer 429.
     */
    public Builder rateLimitHeaders(boolean rateLimitHeaders) {
      this.rateLimitHeaders = rateLimitHeaders;
      return this;
    }

    /**
     * Anthropic requests that do not stream and ask for more {@code max_tokens} than this get 504
     * {@code timeout_error}, as a non-streaming request that runs past the API's time limit ends; 0 (default) for
     * no limit. The official SDKs refuse non-streaming calls above 21,333 (expected to run past 10 minutes).
     */
    public Builder nonStreamingMaxTokens(int maxTokens) {
      this.nonStreamingMaxTokens = maxTokens;
      return this;
    }

    /**
     * Makes {@code field} take {@code value} in a {@code fraction} of the records that have it (e.g. 0.8 of them
     * {@code "查询物流"}), for balancing tests; call once per field. The value is JSON ({@code "\"a\""}, {@code 3},
     * {@code true}) or, when it does not parse as JSON, a string.
     */
    public Builder skew(String field, String value, double fraction) {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(value, "value");
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("skew of " + field + " is " + fraction + "; use a fraction between 0 and 1"
            + " (--skew FIELD=VALUE:FRACTION)");
      }
      com.fasterxml.jackson.databind.JsonNode parsed = PromptJson.read(value);
      skews.add(new Shaping.Skew(field, parsed != null && parsed.isValueNode() ? parsed
          : com.fasterxml.jackson.databind.node.TextNode.valueOf(value), fraction));
      return this;
    }

    /**
     * The probability that a record is replaced by one of the prompt's seed examples, verbatim (the JSON objects
     * in the prompt that share a field name with the records), to test a seed-copy guard. Default 0.
     */
    public Builder echoSeedRate(double rate) {
      this.echoSeedRate = rate;
      return this;
    }

    /**
     * Whether a {@code <fixed>{"field": value, …}</fixed>} JSON object in the prompt sets those fields on every
     * record of the reply, as an obedient model would (default true); false ignores it, to test a validator.
     */
    public Builder honourFixedFields(boolean honour) {
      this.honourFixedFields = honour;
      return this;
    }

    /** How judge requests are scored; default {@link JudgeScorer#seededFromRubric()}. */
    public Builder judge(JudgeScorer judge) {
      this.judge = Objects.requireNonNull(judge, "judge");
      return this;
    }

    /**
     * The probability that a record of a structured (JSON schema) reply breaks a rule the schema cannot state,
     * while still conforming to the schema: its first string without enum, const, pattern, format or minLength
     * becomes "" (else its first unbounded number becomes -999999), for repair tests. Default 0.
     */
    public Builder structuredViolationRate(double rate) {
      this.structuredViolationRate = rate;
      return this;
    }

    /**
     * How long after creation a batch (either API) ends, on the fake's clock; its items finish one by one in
     * between. Past 24 hours the batch expires at 24 hours. Default zero: a batch has ended the first time it is
     * looked at after its creation. {@link FakeProvider#finishBatches()} ends every batch at once.
     */
    public Builder batchDuration(Duration duration) {
      this.batchDuration = Objects.requireNonNull(duration, "batchDuration");
      return this;
    }

    /** How long a canceled batch stays {@code canceling} / {@code cancelling}; default zero (ends at the next look). */
    public Builder batchCancelDelay(Duration delay) {
      this.batchCancelDelay = Objects.requireNonNull(delay, "batchCancelDelay");
      return this;
    }

    /** The fraction of batch items that expire, seeded; default 0. */
    public Builder batchExpireRate(double rate) {
      this.batchExpireRate = rate;
      return this;
    }

    /** The fraction of batch items that end with a server error, seeded; default 0. */
    public Builder batchErrorRate(double rate) {
      this.batchErrorRate = rate;
      return this;
    }

    /** Whether batch results come in a seeded shuffled order (default true) or in request order. */
    public Builder shuffleBatchResults(boolean shuffle) {
      this.shuffleBatchResults = shuffle;
      return this;
    }

    /**
     * The most batch retrievals ({@code GET /v1/messages/batches/{id}}, {@code GET /v1/batches/{id}}) per minute,
     * per style; more get 429 with {@code retry-after}. Default 0: no limit.
     */
    public Builder batchPollsPerMinute(long polls) {
      this.batchPollsPerMinute = polls;
      return this;
    }

    /** When the fake fails every request, for circuit-breaker tests; default none. */
    public Builder outage(Outage outage) {
      this.outage = Objects.requireNonNull(outage, "outage");
      return this;
    }

    /** Where replies get records; default a counter of {@code {"instruction", "response"}} records. */
    public Builder records(RecordSource records) {
      this.records = Objects.requireNonNull(records, "records");
      return this;
    }

    /** Records per reply (default 5), unless {@link #countFromPrompt} finds a count in the prompt. */
    public Builder recordsPerReply(int recordsPerReply) {
      this.recordsPerReply = recordsPerReply;
      return this;
    }

    /**
     * Whether to reply with the count the prompt asks for: the last number after "Generate", "generate" or
     * "生成" (e.g. "Generate exactly 7 records", "生成 7 条"). Default off.
     */
    public Builder countFromPrompt(boolean countFromPrompt) {
      this.countFromPrompt = countFromPrompt;
      return this;
    }

    /** How replies lay out their records; default {@link ReplyStyle#FENCED_ARRAY}. */
    public Builder replyStyle(ReplyStyle replyStyle) {
      this.replyStyle = Objects.requireNonNull(replyStyle, "replyStyle");
      return this;
    }

    /** Each reply takes {@code base} plus a random part of up to (or, exponential, on average) {@code jitter}. */
    public Builder latency(Duration base, Duration jitter) {
      this.latency = Objects.requireNonNull(base, "base latency");
      this.jitter = Objects.requireNonNull(jitter, "jitter");
      return this;
    }

    /** The distribution of the latency jitter; default {@link Jitter#UNIFORM}. */
    public Builder jitterDistribution(Jitter distribution) {
      this.jitterDistribution = Objects.requireNonNull(distribution, "jitter distribution");
      return this;
    }

    /** Extra latency per output token, to mimic generation speed. Default zero. */
    public Builder outputTokenDelay(Duration perToken) {
      this.outputTokenDelay = Objects.requireNonNull(perToken, "outputTokenDelay");
      return this;
    }

    /** Requests per minute, both styles; 0 (the default) for no limit. */
    public Builder requestsPerMinute(long rpm) {
      this.rpm = rpm;
      return this;
    }

    /** Anthropic input tokens per minute; 0 (the default) for no limit. */
    public Builder inputTokensPerMinute(long itpm) {
      this.itpm = itpm;
      return this;
    }

    /** Anthropic output tokens per minute, with {@code max_tokens} reserved while a request runs; 0 for none. */
    public Builder outputTokensPerMinute(long otpm) {
      this.otpm = otpm;
      return this;
    }

    /** OpenAI tokens per minute (prompt plus output budget while a request runs); 0 for none. */
    public Builder tokensPerMinute(long tpm) {
      this.tpm = tpm;
      return this;
    }

    /** How many seconds' worth of each limit a bucket holds; default 60 (the whole per-minute limit). */
    public Builder burstSeconds(double burstSeconds) {
      this.burstSeconds = burstSeconds;
      return this;
    }

    /** The faults to inject; default {@link FaultScript#none()}. */
    public Builder faults(FaultScript faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /** The clock of buckets, retry-after windows and timestamps; default real time. Latency always sleeps. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The most requests handled at once (more wait in a queue); default 512. */
    public Builder maxThreads(int maxThreads) {
      this.maxThreads = maxThreads;
      return this;
    }

    /** The OpenAI output budget when a request sets neither max_tokens nor max_completion_tokens; default 4096. */
    public Builder defaultMaxTokens(int defaultMaxTokens) {
      this.defaultMaxTokens = defaultMaxTokens;
      return this;
    }

    /**
     * Whether every finished request is kept for {@link FakeProvider#requests} and the counters; default true. A
     * standalone fake that nobody asks turns it off, so that serving millions of requests does not cost it some 250
     * bytes of memory each; {@link FakeProvider#requests} is then always empty.
     */
    public Builder keepRequests(boolean keep) {
      this.keepRequests = keep;
      return this;
    }

    /**
     * Starts the fake.
     *
     * @throws IllegalArgumentException naming the setting, its value and the fix, when a setting cannot work
     * @throws UncheckedIOException when the port cannot be bound
     */
    public FakeProvider start() {
      return new FakeProvider(settings(), batchLimits, keepRequests);
    }

    Settings settings() {
      BuilderChecks.check(this.port, "port", 0, 65_535, "use 0 (any free port) or 1-65535 (--port)");
      BuilderChecks.check(recordsPerReply, "recordsPerReply", 1, Replies.MAX_RECORDS_PER_REPLY,
          "set it between 1 and " + Replies.MAX_RECORDS_PER_REPLY + " (--records-per-reply)");
      BuilderChecks.check(maxThreads, "maxThreads", 1, 10_000, "set it between 1 and 10000");
      BuilderChecks.check(defaultMaxTokens, "defaultMaxTokens", 1, Integer.MAX_VALUE, "set it to at least 1");
      BuilderChecks.check(reasoningTokens, "reasoningTokens", 0, Integer.MAX_VALUE,
          "set it to 0 or more (--reasoning-tokens)");
      BuilderChecks.check(trickleBytesPerSecond, "trickleBody", 0, Integer.MAX_VALUE,
          "set a positive number of bytes per second, or 0 to send bodies at once (--trickle-bytes-per-second)");
      BuilderChecks.check(nonStreamingMaxTokens, "nonStreamingMaxTokens", 0, Integer.MAX_VALUE,
          "set a positive max_tokens, or 0 for no limit (--non-streaming-max-tokens)");
      BuilderChecks.notNegative(latency, "latency", "--latency-ms");
      BuilderChecks.notNegative(jitter, "jitter", "--jitter-ms");
      BuilderChecks.notNegative(outputTokenDelay, "outputTokenDelay", "");
      BuilderChecks.limit(rpm, "requestsPerMinute", "--rpm");
      BuilderChecks.limit(itpm, "inputTokensPerMinute", "--itpm");
      BuilderChecks.limit(otpm, "outputTokensPerMinute", "--otpm");
      BuilderChecks.limit(tpm, "tokensPerMinute", "--tpm");
      if (!(burstSeconds > 0 && burstSeconds <= 60)) {
        throw new IllegalArgumentException(
            "burstSeconds is " + burstSeconds + "; set it above 0 and at most 60 (--burst-seconds)");
      }
      BuilderChecks.rate(echoSeedRate, "echoSeedRate", "--echo-seed-rate");
      BuilderChecks.rate(structuredViolationRate, "structuredViolationRate", "--structured-violation-rate");
      BuilderChecks.rate(batchExpireRate, "batchExpireRate", "--batch-expire-rate");
      BuilderChecks.rate(batchErrorRate, "batchErrorRate", "--batch-error-rate");
      BuilderChecks.rate(batchExpireRate + batchErrorRate, "batchExpireRate + batchErrorRate",
          "--batch-expire-rate, --batch-error-rate");
      BuilderChecks.notNegative(batchDuration, "batchDuration", "--batch-seconds");
      BuilderChecks.notNegative(batchCancelDelay, "batchCancelDelay", "--batch-cancel-seconds");
      BuilderChecks.limit(batchPollsPerMinute, "batchPollsPerMinute", "--batch-polls-per-minute");
      BuilderChecks.key(apiKey);
      BuilderChecks.models(models);
      Latency delay =
          new Latency(latency, jitter, jitterDistribution, outputTokenDelay, faults.slowFactor(), faults.slowAtLeast());
      Hostility hostility =
          new Hostility(
              trickleBytesPerSecond, endlessBody, htmlLoginPage, keyEcho, rateLimitHeaders, nonStreamingMaxTokens);
      return new Settings(
          seed, apiKey == null ? null : RequestLog.fingerprint(apiKey), models,
          modelRules != null ? modelRules : ModelRules.bundled(), reasoningTokens,
          records != null ? records : CounterSource.instructionResponse(), recordsPerReply, countFromPrompt,
          replyStyle, delay, rpm, itpm, otpm, tpm, burstSeconds, faults, clock, port, maxThreads, defaultMaxTokens,
          hostility, new Shaping(List.copyOf(skews), echoSeedRate, honourFixedFields), judge, structuredViolationRate,
          new BatchSettings(batchDuration, batchCancelDelay, batchExpireRate, batchErrorRate, shuffleBatchResults,
              batchPollsPerMinute),
          outage);
    }
  }
}
