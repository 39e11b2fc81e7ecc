package io.datasynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.error.ConfigException;
import io.datasynth.error.InputException;
import io.datasynth.json.InputKind;
import io.datasynth.json.JsonFiles;
import io.datasynth.text.Message;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A {@code --config} JSON file: option values keyed by option name ({@code batch_size} or {@code batch-size}).
 * Flags on the command line win; a key that names no option of any command is an error.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
  private final Path file;
  private final Map<String, String> values;
  private final CliText text;

  private ConfigFile(Path file, Map<String, String> values, CliText text) {
    this.file = file;
    this.values = values;
    this.text = text;
  }

  /** Reads a config file and checks every key against the options the command line knows; errors in English. */
  static ConfigFile load(Path file, CommandLine root) {
    return load(file, root, CliText.english());
  }

  /** Reads a config file, its later errors worded in {@code text}'s language. */
  static ConfigFile load(Path file, CommandLine root, CliText text) {
    JsonNode json = JsonFiles.readJson(file, InputKind.CONFIG);
    if (!json.isObject()) {
      throw InputException.of(file, Message.of("config.not_object"), Message.of("config.not_object.fix"));
    }
    Set<String> known = new TreeSet<>();
    collect(root, known);
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) json::fields) {
      String key = normalise(e.getKey());
      if (key.equals("config")) {
        throw InputException.of(file, Message.of("config.nested"), Message.of("config.nested.fix"));
      }
      if (!known.contains(key)) {
        String near = closest(key, known);
        throw InputException.of(file, Message.of("config.unknown_key", e.getKey(), near == null ? ""
            : Message.of("config.unknown_key.suggest", near)), Message.of("config.unknown_key.fix",
            String.join(", ", known)));
      }
      JsonNode v = e.getValue();
      if (v.isContainerNode()) {
        throw InputException.of(file, Message.of("config.not_scalar", e.getKey()), null);
      }
      if (!v.isNull()) {
        values.put(key, v.asText());
      }
    }
    return new ConfigFile(file, values, text);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      return values.get(normalise(option.longestName()));
    }
    return null;
  }

  /**
   * Handles a bad option value that came from this file rather than from the command line: one error line naming
   * the file and the key, instead of picocli's message, which names only the option.
   */
  CommandLine.IParameterExceptionHandler naming(CommandLine.IParameterExceptionHandler next) {
    return (ex, args) -> {
      if (ex.getArgSpec() instanceof OptionSpec o && values.containsKey(normalise(o.longestName()))
          && !givenOn(o, args)) {
        CommandLine c = ex.getCommandLine();
        c.getErr().println(text.text("cli.error", text.text("cli.config.value", file, normalise(o.longestName()),
            ParameterErrors.describe(ex, args, text))));
        c.getErr().flush();
        return ExitCode.USAGE;
      }
      return next.handleParseException(ex, args);
    };
  }

  /**
   * Handles a setting the library refused (a {@link ConfigException} naming its setting) when the value came from
   * this file: one error line naming the file and the key, so the user knows where to fix it.
   */
  CommandLine.IExecutionExceptionHandler namingSettings(CommandLine.IExecutionExceptionHandler next) {
    return (ex, cmd, parseResult) -> {
      if (ex instanceof ConfigException c && c.setting() != null && values.containsKey(c.setting().key())) {
        OptionSpec o = option(cmd, c.setting().key());
        if (o == null || !givenOn(o, parseResult.originalArgs().toArray(String[]::new))) {
          cmd.getErr().println(text.text("cli.error", text.text("cli.config.value", file, c.setting().key(),
              text.asKeys().message(c))));
          cmd.getErr().flush();
          return ExitCode.USAGE;
        }
      }
      return next.handleExecutionException(ex, cmd, parseResult);
    };
  }

  private static OptionSpec option(CommandLine cmd, String setting) {
    for (OptionSpec o : cmd.getCommandSpec().options()) {
      if (normalise(o.longestName()).equals(setting)) {
        return o;
      }
    }
    return null;
  }

  private static boolean givenOn(OptionSpec o, String[] args) {
    for (String a : args) {
      for (String name : o.names()) {
        if (a.equals(name) || a.startsWith(name + "=") || (name.length() == 2 && a.startsWith(name))) {
          return true;
        }
      }
    }
    return false;
  }

  private static void collect(CommandLine cmd, Set<String> known) {
    for (OptionSpec o : cmd.getCommandSpec().options()) {
      String name = normalise(o.longestName());
      if (!o.usageHelp() && !o.versionHelp() && !name.equals("config") && !name.equals("help")) {
        known.add(name);
      }
    }
    cmd.getSubcommands().values().forEach(sub -> collect(sub, known));
  }

  /** The known key at most two edits away from {@code key}, or null. */
  private static String closest(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = distance(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static String normalise(String name) {
    return name.replaceFirst("^-+", "").replace('-', '_').toLowerCase(Locale.ROOT);
  }
}
