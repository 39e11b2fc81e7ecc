package io.datasynth.mcp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongSupplier;

/**
 * The server's standard output (the protocol channel), remembering when it was last written so that shutdown can
 * wait until the SDK has written the last answers. Thread-safe for the one writer thread the SDK uses.
 */
final class ClientOutput extends FilterOutputStream {
  private final LongSupplier nanoTime;
  private volatile long lastWrite;

  ClientOutput(OutputStream out, LongSupplier nanoTime) {
    super(out);
    this.nanoTime = nanoTime;
    this.lastWrite = nanoTime.getAsLong();
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    lastWrite = nanoTime.getAsLong();
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    lastWrite = nanoTime.getAsLong();
  }

  @Override
  public void flush() throws IOException {
    out.flush();
    lastWrite = nanoTime.getAsLong();
  }

  /** Nanoseconds since the last write or flush. */
  long quietNanos() {
    return nanoTime.getAsLong() - lastWrite;
  }
}
