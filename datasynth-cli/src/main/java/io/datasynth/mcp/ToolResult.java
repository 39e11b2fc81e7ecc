package io.datasynth.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a tool returns before it goes on the wire: a readable text for the model and the same facts as a JSON
 * object ({@code structuredContent}).
 *
 * @param text the readable summary; never null
 * @param data the structured result; never null
 * @param error whether the call failed (sent as {@code isError: true})
 */
record ToolResult(String text, ObjectNode data, boolean error) {
  ToolResult {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(data, "data");
  }

  static ToolResult ok(String text, ObjectNode data) {
    return new ToolResult(text, data, false);
  }

  static ToolResult failed(String text, ObjectNode data) {
    return new ToolResult(text, data, true);
  }
}
