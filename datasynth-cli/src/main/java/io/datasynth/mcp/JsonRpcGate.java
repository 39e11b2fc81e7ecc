package io.datasynth.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's decision on each line the client sends, before the SDK sees it: pass it on, answer it here, or drop
 * it. The SDK (2.2) drops malformed lines silently, never answers requests sent before {@code initialize}, and turns
 * bad {@code tools/call} params into -32603 with a Jackson or NPE message; this class answers those as JSON-RPC 2.0
 * and MCP say:
 *
 * <ul>
 *   <li>not JSON: -32700 (parse error), id null;
 *   <li>not a single JSON-RPC 2.0 object (a batch, which MCP removed in 2025-06-18; no {@code "jsonrpc": "2.0"}; an
 *       id that is not a string or an integer; a method that is not a string): -32600 (invalid request), with the id
 *       when it can be read;
 *   <li>a request other than {@code initialize} or {@code ping} before {@code initialize}: -32600; a second
 *       {@code initialize}: -32600; {@code ping} before initialization is answered here;
 *   <li>params that are not an object, and {@code tools/call} without a tool name, with an unknown tool, or with
 *       arguments that are not an object: -32602 (invalid params).
 * </ul>
 *
 * <p>A request sent after {@code initialize} but before the client's {@code notifications/initialized} would wait
 * forever in the SDK; the gate passes a {@code notifications/initialized} on first so that it is answered.
 *
 * <p>Keeps the session's phase; used by the one thread that reads the input.
 */
final class JsonRpcGate {
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int INVALID_PARAMS = -32602;
  static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  private final ObjectMapper mapper;
  private final Set<String> tools;
  private final boolean handshake;
  private Phase phase = Phase.NEW;

  private enum Phase { NEW, INITIALIZING, READY }

  /** A gate for the 2025 era, with its {@code initialize} handshake. */
  JsonRpcGate(ObjectMapper mapper, Set<String> tools) {
    this(mapper, tools, ProtocolEra.LEGACY);
  }

  /**
   * A gate for one protocol era. The 2026-07-28 era has no handshake: the lifecycle rules are left out and the
   * SDK's server of that era answers {@code initialize} itself.
   *
   * @param tools the names of the server's tools, for {@code tools/call}
   */
  JsonRpcGate(ObjectMapper mapper, Set<String> tools, ProtocolEra era) {
    this.mapper = mapper.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.tools = Set.copyOf(tools);
    this.handshake = era == ProtocolEra.LEGACY;
    if (!handshake) {
      phase = Phase.READY;
    }
  }

  /** What to do with one line. */
  sealed interface Verdict {}

  /** Give the SDK these lines, in order (the client's message, perhaps preceded by one the gate adds). */
  record Pass(List<String> lines) implements Verdict {}

  /** Do not give the line to the SDK; send this response to the client instead. */
  record Reply(ObjectNode response, String why) implements Verdict {}

  /** Ignore the line (a blank line, or a notification the SDK must not see). */
  record Drop(String why) implements Verdict {}

  /** The answer to a line longer than the input limit, which is not read. */
  Reply tooLong(int limitBytes) {
    return error(null, INVALID_REQUEST, "invalid request: the message is longer than " + limitBytes / (1024 * 1024)
        + " MiB, the most this server reads");
  }

  /** The answer to a passed line the SDK still cannot read; names the id when there is one. */
  Reply unreadable(String line) {
    JsonNode id = null;
    try {
      id = mapper.readTree(line).get("id");
    } catch (JsonProcessingException | RuntimeException e) {
      // no id to give
    }
    return error(validId(id) ? id : null, INVALID_REQUEST, "invalid request: the message does not have the shape "
        + "of a JSON-RPC request, notification or response");
  }

  /** Decides on one line, without its line terminator. */
  Verdict judge(String line) {
    String text = line.strip();
    if (text.isEmpty()) {
      return new Drop(null);
    }
    JsonNode n;
    try {
      n = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      return error(null, PARSE_ERROR, "parse error: the line is not JSON; send one JSON-RPC message per line");
    }
    if (n == null || n.isMissingNode()) {
      return error(null, PARSE_ERROR, "parse error: the line is not JSON; send one JSON-RPC message per line");
    }
    if (n.isArray()) {
      return error(null, INVALID_REQUEST, "invalid request: JSON-RPC batches are not supported (MCP removed "
          + "them in 2025-06-18); send each message on its own line");
    }
    if (!n.isObject()) {
      return error(null, INVALID_REQUEST, "invalid request: a JSON-RPC message is an object, got "
          + kind(n));
    }
    JsonNode id = n.get("id");
    boolean hasId = n.has("id");
    JsonNode replyId = validId(id) ? id : null;
    if (!"2.0".equals(n.path("jsonrpc").isTextual() ? n.get("jsonrpc").asText() : null)) {
      return error(replyId, INVALID_REQUEST, "invalid request: \"jsonrpc\" must be \"2.0\"");
    }
    if (hasId && !validId(id)) {
      return error(null, INVALID_REQUEST, "invalid request: the id must be a string or an integer, got "
          + kind(id));
    }
    boolean hasMethod = n.has("method");
    if (hasMethod && !n.get("method").isTextual()) {
      return error(replyId, INVALID_REQUEST, "invalid request: \"method\" must be a string");
    }
    if (!hasMethod) {
      if (hasId && (n.has("result") || n.has("error"))) {
        return new Pass(List.of(text.indexOf('\r') >= 0 ? n.toString() : text));
      }
      return error(replyId, INVALID_REQUEST, "invalid request: a message needs a \"method\" (request or "
          + "notification) or a \"result\"/\"error\" (response)");
    }
    String method = n.get("method").asText();
    JsonNode params = n.get("params");
    // The SDK also ends a line at a carriage return, which JSON allows between tokens: pass such a line compacted.
    if (text.indexOf('\r') >= 0) {
      text = n.toString();
    }
    if (!hasId) {
      return notification(method, params, text);
    }
    if (params != null && !params.isNull() && !params.isObject()) {
      return error(id, INVALID_PARAMS, "invalid params: \"params\" of " + method + " must be an object, got "
          + kind(params));
    }
    return request(method, id, params, text);
  }

  private Verdict notification(String method, JsonNode params, String text) {
    if (params != null && !params.isNull() && !params.isObject()) {
      return new Drop("a " + method + " notification whose params are not an object");
    }
    if (method.equals("notifications/initialized") && handshake) {
      if (phase == Phase.NEW) {
        return new Drop("notifications/initialized before initialize");
      }
      phase = Phase.READY;
    }
    return new Pass(List.of(text));
  }

  private Verdict request(String method, JsonNode id, JsonNode params, String text) {
    if (method.equals("initialize") && handshake) {
      if (phase != Phase.NEW) {
        return error(id, INVALID_REQUEST, "invalid request: the session is already initialized");
      }
      if (params == null || !params.isObject() || !params.path("protocolVersion").isTextual()) {
        return error(id, INVALID_PARAMS, "invalid params: initialize needs params with a \"protocolVersion\" "
            + "string, \"capabilities\" and \"clientInfo\"");
      }
      phase = Phase.INITIALIZING;
      return new Pass(List.of(text));
    }
    if (phase == Phase.NEW) {
      if (method.equals("ping")) {
        ObjectNode r = response(id);
        r.putObject("result");
        return new Reply(r, "ping before initialize");
      }
      return error(id, INVALID_REQUEST, "invalid request: the session is not initialized; send initialize "
          + "first (then notifications/initialized)");
    }
    if (method.equals("tools/call")) {
      String problem = toolCallProblem(params);
      if (problem != null) {
        return error(id, INVALID_PARAMS, "invalid params: " + problem);
      }
    }
    if (phase == Phase.INITIALIZING && !method.equals("ping")) {
      // The SDK holds requests until the initialized notification; a client that sends none would wait forever.
      phase = Phase.READY;
      return new Pass(List.of(INITIALIZED, text));
    }
    return new Pass(List.of(text));
  }

  private String toolCallProblem(JsonNode params) {
    if (params == null || params.isNull()) {
      return "tools/call needs params: {\"name\": the tool, \"arguments\": {…}}";
    }
    JsonNode name = params.get("name");
    if (name == null || !name.isTextual()) {
      return "tools/call needs \"name\", the tool's name as a string; the tools are " + toolList();
    }
    if (!tools.contains(name.asText())) {
      return "unknown tool '" + abbreviate(name.asText()) + "'; the tools are " + toolList();
    }
    JsonNode args = params.get("arguments");
    if (args != null && !args.isNull() && !args.isObject()) {
      return "\"arguments\" of " + name.asText() + " must be an object of named arguments, got " + kind(args);
    }
    JsonNode meta = params.get("_meta");
    if (meta != null && !meta.isNull() && !meta.isObject()) {
      return "\"_meta\" must be an object, got " + kind(meta);
    }
    JsonNode token = meta == null ? null : meta.get("progressToken");
    if (token != null && !token.isNull() && !validId(token)) {
      return "\"_meta.progressToken\" must be a string or an integer, got " + kind(token);
    }
    return null;
  }

  private String toolList() {
    return String.join(", ", new TreeSet<>(tools));
  }

  /** MCP ids (and progress tokens) are strings or integers; JSON-RPC's null id is not allowed for requests. */
  private static boolean validId(JsonNode id) {
    return id != null && (id.isTextual() || id.isIntegralNumber());
  }

  private Reply error(JsonNode id, int code, String message) {
    ObjectNode r = response(id);
    ObjectNode e = r.putObject("error");
    e.put("code", code);
    e.put("message", message);
    return new Reply(r, message);
  }

  private ObjectNode response(JsonNode id) {
    ObjectNode r = mapper.createObjectNode();
    r.put("jsonrpc", "2.0");
    if (id == null) {
      r.putNull("id");
    } else {
      r.set("id", id);
    }
    return r;
  }

  private static String kind(JsonNode n) {
    if (n.isArray()) {
      return "a list";
    }
    if (n.isObject()) {
      return "an object";
    }
    if (n.isNull()) {
      return "null";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    if (n.isNumber()) {
      return "the number " + n.asText();
    }
    return "a string";
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
