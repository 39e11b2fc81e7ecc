package io.datasynth.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Writes response bodies: at once, or trickling a few bytes per second after the headers, as a hostile server
 * does. A trickle stops as soon as the fake closes.
 */
final class Pacer {
  private final int bytesPerSecond;
  private final CountDownLatch closed;

  /** @param bytesPerSecond bytes per second; 0 to write everything at once */
  Pacer(int bytesPerSecond, CountDownLatch closed) {
    this.bytesPerSecond = bytesPerSecond;
    this.closed = closed;
  }

  /** Writes and flushes {@code bytes}; false when the fake closed before all of them were written. */
  boolean write(OutputStream out, byte[] bytes) throws IOException {
    if (bytesPerSecond <= 0) {
      out.write(bytes);
      out.flush();
      return true;
    }
    for (int start = 0; start < bytes.length; start += bytesPerSecond) {
      if (start > 0 && !waitOneSecond()) {
        return false;
      }
      out.write(bytes, start, Math.min(bytesPerSecond, bytes.length - start));
      out.flush();
    }
    return true;
  }

  /** Whether the fake is still open. */
  boolean open() {
    return closed.getCount() > 0;
  }

  private boolean waitOneSecond() {
    try {
      return !closed.await(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
