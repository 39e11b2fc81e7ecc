package io.datasynth.recipe;

import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a run reads before it starts: the schema, the seed examples and optional guidelines.
 *
 * @param schema the schema records must satisfy
 * @param seeds the seed examples; never empty
 * @param guidelines annotation guidelines shown to the model; empty when there are none
 * @param schemaFile where the schema came from
 * @param seedsFile where the seeds came from (the same file for a combined file)
 * @param analysisDir the DataRecipe folder, or null when the inputs are plain files
 */
public record Inputs(
    Schema schema, List<Seed> seeds, String guidelines, Path schemaFile, Path seedsFile, Path analysisDir) {

  public Inputs {
    seeds = List.copyOf(seeds);
    guidelines = guidelines == null ? "" : guidelines;
  }

  /** Same inputs with other seeds (e.g. after dropping seeds that break the schema). */
  public Inputs withSeeds(List<Seed> kept) {
    return new Inputs(schema, kept, guidelines, schemaFile, seedsFile, analysisDir);
  }
}
