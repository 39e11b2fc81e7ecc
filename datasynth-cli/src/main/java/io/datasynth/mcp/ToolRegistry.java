package io.datasynth.mcp;

import io.datasynth.secret.Redactor;
import io.datasynth.error.DataSynthException;
import io.datasynth.json.Json;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's tools as the SDK takes them. Every call goes through one wrapper that checks the argument names,
 * turns every exception into an error result ({@code isError: true} with a readable message), masks secrets in what
 * goes back, and counts the calls in flight so that shutdown can wait for them. Thread-safe.
 */
final class ToolRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);

  private final List<McpTool> tools;
  private final Redactor redactor;
  private final AtomicInteger inFlight = new AtomicInteger();

  private final McpText text;

  ToolRegistry(List<McpTool> tools, Redactor redactor) {
    this(tools, redactor, McpText.english());
  }

  /** @param text how errors are worded for the calling model */
  ToolRegistry(List<McpTool> tools, Redactor redactor, McpText text) {
    this.tools = List.copyOf(tools);
    this.redactor = redactor;
    this.text = text;
  }

  /** The tools' specifications for the SDK. */
  List<McpServerFeatures.SyncToolSpecification> specifications() {
    List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
    for (McpTool t : tools) {
      specs.add(McpServerFeatures.SyncToolSpecification.builder()
          .tool(definition(t))
          .callHandler((exchange, request) -> call(t, exchange, request))
          .build());
    }
    return specs;
  }

  /** The tools' names. */
  Set<String> names() {
    return tools.stream().map(McpTool::name).collect(Collectors.toUnmodifiableSet());
  }

  /** Tool calls running now. */
  int inFlight() {
    return inFlight.get();
  }

  static McpSchema.Tool definition(McpTool t) {
    return McpSchema.Tool.builder(t.name(), t.schema().asMap())
        .title(title(t.name()))
        .description(t.description())
        .annotations(new McpSchema.ToolAnnotations(title(t.name()), t.readOnly(),
            t.name().equals(SynthesizeDataTool.NAME), t.readOnly(), t.name().equals(SynthesizeDataTool.NAME), null))
        .build();
  }

  /** Runs one call of the 2025 era; never throws. */
  McpSchema.CallToolResult call(McpTool tool, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
    Object token = request.progressToken();
    ToolCall.Progress progress = exchange == null || token == null ? ToolCall.Progress.NONE
        : (done, total, message) -> exchange.progressNotification(McpSchema.ProgressNotification.builder(token, done)
            .total((double) total).message(message).build());
    Reply r = run(tool, request.arguments(), token, null, progress);
    return McpSchema.CallToolResult.builder().addTextContent(r.text()).structuredContent(r.data())
        .isError(r.error()).build();
  }

  /**
   * Runs one call in either protocol era; never throws: bad arguments and failures become an error reply.
   *
   * @param arguments as received; null means none
   * @param requestId the request's id when the SDK tells it, else null
   */
  Reply run(McpTool tool, Map<String, Object> arguments, Object progressToken, Object requestId,
      ToolCall.Progress progress) {
    inFlight.incrementAndGet();
    try {
      Map<String, Object> raw = arguments == null ? Map.of() : arguments;
      ToolArgs args = ToolArgs.of(raw, tool.schema().names());
      ToolResult r = tool.call(new ToolCall(args, raw, progressToken, requestId, progress));
      return wire(r);
    } catch (ToolArgumentException | DataSynthException e) {
      return error(tool.name(), text.message(e));
    } catch (InvalidPathException e) {
      return error(tool.name(), "the path " + e.getInput() + " cannot be used (" + e.getReason() + "); "
          + FileNames.advice());
    } catch (RuntimeException e) {
      LOG.warn("{} failed: {}", tool.name(), redactor.text(String.valueOf(e)));
      LOG.debug("{} failed", tool.name(), e);
      // The exception's own text may be a library's internals (a Jackson path, an NPE's variable names).
      return error(tool.name(), "internal error in " + tool.name() + " (" + e.getClass().getSimpleName()
          + "); the server's log on stderr has details; please report it");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** A tool's answer as it goes on the wire, secrets masked: the text, the same facts as JSON, and the error flag. */
  record Reply(String text, Map<String, Object> data, boolean error) {}

  private Reply wire(ToolResult r) {
    @SuppressWarnings("unchecked")
    Map<String, Object> data = Json.mapper().convertValue(r.data(), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> masked = (Map<String, Object>) redactor.value(data);
    return new Reply(redactor.text(r.text()), masked, r.error());
  }

  private Reply error(String tool, String message) {
    String m = redactor.text(message);
    return new Reply(tool + " failed: " + m, Map.of("error", m), true);
  }

  /** The tools, in the order they were given. */
  List<McpTool> tools() {
    return tools;
  }

  static String title(String name) {
    String s = name.replace('_', ' ');
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
