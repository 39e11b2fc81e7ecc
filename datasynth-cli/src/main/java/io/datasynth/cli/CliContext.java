package io.datasynth.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What a command may use from its surroundings, injected so tests run commands in-process: the environment (keys,
 * base URLs), the working directory, standard input and the language to speak ({@link UiLanguage}). Standard
 * output and error come from picocli's {@code getOut()}/{@code getErr()}.
 */
record CliContext(Map<String, String> env, Path workingDir, boolean interactiveTerminal, InputStream stdin,
    Locale uiLocale) {
  /** A context whose language comes from {@code env}. */
  CliContext(Map<String, String> env, Path workingDir, boolean interactiveTerminal, InputStream stdin) {
    this(env, workingDir, interactiveTerminal, stdin, UiLanguage.fromEnvironment(env));
  }

  static CliContext system() {
    return new CliContext(System.getenv(), Path.of("").toAbsolutePath(),
        System.console() != null && !"dumb".equals(System.getenv("TERM")), System.in);
  }

  /** The same context speaking {@code locale}. */
  CliContext withUiLocale(Locale locale) {
    return new CliContext(env, workingDir, interactiveTerminal, stdin, locale);
  }

  /** The command line's words in this context's language. */
  CliText text() {
    return new CliText(uiLocale);
  }
}
