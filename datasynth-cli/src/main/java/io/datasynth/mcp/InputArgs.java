package io.datasynth.mcp;

import io.datasynth.recipe.DataRecipe;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The input arguments the tools share, {@code analysis_dir} or {@code schema_path} with {@code seeds_path}: how they
 * are declared and how they are loaded, every path through the {@link PathGuard}.
 */
final class InputArgs {
  static final String ANALYSIS_DIR = "analysis_dir";
  static final String SCHEMA_PATH = "schema_path";
  static final String SEEDS_PATH = "seeds_path";

  private InputArgs() {}

  /** Declares the three input arguments. */
  static ToolSchema.Builder declare(ToolSchema.Builder b, String purpose) {
    return b
        .string(ANALYSIS_DIR, "A DataRecipe analysis folder (with 04_复刻指南/DATA_SCHEMA.json and "
            + "09_样例数据/samples.json), relative to the server root. " + purpose)
        .string(SCHEMA_PATH, "A schema file: a DataSynth schema, a standard JSON Schema, or a combined "
            + "{schema, samples} file (then seeds_path may be left out), relative to the server root. Use instead of "
            + "analysis_dir.")
        .string(SEEDS_PATH, "The seed examples for schema_path: a JSON list, {samples: [...]} or JSON Lines, "
            + "relative to the server root.");
  }

  /** Whether the call names any inputs. */
  static boolean given(ToolArgs args) {
    return args.has(ANALYSIS_DIR) || args.has(SCHEMA_PATH) || args.has(SEEDS_PATH);
  }

  /**
   * The schema and seeds the arguments name.
   *
   * @throws ToolArgumentException when none or both forms are given, or a path is outside the root
   */
  static Inputs load(ToolArgs args, PathGuard guard) {
    Optional<String> dir = args.string(ANALYSIS_DIR);
    Optional<String> schema = args.string(SCHEMA_PATH);
    Optional<String> seeds = args.string(SEEDS_PATH);
    if (dir.isPresent() && (schema.isPresent() || seeds.isPresent())) {
      throw new ToolArgumentException("give either analysis_dir or schema_path (+ seeds_path), not both");
    }
    if (dir.isPresent()) {
      return InputLoader.fromDataRecipe(analysisDir(guard.existing(dir.get(), ANALYSIS_DIR), guard, ANALYSIS_DIR));
    }
    if (schema.isEmpty()) {
      throw new ToolArgumentException(seeds.isPresent() ? "seeds_path needs schema_path; give both"
          : "no inputs: give analysis_dir (a DataRecipe folder) or schema_path and seeds_path");
    }
    Path schemaFile = guard.existing(schema.get(), SCHEMA_PATH);
    if (Files.isDirectory(schemaFile) && seeds.isEmpty()) {
      return InputLoader.fromDataRecipe(analysisDir(schemaFile, guard, SCHEMA_PATH));
    }
    Path seedsFile = seeds.isPresent() ? guard.existing(seeds.get(), SEEDS_PATH) : null;
    return InputLoader.fromFiles(schemaFile, seedsFile, null);
  }

  /**
   * A schema and the seeds to deduplicate against, for parsing a reply: like {@link #load}, except that
   * {@code schema_path} alone is enough (then there are no seeds).
   */
  static SchemaAndSeeds loadForParse(ToolArgs args, PathGuard guard) {
    if (args.has(ANALYSIS_DIR) || args.has(SEEDS_PATH)) {
      Inputs in = load(args, guard);
      return new SchemaAndSeeds(in.schema(), in.seeds(), in.analysisDir());
    }
    String schema = args.string(SCHEMA_PATH).orElseThrow(() -> new ToolArgumentException(
        "no schema: give analysis_dir (a DataRecipe folder) or schema_path"));
    Path schemaFile = guard.existing(schema, SCHEMA_PATH);
    if (Files.isDirectory(schemaFile)) {
      Inputs in = InputLoader.fromDataRecipe(analysisDir(schemaFile, guard, SCHEMA_PATH));
      return new SchemaAndSeeds(in.schema(), in.seeds(), in.analysisDir());
    }
    return new SchemaAndSeeds(InputLoader.schemaOnly(schemaFile), List.of(), null);
  }

  /** A DataRecipe folder whose files all lie inside the root. */
  private static Path analysisDir(Path dir, PathGuard guard, String argument) {
    if (!Files.isDirectory(dir)) {
      throw new ToolArgumentException(argument + ": " + guard.display(dir) + " is a file, not a DataRecipe "
          + "analysis folder; give the folder, or use schema_path and seeds_path for plain files");
    }
    for (String file : List.of(DataRecipe.SCHEMA, DataRecipe.SAMPLES, DataRecipe.GUIDELINES)) {
      guard.derivedExisting(dir.resolve(file), argument);
    }
    return dir;
  }

  /** What parsing a reply needs. */
  record SchemaAndSeeds(Schema schema, List<Seed> seeds, Path analysisDir) {}
}
