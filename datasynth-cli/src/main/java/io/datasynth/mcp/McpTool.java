package io.datasynth.mcp;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * One tool the server offers: its name, its description and input schema, and what a call does.
 *
 * <p>Implementations are called concurrently from the SDK's worker threads and must be thread-safe; they hold no
 * state between calls beyond their immutable collaborators. A call throws {@link ToolArgumentException} or a
 * {@link io.datasynth.error.DataSynthException} for bad input; {@link ToolRegistry} turns every exception into an
 * error result, so the server never fails a call at the protocol level.
 */
interface McpTool {

  /** The tool's name, e.g. {@code prepare_synthesis}. */
  String name();

  /** The one-paragraph description clients show the model. */
  String description();

  /** The arguments the tool takes. */
  ToolSchema schema();

  /** Whether the tool only reads files (clients may run it without asking). */
  boolean readOnly();

  /**
   * Runs one call.
   *
   * @param call the checked arguments and the call's context; never null
   * @return the result; never null
   */
  ToolResult call(ToolCall call);
}
