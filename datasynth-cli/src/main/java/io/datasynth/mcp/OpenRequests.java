package io.datasynth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The client's requests that have not been answered yet: a request counts from the moment {@link ClientInput}
 * passes it to the SDK until {@link ClientOutput} writes a response with its id. Shutdown waits for them so that
 * every answer the SDK is still working on goes out. Thread-safe.
 */
final class OpenRequests {
  private final ObjectMapper mapper;
  private final Set<String> open = new HashSet<>();

  OpenRequests(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Notes a message from the client. */
  void received(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCRequest r && r.id() != null) {
      synchronized (this) {
        open.add(Cancellations.key(r.id()));
      }
    }
  }

  /** Notes a line the server wrote; a response closes its request. */
  void sent(byte[] line) {
    JsonNode n;
    try {
      n = mapper.readTree(line);
    } catch (IOException e) {
      return;
    }
    if (n != null && n.has("id") && (n.has("result") || n.has("error"))) {
      Object id = n.get("id").isNumber() ? n.get("id").numberValue() : n.get("id").asText();
      synchronized (this) {
        open.remove(Cancellations.key(id));
      }
    }
  }

  synchronized int count() {
    return open.size();
  }
}
