package io.datasynth.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** How many columns the user's terminal has: {@code COLUMNS} when set, else what {@code stty size} says, else 80. */
final class TerminalWidth {
  static final int DEFAULT = 80;

  private TerminalWidth() {}

  /** The width, asked once; never below 20. */
  static int of(Map<String, String> env) {
    Integer w = parse(env.get("COLUMNS"));
    if (w == null) {
      w = stty();
    }
    return Math.max(20, w == null ? DEFAULT : w);
  }

  private static Integer parse(String s) {
    if (s == null) {
      return null;
    }
    try {
      int w = Integer.parseInt(s.strip());
      return w > 0 ? w : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code stty size} reads the terminal's size from its standard input, which must be the terminal. */
  private static Integer stty() {
    File tty = new File("/dev/tty");
    if (!tty.exists()) {
      return null;
    }
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroy();
        return null;
      }
      String[] rowsCols = out.split("\\s+");
      return rowsCols.length == 2 ? parse(rowsCols[1]) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
