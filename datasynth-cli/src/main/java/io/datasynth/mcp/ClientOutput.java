package io.datasynth.mcp;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * The server's standard output (the protocol channel), passed through unchanged; each complete line (one message)
 * is also shown to an observer, which shutdown uses to know which requests were answered. Written by the SDK's one
 * writer thread.
 */
final class ClientOutput extends FilterOutputStream {
  private final Consumer<byte[]> lines;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

  /** @param lines sees every complete line written, without its newline; must not throw */
  ClientOutput(OutputStream out, Consumer<byte[]> lines) {
    super(out);
    this.lines = lines;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    out.write(b);
    collect(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    for (int i = off; i < off + len; i++) {
      collect(b[i]);
    }
  }

  private void collect(int b) {
    if (b == '\n') {
      lines.accept(line.toByteArray());
      line.reset();
    } else {
      line.write(b);
    }
  }
}
