package io.datasynth.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code datasynth} command lines in-process through {@link Main#run(String[], CliContext, PrintWriter,
 * PrintWriter)} with an injected environment, working directory and standard input, and captures what they print.
 * The real environment is never read, so a key on the developer's machine cannot leak into a test.
 */
final class Cli {
  private final Map<String, String> env;
  private final Path workingDir;
  private final String stdin;

  private Cli(Map<String, String> env, Path workingDir, String stdin) {
    this.env = Map.copyOf(env);
    this.workingDir = workingDir;
    this.stdin = stdin;
  }

  /** A command line run in {@code workingDir} with an empty environment and empty standard input. */
  static Cli in(Path workingDir) {
    return new Cli(Map.of(), workingDir, "");
  }

  /** The same, with one more environment variable. */
  Cli env(String name, String value) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put(name, value);
    return new Cli(copy, workingDir, stdin);
  }

  /** The same, reading {@code text} from standard input. */
  Cli stdin(String text) {
    return new Cli(env, workingDir, text);
  }

  /**
   * Runs one command line. Arguments may be strings, paths, numbers, or arrays and lists of them, which are
   * flattened in order.
   */
  Result run(Object... parts) {
    String[] args = args(parts);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(env, workingDir, false,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    int code;
    try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
      code = Main.run(args, context, o, e);
    }
    return new Result(code, out.toString(), err.toString());
  }

  /** Flattens arguments into a command line. */
  static String[] args(Object... parts) {
    List<String> out = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof Object[] a) {
        out.addAll(List.of(args(a)));
      } else if (p instanceof Collection<?> c) {
        out.addAll(List.of(args(c.toArray())));
      } else {
        out.add(String.valueOf(p));
      }
    }
    return out.toArray(String[]::new);
  }

  /** What a command line did: its exit code and everything it printed. */
  record Result(int code, String out, String err) {
    /** The lines of standard error that are not blank. */
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Everything printed, for assertion messages. */
    String describe() {
      return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }
}
