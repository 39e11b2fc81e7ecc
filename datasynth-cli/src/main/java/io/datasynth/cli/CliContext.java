package io.datasynth.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may use from its surroundings, injected so tests run commands in-process: the environment (keys,
 * base URLs), the working directory and standard input. Standard output and error come from picocli's
 * {@code getOut()}/{@code getErr()}.
 */
record CliContext(Map<String, String> env, Path workingDir, boolean interactiveTerminal, InputStream stdin) {
  static CliContext system() {
    return new CliContext(System.getenv(), Path.of("").toAbsolutePath(),
        System.console() != null && !"dumb".equals(System.getenv("TERM")), System.in);
  }
}
