package io.datasynth.mcp;

import java.util.Map;

/**
 * One call of a tool as a handler sees it, the same in both protocol eras.
 *
 * @param args the arguments, already checked against the declared names
 * @param rawArguments the arguments as received, for matching a cancellation to this call; never null
 * @param progressToken the token from the request's {@code _meta}, or null when the client wants no progress
 * @param requestId the JSON-RPC id of the request when the SDK tells it (2026-07-28 era), else null
 * @param progress where progress goes; sends nothing without a progress token
 */
record ToolCall(ToolArgs args, Map<String, Object> rawArguments, Object progressToken, Object requestId,
    Progress progress) {

  /** Progress of a long call toward its total, in records. */
  @FunctionalInterface
  interface Progress {
    Progress NONE = (done, total, message) -> { };

    /** Sends one progress notification; must not throw into the caller's work. */
    void send(long done, long total, String message);
  }
}
