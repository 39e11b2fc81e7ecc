package io.datasynth.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's standard input as the SDK's stdio transport reads it: the client's messages, one JSON-RPC message a
 * line, with three additions that the SDK (2.2) lacks.
 *
 * <ul>
 *   <li>Every line goes through the {@link JsonRpcGate} first: lines the SDK would mishandle (not JSON, not a
 *       JSON-RPC 2.0 message, a request before {@code initialize}, bad {@code tools/call} params, longer than
 *       {@link #MAX_LINE_BYTES}) are answered with a JSON-RPC error through {@code replies} and never reach the
 *       SDK, which would otherwise stay silent or end the session on them.
 *   <li>Every message is shown to an observer before the SDK sees it; the server uses this to see
 *       {@code notifications/cancelled}, which the SDK ignores.
 *   <li>The end of input is announced ({@link #closed()}) but held back from the SDK until {@link #release()}, so
 *       that the server can let calls in flight finish and their answers go out before the SDK shuts the session.
 * </ul>
 *
 * <p>Read by one thread (the SDK's reader); {@link #release()} may be called from any thread.
 */
final class ClientInput extends InputStream {
  /** The SDK's own limit for one message. */
  static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(ClientInput.class);

  private final InputStream in;
  private final McpJsonMapper mapper;
  private final JsonRpcGate gate;
  private final Consumer<byte[]> replies;
  private final Consumer<McpSchema.JSONRPCMessage> observer;
  private final Deque<String> passed = new ArrayDeque<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private byte[] line = new byte[0];
  private int pos;
  private boolean eof;

  /**
   * @param in the real standard input
   * @param mapper the SDK's mapper, to read messages exactly as the SDK will
   * @param gate decides on each line
   * @param replies sends one response line (without its newline) to the client
   * @param observer sees every message the SDK will get, on the reader thread; must return quickly and not throw
   */
  ClientInput(InputStream in, McpJsonMapper mapper, JsonRpcGate gate, Consumer<byte[]> replies,
      Consumer<McpSchema.JSONRPCMessage> observer) {
    this.in = new BufferedInputStream(in, 64 * 1024);
    this.mapper = mapper;
    this.gate = gate;
    this.replies = replies;
    this.observer = observer;
  }

  /** Completes when the client closed its end (end of input or a read error). */
  CompletableFuture<Void> closed() {
    return closed;
  }

  /** Lets the SDK see the end of input. Idempotent. */
  void release() {
    released.countDown();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos >= line.length) {
      if (eof || !nextLine()) {
        eof = true;
        closed.complete(null);
        awaitRelease();
        return -1;
      }
    }
    int n = Math.min(len, line.length - pos);
    System.arraycopy(line, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return line.length - pos;
  }

  /** Reads lines until one the SDK can take; false at the end of input. */
  private boolean nextLine() {
    if (!passed.isEmpty()) {
      line = (passed.removeFirst() + "\n").getBytes(StandardCharsets.UTF_8);
      pos = 0;
      return true;
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    boolean tooLong = false;
    while (true) {
      int c;
      try {
        c = in.read();
      } catch (IOException e) {
        LOG.warn("reading standard input failed ({}); shutting down", e.getMessage());
        return false;
      }
      if (c == -1 && buf.size() == 0 && !tooLong) {
        return false;
      }
      if (c == -1 || c == '\n') {
        if (tooLong) {
          LOG.warn("refused a message longer than {} bytes", MAX_LINE_BYTES);
          reply(gate.tooLong(MAX_LINE_BYTES));
          tooLong = false;
          buf.reset();
          if (c == -1) {
            return false;
          }
          continue;
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        buf.reset();
        if (accept(text)) {
          line = (passed.removeFirst() + "\n").getBytes(StandardCharsets.UTF_8);
          pos = 0;
          return true;
        }
        if (c == -1) {
          return false;
        }
        continue;
      }
      if (tooLong) {
        continue;
      }
      buf.write(c);
      if (buf.size() > MAX_LINE_BYTES) {
        tooLong = true;
        buf.reset();
      }
    }
  }

  /** Judges one line; true when it queued lines for the SDK. */
  private boolean accept(String text) {
    JsonRpcGate.Verdict v = gate.judge(text);
    if (v instanceof JsonRpcGate.Reply r) {
      LOG.warn("answered a message the server cannot take: {} ({})", r.why(), abbreviate(text.strip()));
      reply(r);
      return false;
    }
    if (v instanceof JsonRpcGate.Drop d) {
      if (d.why() != null) {
        LOG.warn("ignored {}", d.why());
      }
      return false;
    }
    for (String l : ((JsonRpcGate.Pass) v).lines()) {
      McpSchema.JSONRPCMessage message;
      try {
        message = McpSchema.deserializeJsonRpcMessage(mapper, l);
      } catch (Exception e) {
        // The gate let through something the SDK cannot read: answer it rather than let the SDK end the session.
        LOG.warn("the SDK cannot read a message the gate passed ({}): {}", e.getMessage(), abbreviate(l));
        reply(gate.unreadable(l));
        continue;
      }
      try {
        observer.accept(message);
      } catch (RuntimeException e) {
        LOG.warn("observing a message failed: {}", e.toString());
      }
      passed.addLast(l);
    }
    return !passed.isEmpty();
  }

  private void reply(JsonRpcGate.Reply r) {
    try {
      replies.accept(r.response().toString().getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      LOG.warn("could not answer the client: {}", e.toString());
    }
  }

  private static String abbreviate(String t) {
    return t.length() > 80 ? t.substring(0, 80) + "…" : t;
  }

  private void awaitRelease() {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
