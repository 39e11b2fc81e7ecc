package io.datasynth.mcp;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;

/**
 * The server's tools for the SDK's server of the 2026-07-28 protocol ({@code io.modelcontextprotocol.modern}): the
 * same definitions and the same {@link ToolRegistry#run} as the 2025 era, with the request id and progress token
 * the SDK gives each call. Immutable and thread-safe.
 */
final class ModernTools implements McpSyncToolRepository {
  private final ToolRegistry registry;
  private final ThreadFactory threads;
  private final Map<String, McpSyncTool> tools = new LinkedHashMap<>();

  /** @param threads makes the thread each call runs on */
  ModernTools(ToolRegistry registry, ThreadFactory threads) {
    this.registry = registry;
    this.threads = threads;
    for (McpTool t : registry.tools()) {
      tools.put(t.name(), McpSyncTool.of(definition(t), (ctx, request) -> McpSyncResponse.streaming(notifier -> {
        Object token = ctx.progressToken();
        ToolCall.Progress progress = token == null ? ToolCall.Progress.NONE
            : (done, total, message) -> notifier.progress(done, (double) total, message);
        ToolRegistry.Reply r = uninterruptibly(() -> registry.run(t, request.arguments(), token, ctx.requestId(),
            progress));
        return McpSchema.CallToolResult.builder().addContent(McpSchema.TextContent.builder(r.text()).build())
            .structuredContent(r.data()).isError(r.error()).build();
      })));
    }
  }

  /**
   * Runs a call to its end even when the SDK interrupts the thread it gave the call: the SDK's transport disposes a
   * cancelled request's work, and an interrupt in the middle of a run would skip writing the records it has. The
   * run is stopped the gentle way instead ({@link Cancellations}); its answer is then dropped by the transport.
   */
  private ToolRegistry.Reply uninterruptibly(Callable<ToolRegistry.Reply> call) {
    FutureTask<ToolRegistry.Reply> task = new FutureTask<>(call);
    Thread worker = threads.newThread(task);
    worker.start();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw new IllegalStateException("a tool call failed outside the registry", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public ToolsPage list(McpRequestContext context, String cursor) {
    return ToolsPage.of(tools.values().stream().map(McpSyncTool::definition).toList());
  }

  @Override
  public McpSyncTool find(McpRequestContext context, String name) {
    return tools.get(name);
  }

  private static McpSchema.Tool definition(McpTool t) {
    boolean writes = t.name().equals(SynthesizeDataTool.NAME);
    return McpSchema.Tool.builder(t.name(), t.schema().asMap())
        .title(ToolRegistry.title(t.name()))
        .description(t.description())
        .annotations(McpSchema.ToolAnnotations.builder().title(ToolRegistry.title(t.name()))
            .readOnlyHint(t.readOnly()).destructiveHint(writes).idempotentHint(t.readOnly()).openWorldHint(writes)
            .build())
        .build();
  }
}
