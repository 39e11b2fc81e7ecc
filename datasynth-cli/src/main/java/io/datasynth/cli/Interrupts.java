package io.datasynth.cli;

import io.datasynth.engine.RunControl;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during a run: the first stops scheduling and lets requests in flight finish, so that what they bring is
 * journaled and written; the second exits at once (the journal already holds every accepted record).
 */
final class Interrupts implements AutoCloseable {
  private final SignalHandler previous;
  private final boolean installed;

  private Interrupts(SignalHandler previous, boolean installed) {
    this.previous = previous;
    this.installed = installed;
  }

  static Interrupts install(RunControl control, PrintWriter err, CliText text) {
    AtomicInteger presses = new AtomicInteger();
    try {
      SignalHandler prev = Signal.handle(new Signal("INT"), sig -> {
        if (presses.incrementAndGet() == 1) {
          err.println();
          err.println(text.text("cli.interrupt.stopping"));
          err.flush();
          control.stop();
        } else {
          err.println(text.text("cli.interrupt.quitting"));
          err.flush();
          Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
        }
      });
      return new Interrupts(prev, true);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return new Interrupts(null, false);
    }
  }

  @Override
  public void close() {
    if (installed && previous != null) {
      Signal.handle(new Signal("INT"), previous);
    }
  }
}
