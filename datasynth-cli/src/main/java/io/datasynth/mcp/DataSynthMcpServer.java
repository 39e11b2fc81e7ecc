package io.datasynth.mcp;

import io.datasynth.secret.Redactor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasynth.api.Version;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.ProviderSettings;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.server.HmacRequestStateCodec;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.transport.StdioMcpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DataSynth's MCP server: the official MCP Java SDK over stdio, offering five tools over the same
 * {@link io.datasynth.api.DataSynthesizer} API the command line uses, in both protocol eras ({@link ProtocolEra}:
 * the SDK's 2025 server after {@code initialize}, its 2026-07-28 server after {@code server/discover}). Every line
 * goes through the {@link JsonRpcGate} first. Paths are fenced into one root folder ({@link PathGuard}, and the
 * library's files into it by {@link io.datasynth.sink.FileGuard}); API keys come only from the server's environment
 * and never appear in a result.
 *
 * <p>{@link #serve} blocks until the client closes standard input, then stops running generations, waits briefly
 * for calls in flight and their answers, and returns; the caller exits the process. Logs go to stderr only.
 */
public final class DataSynthMcpServer {
  private static final Logger LOG = LoggerFactory.getLogger(DataSynthMcpServer.class);
  /** How long requests the SDK took but no tool is working on may stay unanswered after the input closed. */
  private static final Duration UNANSWERED_GRACE = Duration.ofSeconds(2);

  private final PathGuard guard;
  private final Map<String, String> env;
  private final Function<ProviderSettings, LlmClient> clients;
  private final Duration stopGrace;
  private final Duration abortGrace;
  private final LongSupplier nanoTime;

  private DataSynthMcpServer(Builder b) {
    this.guard = PathGuard.of(Objects.requireNonNull(b.root, "root"));
    this.env = Map.copyOf(b.env);
    this.clients = b.clients;
    this.stopGrace = b.stopGrace;
    this.abortGrace = b.abortGrace;
    this.nanoTime = System::nanoTime;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The root every path argument must lie in (a real path). */
  public Path root() {
    return guard.root();
  }

  /**
   * Serves one client over these streams until {@code in} ends.
   *
   * @param in the client's messages (the process's standard input)
   * @param out the protocol channel (the process's standard output); nothing else may write to it
   */
  public void serve(InputStream in, OutputStream out) {
    ObjectMapper objectMapper = new ObjectMapper();
    McpJsonMapper mapper = new JacksonMcpJsonMapper(objectMapper);
    Cancellations cancellations = new Cancellations(mapper, Set.of(SynthesizeDataTool.NAME));
    OutputLocks locks = new OutputLocks();
    McpText words = new McpText(io.datasynth.text.UiLocale.of(env));
    ToolRegistry registry = new ToolRegistry(List.of(
        new PrepareSynthesisTool(guard, env),
        new ParseSynthesisResultTool(guard, locks, words),
        new SynthesizeDataTool(guard, env, locks, cancellations, clients, nanoTime),
        new EstimateSynthesisCostTool(guard, env),
        new ValidateDataTool(guard, words)), Redactor.of(env), words);
    OpenRequests requests = new OpenRequests(objectMapper);
    ClientOutput output = new ClientOutput(out, requests::send);
    LOG.info("DataSynth MCP server {} serving on stdio; root {}", Version.get(), guard.root());
    if (!FileNames.unicode()) {
      LOG.warn("file names are {} here, so paths with non-ASCII names (e.g. 04_复刻指南) will fail; {}",
          FileNames.encoding(), FileNames.advice());
    }
    ProtocolEra.Decision era;
    try {
      era = ProtocolEra.probe(in, objectMapper, ClientInput.MAX_LINE_BYTES);
    } catch (IOException e) {
      LOG.warn("reading standard input failed ({}); shutting down", e.getMessage());
      return;
    }
    JsonRpcGate gate = new JsonRpcGate(objectMapper, registry.names(), era.era());
    ClientInput input = new ClientInput(era.input(), mapper, gate, output::inject, m -> {
      requests.received(m);
      cancellations.observe(m);
    });
    Runnable close;
    if (era.era() == ProtocolEra.MODERN) {
      LOG.info("the client speaks MCP {}", io.modelcontextprotocol.modern.McpSchema.LATEST_PROTOCOL_VERSION);
      StdioMcpTransport transport = new StdioMcpTransport(modernServer(registry, mapper, objectMapper), mapper,
          input, output, ClientInput.MAX_LINE_BYTES);
      transport.start().subscribe(v -> { }, e -> LOG.warn("the stdio transport ended: {}", e.toString()));
      close = () -> {
        try {
          transport.closeGracefully().block(stopGrace.plus(abortGrace));
        } catch (RuntimeException e) {
          // Shutting down anyway: a transport that does not close in time is left to the process's exit.
          LOG.info("the stdio transport did not close cleanly: {}", e.toString());
        }
      };
    } else {
      McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper, input, output))
          .serverInfo("datasynth", Version.get())
          .instructions(instructions())
          .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
          .jsonMapper(mapper)
          .jsonSchemaValidator(new DefaultJsonSchemaValidator(objectMapper))
          .validateToolInputs(true)
          .tools(registry.specifications())
          .build();
      close = server::close;
    }
    input.closed().join();
    shutDown(registry, cancellations, requests);
    input.release();
    close.run();
  }

  /** The SDK's server of the 2026-07-28 protocol, with the same tools. */
  private io.modelcontextprotocol.modern.server.McpServer modernServer(ToolRegistry registry, McpJsonMapper mapper,
      ObjectMapper objectMapper) {
    return io.modelcontextprotocol.modern.server.McpServer.builder()
        .serverInfo(io.modelcontextprotocol.modern.McpSchema.Implementation.builder("datasynth", Version.get())
            .title("DataSynth").build())
        .instructions(instructions())
        .jsonMapper(mapper)
        // Sealed request state never leaves this one process (one client over stdio): a key of its own is right.
        .requestStateCodec(HmacRequestStateCodec.builder().key(randomKey()).jsonMapper(mapper).build())
        .feature(ToolsFeature.ofSync(new ModernTools(registry, toolThreads()), mapper,
            new DefaultJsonSchemaValidator(objectMapper), 0,
            io.modelcontextprotocol.modern.McpSchema.CacheScope.PRIVATE))
        .build();
  }

  /**
   * The client closed its end: stop generations at once (their records are journaled), then wait until every tool
   * call has returned (also cancelled ones, which write their output) and every request the SDK took has been
   * answered, aborting generations that take too long to stop. Requests that will never be answered are given up
   * once no tool is running.
   */
  private void shutDown(ToolRegistry registry, Cancellations cancellations, OpenRequests requests) {
    cancellations.stopAll();
    long start = nanoTime.getAsLong();
    boolean aborted = false;
    while (requests.count() > 0 || registry.inFlight() > 0) {
      long waited = nanoTime.getAsLong() - start;
      if (registry.inFlight() == 0 && waited > UNANSWERED_GRACE.toNanos()) {
        LOG.info("input closed; {} requests left unanswered", requests.count());
        break;
      }
      if (!aborted && waited > stopGrace.toNanos()) {
        LOG.info("input closed; generations still running after {} s are aborted", stopGrace.toSeconds());
        cancellations.abortAll();
        aborted = true;
      }
      if (waited > stopGrace.plus(abortGrace).toNanos()) {
        break;
      }
      sleep(10);
    }
  }

  /** Daemon threads named for what they run: a stuck call never keeps the process alive after shutdown. */
  private static ThreadFactory toolThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "datasynth-tool-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String instructions() {
    return "DataSynth generates validated, deduplicated synthetic training records from a schema and seed "
        + "examples. Paths are relative to the server's root folder. Without an API key use interactive mode: "
        + "prepare_synthesis gives a prompt, you answer it, parse_synthesis_result stores the records. With the "
        + "server's API key, synthesize_data runs the whole job (estimate_synthesis_cost first). validate_data "
        + "checks a dataset file against a schema.";
  }

  /** Collects the server's settings; only the root is required. */
  public static final class Builder {
    private Path root;
    private Map<String, String> env = System.getenv();
    private Function<ProviderSettings, LlmClient> clients = SynthesizeDataTool.httpClients();
    private Duration stopGrace = Duration.ofSeconds(5);
    private Duration abortGrace = Duration.ofSeconds(2);

    private Builder() {}

    /** The folder every path argument must lie in; must exist. */
    public Builder root(Path v) {
      root = v;
      return this;
    }

    /** Where keys and base URLs come from; defaults to the process environment. */
    public Builder env(Map<String, String> v) {
      env = Objects.requireNonNull(v);
      return this;
    }

    /** How provider clients are made; defaults to HTTP clients. */
    public Builder clients(Function<ProviderSettings, LlmClient> v) {
      clients = Objects.requireNonNull(v);
      return this;
    }

    /** How long generations may take to stop after the input closed before they are aborted. */
    public Builder stopGrace(Duration v) {
      stopGrace = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Builds the server.
     *
     * @throws IllegalArgumentException when the root is not an existing folder
     */
    public DataSynthMcpServer build() {
      return new DataSynthMcpServer(this);
    }
  }
}
