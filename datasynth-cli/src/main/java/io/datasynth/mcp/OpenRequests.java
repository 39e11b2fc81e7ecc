package io.datasynth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's requests that have not been answered yet: a request counts from the moment {@link ClientInput}
 * passes it to the SDK until {@link ClientOutput} writes a response with its id. Shutdown waits for them so that
 * every answer the SDK is still working on goes out.
 *
 * <p>A request the client cancelled ({@code notifications/cancelled}) is not answered: MCP says the receiver should
 * not send a response for it, so its response is held back when the SDK writes it. {@code initialize} cannot be
 * cancelled. Thread-safe.
 */
final class OpenRequests {
  private static final Logger LOG = LoggerFactory.getLogger(OpenRequests.class);

  private final ObjectMapper mapper;
  /** Open request ids (as {@link Cancellations#key}) and whether the client cancelled them. */
  private final Map<String, Request> open = new HashMap<>();

  private record Request(String method, boolean cancelled) {}

  OpenRequests(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Notes a message from the client. */
  void received(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCRequest r && r.id() != null) {
      synchronized (this) {
        open.put(Cancellations.key(r.id()), new Request(r.method(), false));
      }
    } else if (message instanceof McpSchema.JSONRPCNotification n && "notifications/cancelled".equals(n.method())
        && n.params() instanceof Map<?, ?> params) {
      String id = Cancellations.key(params.get("requestId"));
      synchronized (this) {
        Request r = id == null ? null : open.get(id);
        if (r != null && !r.method().equals(McpSchema.METHOD_INITIALIZE)) {
          open.put(id, new Request(r.method(), true));
        }
      }
    }
  }

  /**
   * Notes a line the SDK is about to write; a response closes its request.
   *
   * @return false for the response to a cancelled request, which is not sent
   */
  boolean send(byte[] line) {
    JsonNode n;
    try {
      n = mapper.readTree(line);
    } catch (IOException e) {
      return true;
    }
    if (n == null || !n.has("id") || !(n.has("result") || n.has("error"))) {
      return true;
    }
    Object id = n.get("id").isNumber() ? n.get("id").numberValue() : n.get("id").asText();
    String key = Cancellations.key(id);
    Request r;
    synchronized (this) {
      r = open.remove(key);
    }
    if (r != null && r.cancelled()) {
      LOG.info("request {} ({}) was cancelled by the client; its response is not sent", id, r.method());
      return false;
    }
    return true;
  }

  /** Requests still owed an answer: open ones the client did not cancel. */
  synchronized int count() {
    return (int) open.values().stream().filter(r -> !r.cancelled()).count();
  }

  @Override
  public synchronized String toString() {
    return "OpenRequests" + Objects.toString(open.keySet());
  }
}
