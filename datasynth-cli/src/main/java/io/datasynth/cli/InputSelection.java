package io.datasynth.cli;

import io.datasynth.error.ConfigException;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;

/** Where a command's inputs come from: a DataRecipe folder, or --schema with --seeds (or a combined file). */
final class InputSelection {
  @Option(names = "--schema", paramLabel = "FILE", description = "Schema file (or a combined {schema, samples} file).")
  Path schema;

  @Option(names = "--seeds", paramLabel = "FILE", description = "Seed examples file.")
  Path seeds;

  @Option(names = "--guidelines", paramLabel = "FILE", description = "Annotation guidelines to show the model.")
  Path guidelines;

  boolean given(Path dir) {
    return dir != null || schema != null;
  }

  /** The inputs from DIR or from the options; exactly one of the two must be given. */
  Inputs load(Path dir, String command) {
    if (dir != null && schema != null) {
      throw new ConfigException(Setting.SCHEMA, Message.of("error.inputs.both", Setting.SCHEMA, Setting.SEEDS));
    }
    if (dir != null) {
      return InputLoader.fromFiles(dir, null, guidelines);
    }
    if (schema == null) {
      throw new ConfigException(Setting.SCHEMA, Message.of("error.inputs.none", "datasynth " + command, Setting.SCHEMA,
          Setting.SEEDS));
    }
    return InputLoader.fromFiles(schema, seeds, guidelines);
  }
}
