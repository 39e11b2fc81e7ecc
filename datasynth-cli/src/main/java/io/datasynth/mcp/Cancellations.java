package io.datasynth.mcp;

import io.datasynth.engine.RunControl;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancellation of long tool calls. The SDK's 2025 server (2.2) ignores the client's {@code notifications/cancelled}
 * and does not tell a handler its request id, so this class watches the incoming messages ({@link #observe}, fed by
 * {@link ClientInput}), remembers the {@code tools/call} requests of cancellable tools, and matches each handler to
 * its request when it {@linkplain #register registers}: by request id when the SDK gives one (the 2026-07-28
 * server), else by progress token when the client sent one (tokens are unique among active requests), else by tool
 * name and equal arguments, oldest first. A cancellation then stops that
 * handler's run; one that arrives before the handler registered stops it as soon as it does.
 *
 * <p>Two calls of the same tool with equal arguments and no progress token cannot be told apart; they also write
 * the same output, so the second is refused while the first runs. Thread-safe.
 */
final class Cancellations {
  /** Requests remembered while waiting for their handler; older ones are forgotten. */
  private static final int MAX_PENDING = 64;
  private static final Logger LOG = LoggerFactory.getLogger(Cancellations.class);

  private final McpJsonMapper mapper;
  private final Set<String> cancellableTools;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private final Map<String, RunControl> running = new HashMap<>();
  private final Set<RunControl> active = new LinkedHashSet<>();

  Cancellations(McpJsonMapper mapper, Set<String> cancellableTools) {
    this.mapper = mapper;
    this.cancellableTools = Set.copyOf(cancellableTools);
  }

  /** Looks at one incoming message; called on the reader thread before the SDK handles it. */
  void observe(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCRequest r && McpSchema.METHOD_TOOLS_CALL.equals(r.method())
        && r.params() != null) {
      McpSchema.CallToolRequest call = mapper.convertValue(r.params(), McpSchema.CallToolRequest.class);
      if (call.name() != null && cancellableTools.contains(call.name())) {
        remember(new Pending(key(r.id()), call.name(), args(call.arguments()), key(call.progressToken())));
      }
    } else if (message instanceof McpSchema.JSONRPCNotification n
        && "notifications/cancelled".equals(n.method()) && n.params() instanceof Map<?, ?> params) {
      cancel(key(params.get("requestId")), params.get("reason"));
    }
  }

  /**
   * Registers a running call so that a cancellation of its request stops {@code control}.
   *
   * @param tool the tool's name
   * @param arguments the call's arguments as the handler received them
   * @param progressToken the call's progress token, or null
   * @param requestId the call's request id when the SDK tells it (then it alone decides the match), or null
   * @return closes the registration; call it when the handler returns
   */
  Registration register(String tool, Map<String, Object> arguments, Object progressToken, Object requestId,
      RunControl control) {
    Objects.requireNonNull(control, "control");
    String id = key(requestId);
    String token = key(progressToken);
    Map<String, Object> args = args(arguments);
    synchronized (this) {
      active.add(control);
      Pending match = null;
      for (Pending p : pending) {
        if (id != null ? id.equals(p.requestId) : token != null ? token.equals(p.progressToken)
            : p.tool.equals(tool) && p.arguments.equals(args)) {
          match = p;
          break;
        }
      }
      if (match == null) {
        return () -> release(null, control);
      }
      pending.remove(match);
      String matched = match.requestId;
      running.put(matched, control);
      if (match.cancelled) {
        LOG.info("request {} was cancelled before it started; stopping it", matched);
        control.stop();
      }
      return () -> release(matched, control);
    }
  }

  /** Stops every registered run (the client went away); in-flight requests may finish. */
  synchronized void stopAll() {
    active.forEach(RunControl::stop);
  }

  /** Aborts every registered run, cancelling requests in flight. */
  synchronized void abortAll() {
    active.forEach(RunControl::abort);
  }

  /** Whether any registered run is still going. */
  synchronized boolean anyActive() {
    return !active.isEmpty();
  }

  private synchronized void remember(Pending p) {
    pending.addLast(p);
    while (pending.size() > MAX_PENDING) {
      pending.removeFirst();
    }
  }

  private synchronized void cancel(String requestId, Object reason) {
    if (requestId == null) {
      return;
    }
    RunControl control = running.get(requestId);
    if (control != null) {
      LOG.info("request {} cancelled by the client ({}); stopping its run", requestId, reason);
      control.stop();
      return;
    }
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (p.requestId.equals(requestId)) {
        p.cancelled = true;
      }
    }
  }

  private synchronized void release(String requestId, RunControl control) {
    if (requestId != null) {
      running.remove(requestId);
    }
    active.remove(control);
  }

  private Map<String, Object> args(Map<String, Object> arguments) {
    return arguments == null ? Map.of() : arguments;
  }

  /** A JSON-RPC id or progress token as a key: numbers and strings with the same digits stay distinct. */
  static String key(Object id) {
    if (id == null) {
      return null;
    }
    if (id instanceof Number n) {
      try {
        return "#" + new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        return "#" + n;
      }
    }
    return "$" + id;
  }

  /** Ends a registration. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Pending {
    final String requestId;
    final String tool;
    final Map<String, Object> arguments;
    final String progressToken;
    boolean cancelled;

    Pending(String requestId, String tool, Map<String, Object> arguments, String progressToken) {
      this.requestId = requestId;
      this.tool = tool;
      this.arguments = arguments;
      this.progressToken = progressToken;
    }
  }

  @Override
  public synchronized String toString() {
    return "Cancellations[pending=" + pending.size() + ", running=" + running.size() + ", active=" + active.size()
        + ", tools=" + List.copyOf(cancellableTools) + "]";
  }
}
