package io.datasynth.api;

import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The small English question-and-answer schema with two seeds that the end-to-end tests of this package share. */
final class QaInputs {
  private QaInputs() {}

  /** Writes {@code schema.json} and {@code seeds.jsonl} into {@code dir} and loads them. */
  static Inputs in(Path dir) throws IOException {
    Path schema = Files.writeString(dir.resolve("schema.json"), """
        {"project_name": "qa", "fields": [
          {"name": "instruction", "type": "text", "constraints": {"min_length": 5}},
          {"name": "response", "type": "text"}]}""", StandardCharsets.UTF_8);
    Path seeds = Files.writeString(dir.resolve("seeds.jsonl"), """
        {"instruction": "Name three primary colours.", "response": "Red, yellow and blue."}
        {"instruction": "What is the capital of Peru?", "response": "Lima."}
        """, StandardCharsets.UTF_8);
    return InputLoader.fromFiles(schema, seeds, null);
  }
}
