package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.quality.Deduplicator;
import io.datasynth.quality.RecordValidator;
import io.datasynth.quality.Validation;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SchemaRecordsTest {
  static final Path EXAMPLES = Path.of("..", "examples");

  @Test
  void servesValidDistinctRecordsForEveryExampleSchema() {
    for (Inputs in : List.of(InputLoader.fromDataRecipe(EXAMPLES.resolve("recipe_demo")),
        InputLoader.fromFiles(EXAMPLES.resolve("instruction_zh/schema.json"),
            EXAMPLES.resolve("instruction_zh/seeds.json"), null),
        InputLoader.fromFiles(EXAMPLES.resolve("preference/schema.json"), EXAMPLES.resolve("preference/seeds.jsonl"),
            null),
        InputLoader.fromFiles(EXAMPLES.resolve("json_schema/schema.json"), EXAMPLES.resolve("json_schema/seeds.json"),
            null))) {
      SchemaRecords source = new SchemaRecords(in.schema(), in.seeds());
      RecordValidator validator = new RecordValidator(in.schema());
      Deduplicator dedup = new Deduplicator(in.schema(), 0.8);
      List<ObjectNode> records = source.next(200, new SplittableRandom(1));
      for (int i = 0; i < records.size(); i++) {
        ObjectNode r = records.get(i);
        assertThat(validator.validate(r)).as(in.schemaFile() + ": " + r).isInstanceOf(Validation.Valid.class);
        assertThat(dedup.add(r, "#" + i)).as(in.schemaFile() + ": " + r).isEmpty();
      }
    }
  }
}
