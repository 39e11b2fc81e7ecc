package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.InputException;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import io.datasynth.text.SettingNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedCheckTest {
  @TempDir Path dir;

  /** Two good seeds and one that breaks three rules at once: a missing field, an enum and a range. */
  Inputs inputs(String badSeeds) throws IOException {
    Path schema = Files.writeString(dir.resolve("schema.json"), """
        {"project_name": "qa", "fields": [
          {"name": "question", "type": "text", "required": true},
          {"name": "answer", "type": "text", "required": true},
          {"name": "intent", "type": "text", "constraints": {"enum": ["a", "b"]}},
          {"name": "score", "type": "int", "constraints": {"range": [1, 5]}}]}""", StandardCharsets.UTF_8);
    Path seeds = Files.writeString(dir.resolve("seeds.jsonl"), """
        {"question": "q1", "answer": "a1", "intent": "a", "score": 3}
        {"question": "q2", "answer": "a2", "intent": "b", "score": 4}
        """ + badSeeds, StandardCharsets.UTF_8);
    return InputLoader.fromFiles(schema, seeds, null);
  }

  static final String THREE_PROBLEMS = """
      {"question": "q3", "intent": "zzz", "score": 9}
      """;

  @Nested
  class ASeedWithSeveralProblems {
    @Test
    void warnsOfEveryOneOfThemAndLeavesTheSeedOut() throws IOException {
      List<Message> notes = new ArrayList<>();
      Inputs checked = SeedCheck.apply(inputs(THREE_PROBLEMS), false, notes::add);

      assertThat(checked.seeds()).hasSize(2);
      assertThat(notes).singleElement().extracting(m -> Messages.english().render(m)).asString()
          .contains("answer").contains("zzz").contains("9").contains("left out of the prompt examples");
    }

    @Test
    void inStrictModeIsAnErrorNamingEveryProblemAndTheSettingToDrop() throws IOException {
      Inputs in = inputs(THREE_PROBLEMS);
      assertThatThrownBy(() -> SeedCheck.apply(in, true, m -> { }))
          .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.getMessage())
              .startsWith(in.seedsFile() + ": 1 of 3 seeds break the schema")
              .contains("answer").contains("zzz").contains("9").contains("run without strict"));
    }

    @Test
    void speaksChineseToAChineseReader() throws IOException {
      Inputs in = inputs(THREE_PROBLEMS);
      assertThatThrownBy(() -> SeedCheck.apply(in, true, m -> { })).isInstanceOfSatisfying(InputException.class,
          e -> assertThat(new Messages(Locale.CHINESE, SettingNames.KEYS).render(e.detail()))
              .contains("3 条种子中有 1 条不符合 schema").contains("去掉 strict"));
    }
  }

  @Nested
  class ManyBadSeeds {
    @Test
    void anErrorNamesTheFirstFewAndCountsTheRest() throws IOException {
      StringBuilder bad = new StringBuilder();
      for (int i = 0; i < SeedCheck.NAMED + 3; i++) {
        bad.append("{\"question\": \"x").append(i).append("\", \"answer\": \"y\", \"score\": 0}\n");
      }
      Inputs in = inputs(bad.toString());
      assertThatThrownBy(() -> SeedCheck.apply(in, true, m -> { })).isInstanceOf(InputException.class)
          .hasMessageContaining("(and 3 more)");
    }

    @Test
    void whenNoSeedIsLeftItIsAnErrorEvenWithoutStrict() throws IOException {
      Path schema = Files.writeString(dir.resolve("s.json"), """
          {"project_name": "qa", "fields": [{"name": "question", "type": "text", "required": true}]}""");
      Path seeds = Files.writeString(dir.resolve("bad.jsonl"), "{\"other\": 1}\n");
      Inputs in = InputLoader.fromFiles(schema, seeds, null);
      assertThatThrownBy(() -> SeedCheck.apply(in, false, m -> { })).isInstanceOf(InputException.class)
          .hasMessageContaining("every seed breaks the schema").hasMessageContaining("question");
    }
  }
}
