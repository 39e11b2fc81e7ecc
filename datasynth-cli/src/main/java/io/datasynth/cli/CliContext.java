package io.datasynth.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may use from its surroundings, injected so tests run commands in-process: the environment (keys,
 * base URLs) and the working directory. Standard streams come from picocli's {@code getOut()}/{@code getErr()}.
 */
record CliContext(Map<String, String> env, Path workingDir, boolean interactiveTerminal) {
  static CliContext system() {
    return new CliContext(System.getenv(), Path.of("").toAbsolutePath(),
        System.console() != null && !"dumb".equals(System.getenv("TERM")));
  }
}
