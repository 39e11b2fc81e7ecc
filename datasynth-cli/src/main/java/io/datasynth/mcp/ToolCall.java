package io.datasynth.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import java.util.Map;

/**
 * One call of a tool as a handler sees it.
 *
 * @param args the arguments, already checked against the declared names
 * @param rawArguments the arguments as received, for matching a cancellation to this call; never null
 * @param progressToken the token from the request's {@code _meta}, or null when the client wants no progress
 * @param exchange the session, for progress notifications; null in unit tests
 */
record ToolCall(ToolArgs args, Map<String, Object> rawArguments, Object progressToken,
    McpSyncServerExchange exchange) {}
