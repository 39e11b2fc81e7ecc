package io.datasynth.mcp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Whether this JVM can use non-ASCII file names. Java takes its file-name encoding ({@code sun.jnu.encoding}) from
 * the locale at start-up, and MCP clients often start servers with a bare environment (no {@code LANG}), where a
 * DataRecipe folder's {@code 04_复刻指南} cannot even be named.
 */
final class FileNames {
  private FileNames() {}

  static String encoding() {
    return System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name());
  }

  static boolean unicode() {
    try {
      return Charset.forName(encoding()).equals(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String advice() {
    return "start the server with a UTF-8 locale (e.g. LC_ALL=C.UTF-8; bin/datasynth sets one when none is set); "
        + "file names are " + encoding() + " now";
  }
}
