package io.datasynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.error.InputException;
import io.datasynth.json.JsonFiles;
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
  private final Map<String, String> values;

  private ConfigFile(Map<String, String> values) {
    this.values = values;
  }

  /** Reads a config file and checks every key against the options the command line knows. */
  static ConfigFile load(Path file, CommandLine root) {
    JsonNode json = JsonFiles.readJson(file);
    if (!json.isObject()) {
      throw InputException.of(file, "a config file must be a JSON object of option values",
          "write e.g. {\"count\": 100, \"model\": \"...\"}");
    }
    Set<String> known = new TreeSet<>();
    collect(root, known);
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) json::fields) {
      String key = normalise(e.getKey());
      if (key.equals("config")) {
        throw InputException.of(file, "\"config\" cannot be set inside a config file", "remove it");
      }
      if (!known.contains(key)) {
        throw InputException.of(file, "unknown key \"" + e.getKey() + "\"",
            "use option names such as " + String.join(", ", known));
      }
      JsonNode v = e.getValue();
      if (v.isContainerNode()) {
        throw InputException.of(file, "\"" + e.getKey() + "\" must be a string, number or boolean", null);
      }
      if (!v.isNull()) {
        values.put(key, v.asText());
      }
    }
    return new ConfigFile(values);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      return values.get(normalise(option.longestName()));
    }
    return null;
  }

  private static void collect(CommandLine cmd, Set<String> known) {
    for (OptionSpec o : cmd.getCommandSpec().options()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        known.add(normalise(o.longestName()));
      }
    }
    cmd.getSubcommands().values().forEach(sub -> collect(sub, known));
  }

  static String normalise(String name) {
    return name.replaceFirst("^-+", "").replace('-', '_').toLowerCase(Locale.ROOT);
  }
}
