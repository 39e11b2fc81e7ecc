package io.datasynth.cli;

import io.datasynth.error.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;

/**
 * A command run after a successful generation. It is split into arguments like a shell would (quotes and
 * backslashes), then the placeholders are replaced inside each argument, and it runs without a shell: a path with
 * spaces or a {@code ;} stays one argument and is never interpreted. It runs without the API key variables in its
 * environment unless {@code --post-hook-env} names them.
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
      throw new ConfigException(Setting.POST_HOOK, Message.of("error.post_hook.empty", Setting.POST_HOOK));
    }
    return new PostHook(args);
  }

  /**
   * The arguments with {output_path}, {count} and {analysis_dir} replaced, each in one pass: text a value brings in
   * is never read for placeholders again, so an output named {@code {count}.json} reaches the hook as it is.
   */
  List<String> arguments(Path output, long count, Path analysisDir) {
    Map<String, String> values = Map.of(
        "{output_path}", output.toString(),
        "{count}", Long.toString(count),
        "{analysis_dir}", analysisDir == null ? "" : analysisDir.toString());
    List<String> out = new ArrayList<>();
    for (String arg : template) {
      out.add(substitute(arg, values));
    }
    return out;
  }

  private static String substitute(String arg, Map<String, String> values) {
    StringBuilder sb = new StringBuilder(arg.length());
    int i = 0;
    scan:
    while (i < arg.length()) {
      if (arg.charAt(i) == '{') {
        for (Map.Entry<String, String> e : values.entrySet()) {
          if (arg.startsWith(e.getKey(), i)) {
            sb.append(e.getValue());
            i += e.getKey().length();
            continue scan;
          }
        }
      }
      sb.append(arg.charAt(i++));
    }
    return sb.toString();
  }

  /**
   * The hook's environment: {@code env} without the variables that hold API keys, except those named in
   * {@code keep} ({@code --post-hook-env}). A hook has no need of the key, and whatever it runs could leak it.
   *
   * @param keyVariables the variables that hold keys: the providers' own and the one {@code --api-key-env} names
   */
  static Map<String, String> environment(Map<String, String> env, Set<String> keyVariables, Collection<String> keep) {
    Map<String, String> out = new LinkedHashMap<>(env);
    for (String k : keyVariables) {
      if (k != null && !keep.contains(k)) {
        out.remove(k);
      }
    }
    return out;
  }

  /** Runs the hook with the given arguments and environment, its output passed through; returns its exit code. */
  static int run(List<String> args, Path workingDir, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(args).directory(workingDir.toFile()).inheritIO();
    pb.environment().clear();
    pb.environment().putAll(environment);
    return pb.start().waitFor();
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
      throw new ConfigException(Setting.POST_HOOK, Message.of("error.post_hook.quote", Setting.POST_HOOK,
          String.valueOf(quote), command));
    }
    if (inArg) {
      args.add(cur.toString());
    }
    return args;
  }
}
