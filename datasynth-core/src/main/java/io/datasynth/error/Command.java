package io.datasynth.error;

import java.util.Locale;

/**
 * Something a message tells the user to run next, named by each adapter in its own words ({@code datasynth
 * prepare} on the command line, the {@code prepare_synthesis} tool in MCP), like a {@link Setting}.
 */
public enum Command {
  PREPARE,
  PARSE,
  REPORT,
  CONVERT,
  VALIDATE;

  /** The command's name on the command line, {@code prepare}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
