package io.datasynth.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.error.InputException;
import io.datasynth.text.Message;
import io.datasynth.json.InputKind;
import io.datasynth.json.JsonFiles;
import io.datasynth.schema.Schema;
import io.datasynth.schema.SchemaReader;
import io.datasynth.seed.Seed;
import io.datasynth.seed.SeedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads {@link Inputs} from a DataRecipe folder, a schema and a seed file, or one combined file. */
public final class InputLoader {
  private InputLoader() {}

  /** Reads a DataRecipe analysis folder; a missing schema or samples file is an error naming the path. */
  public static Inputs fromDataRecipe(Path dir) {
    if (!Files.exists(dir)) {
      throw InputException.of(dir, Message.of("recipe.not_found"), Message.of("recipe.not_found.fix"));
    }
    if (!Files.isDirectory(dir)) {
      throw InputException.of(dir, Message.of("recipe.is_file"), Message.of("recipe.is_file.fix"));
    }
    Path schemaFile = dir.resolve(DataRecipe.SCHEMA);
    Path samplesFile = dir.resolve(DataRecipe.SAMPLES);
    if (!Files.exists(schemaFile)) {
      throw InputException.of(schemaFile, Message.of("recipe.missing", DataRecipe.SCHEMA),
          Message.of("recipe.no_schema.fix"));
    }
    if (!Files.exists(samplesFile)) {
      throw InputException.of(samplesFile, Message.of("recipe.missing", DataRecipe.SAMPLES),
          Message.of("recipe.no_samples.fix"));
    }
    Schema schema = SchemaReader.read(schemaFile);
    List<Seed> seeds = SeedReader.read(samplesFile, schema);
    Path guidelinesFile = dir.resolve(DataRecipe.GUIDELINES);
    String guidelines = Files.isRegularFile(guidelinesFile) ? JsonFiles.readText(guidelinesFile, InputKind.GUIDELINES) : "";
    return new Inputs(schema, seeds, guidelines, schemaFile, samplesFile, dir);
  }

  /**
   * Reads a schema file and a seed file. When {@code seedsFile} is null the schema file must be a combined
   * {@code {schema, samples}} file; when {@code schemaFile} is a folder it is read as a DataRecipe folder.
   */
  public static Inputs fromFiles(Path schemaFile, Path seedsFile, Path guidelinesFile) {
    if (Files.isDirectory(schemaFile) && seedsFile == null) {
      return fromDataRecipe(schemaFile);
    }
    String guidelines = guidelinesFile == null ? "" : JsonFiles.readText(guidelinesFile, InputKind.GUIDELINES);
    if (seedsFile == null) {
      JsonNode root = JsonFiles.readJson(schemaFile, InputKind.SEEDS);
      if (!root.isObject() || !root.path("schema").isObject()) {
        throw InputException.of(schemaFile, Message.of("recipe.not_combined"), Message.of("recipe.not_combined.fix"));
      }
      Schema schema = SchemaReader.fromJson(root.get("schema"), schemaFile);
      List<Seed> seeds = SeedReader.fromJson(root, schemaFile, schema.fieldNames());
      return new Inputs(schema, seeds, guidelines, schemaFile, schemaFile, null);
    }
    Schema schema = SchemaReader.read(schemaFile);
    List<Seed> seeds = SeedReader.read(seedsFile, schema);
    return new Inputs(schema, seeds, guidelines, schemaFile, seedsFile, null);
  }

  /** Reads only a schema: a schema file, a combined file, or a DataRecipe folder's schema. */
  public static Schema schemaOnly(Path path) {
    if (Files.isDirectory(path)) {
      Path schemaFile = path.resolve(DataRecipe.SCHEMA);
      if (!Files.exists(schemaFile)) {
        throw InputException.of(schemaFile, Message.of("recipe.missing", DataRecipe.SCHEMA), null);
      }
      return SchemaReader.read(schemaFile);
    }
    return SchemaReader.read(path);
  }
}
