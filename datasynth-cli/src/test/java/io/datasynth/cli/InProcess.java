package io.datasynth.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one command run in-process printed and returned.
 *
 * @param code the exit code
 * @param out what went to stdout
 * @param err what went to stderr
 */
record InProcess(int code, String out, String err) {

  /** Runs {@code datasynth args} in this JVM with {@code env} as its environment. */
  static InProcess run(Path dir, Map<String, String> env, List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new CliContext(env, dir, false, java.io.InputStream.nullInputStream()),
        new PrintWriter(out, true),
        new PrintWriter(err, true));
    return new InProcess(code, out.toString(), err.toString());
  }

  /** Everything, for assertion messages. */
  String all() {
    return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
  }
}
