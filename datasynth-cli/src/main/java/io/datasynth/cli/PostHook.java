package io.datasynth.cli;

import io.datasynth.error.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command run after a successful generation. It is split into arguments like a shell would (quotes and
 * backslashes), then the placeholders are replaced inside each argument, and it runs without a shell: a path with
 * spaces or a {@code ;} stays one argument and is never interpreted.
 */
final class PostHook {
  private final List<String> template;

  private PostHook(List<String> template) {
    this.template = template;
  }

  /** Parses the command; an unbalanced quote is an error. */
  static PostHook parse(String command) {
    List<String> args = split(command);
    if (args.isEmpty()) {
      throw new ConfigException("--post-hook is empty; give a command such as \"datacheck validate {analysis_dir}\"");
    }
    return new PostHook(args);
  }

  /** The arguments with {output_path}, {count} and {analysis_dir} replaced. */
  List<String> arguments(Path output, long count, Path analysisDir) {
    Map<String, String> values = Map.of(
        "{output_path}", output.toString(),
        "{count}", Long.toString(count),
        "{analysis_dir}", analysisDir == null ? "" : analysisDir.toString());
    List<String> out = new ArrayList<>();
    for (String arg : template) {
      String a = arg;
      for (Map.Entry<String, String> e : values.entrySet()) {
        a = a.replace(e.getKey(), e.getValue());
      }
      out.add(a);
    }
    return out;
  }

  /** Runs the hook with the given arguments, its output passed through; returns its exit code. */
  static int run(List<String> args, Path workingDir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(args).directory(workingDir.toFile()).inheritIO().start();
    return p.waitFor();
  }

  static List<String> split(String command) {
    List<String> args = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inArg = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < command.length()
            && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
          cur.append(command.charAt(++i));
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inArg = true;
      } else if (c == '\\' && i + 1 < command.length()) {
        cur.append(command.charAt(++i));
        inArg = true;
      } else if (Character.isWhitespace(c)) {
        if (inArg) {
          args.add(cur.toString());
          cur.setLength(0);
          inArg = false;
        }
      } else {
        cur.append(c);
        inArg = true;
      }
    }
    if (quote != 0) {
      throw new ConfigException("--post-hook has an unclosed " + quote + " quote: " + command);
    }
    if (inArg) {
      args.add(cur.toString());
    }
    return args;
  }
}
