package io.datasynth.mcp;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Predicate;

/**
 * The server's standard output (the protocol channel). The SDK's writer puts one message a line; each complete line
 * is shown to a filter, which may hold it back (the response to a cancelled request, which MCP says the receiver
 * should not send), and is then written whole. Lines the server answers itself ({@link #inject}) go between the
 * SDK's lines, never inside one. Thread-safe.
 */
final class ClientOutput extends FilterOutputStream {
  private final Predicate<byte[]> send;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

  /** @param send sees every complete line, without its newline, and says whether to send it; must not throw */
  ClientOutput(OutputStream out, Predicate<byte[]> send) {
    super(out);
    this.send = send;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    collect(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      collect(b[i]);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  /** Writes one message of the server's own (without its newline) at once, between the SDK's messages. */
  synchronized void inject(byte[] message) {
    try {
      out.write(message);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      // the client is gone; the SDK's own writes will notice the same
    }
  }

  private void collect(int b) throws IOException {
    if (b != '\n') {
      line.write(b);
      return;
    }
    byte[] complete = line.toByteArray();
    line.reset();
    if (send.test(complete)) {
      out.write(complete);
      out.write('\n');
    }
  }
}
