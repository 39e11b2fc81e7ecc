package io.datasynth.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaReaderTest {
  @TempDir Path dir;

  Schema read(String json) throws IOException {
    Path f = dir.resolve("schema.json");
    Files.writeString(f, json, StandardCharsets.UTF_8);
    return SchemaReader.read(f);
  }

  void rejects(String json, String... fragments) throws IOException {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, json, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SchemaReader.read(f)).isInstanceOf(InputException.class)
        .hasMessageStartingWith(f.toString()).hasMessageContainingAll(fragments);
  }

  @Nested
  class DataSynthFormat {
    @Test
    void readsFieldsConstraintsAndRubric() throws IOException {
      Schema s = read("""
          {"project_name": "p", "description": "d", "fields": [
            {"name": "instruction", "display_name": "指令", "type": "string", "description": "what to do",
             "constraints": {"min_length": 3, "max_length": 100, "pattern": "\\\\S"}},
            {"name": "quality", "type": "integer", "constraints": {"range": [1, 5]}},
            {"name": "label", "type": "text", "required": false, "constraints": {"enum": ["a", "b"]}},
            {"name": "tags", "type": "array", "item_type": "string"}],
           "scoring_rubric": [{"score": 5, "label": "excellent", "description": "perfect"}]}""");
      assertThat(s.projectName()).isEqualTo("p");
      assertThat(s.fieldNames()).containsExactly("instruction", "quality", "label", "tags");
      Field i = s.field("instruction").orElseThrow();
      assertThat(i.type()).isEqualTo(FieldType.TEXT);
      assertThat(i.displayName()).isEqualTo("指令");
      assertThat(i.constraints().minLength()).isEqualTo(3);
      assertThat(i.constraints().pattern()).isEqualTo("\\S");
      assertThat(s.field("quality").orElseThrow().constraints().min()).isEqualTo(1.0);
      assertThat(s.field("label").orElseThrow().required()).isFalse();
      assertThat(s.field("tags").orElseThrow().itemType()).isEqualTo(FieldType.TEXT);
      assertThat(s.rubric()).singleElement().satisfies(r -> assertThat(r.score()).isEqualTo("5"));
    }

    @Test
    void acceptsConstraintsWrittenOnTheFieldAsTheOriginalReadmeDoes() throws IOException {
      Schema s = read("{\"fields\": [{\"name\": \"quality\", \"type\": \"int\", \"range\": [1, 5]}]}");
      assertThat(s.field("quality").orElseThrow().constraints().max()).isEqualTo(5.0);
    }

    @Test
    void defaultsToRequiredText() throws IOException {
      Field f = read("{\"fields\": [{\"name\": \"x\"}]}").fields().get(0);
      assertThat(f.type()).isEqualTo(FieldType.TEXT);
      assertThat(f.required()).isTrue();
    }

    @Test
    void readsTheSchemaInsideACombinedFile() throws IOException {
      Schema s = read("{\"schema\": {\"fields\": [{\"name\": \"q\", \"type\": \"text\"}]}, \"samples\": []}");
      assertThat(s.fieldNames()).containsExactly("q");
    }
  }

  @Nested
  class JsonSchemaFormat {
    @Test
    void mapsPropertiesRequiredAndConstraints() throws IOException {
      Schema s = read("""
          {"type": "object", "title": "reviews", "required": ["review", "stars"], "properties": {
            "review": {"type": "string", "minLength": 20, "description": "text"},
            "stars": {"type": "integer", "minimum": 1, "maximum": 5},
            "mood": {"type": ["string", "null"], "enum": ["up", "down"]},
            "aspects": {"type": "array", "items": {"type": "string"}, "minItems": 1}}}""");
      assertThat(s.projectName()).isEqualTo("reviews");
      assertThat(s.field("review").orElseThrow().required()).isTrue();
      assertThat(s.field("mood").orElseThrow().required()).isFalse();
      assertThat(s.field("stars").orElseThrow().constraints().max()).isEqualTo(5.0);
      assertThat(s.field("aspects").orElseThrow().constraints().minLength()).isEqualTo(1);
      assertThat(s.field("aspects").orElseThrow().itemType()).isEqualTo(FieldType.TEXT);
    }

    @Test
    void refusesASchemaThatEndsUpWithNoFields() throws IOException {
      rejects("{\"type\": \"object\", \"properties\": {}}", "no fields");
      rejects("{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\"}", "no fields");
    }

    @Test
    void refusesANonObjectRoot() throws IOException {
      rejects("{\"type\": \"array\", \"items\": {}}", "not an object");
    }
  }

  @Nested
  class BadSchemas {
    @Test
    void namesTheFieldWithAnUnknownType() throws IOException {
      rejects("{\"fields\": [{\"name\": \"score\", \"type\": \"integr\"}]}", "field 'score'", "unknown type 'integr'",
          "text/string");
    }

    @Test
    void refusesDuplicateFieldNames() throws IOException {
      rejects("{\"fields\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}", "'a' is declared twice");
    }

    @Test
    void refusesEmptyFields() throws IOException {
      rejects("{\"fields\": []}", "no fields");
    }

    @Test
    void refusesImpossibleConstraints() throws IOException {
      rejects("{\"fields\": [{\"name\": \"n\", \"type\": \"int\", \"range\": [5, 1]}]}", "above high");
      rejects("{\"fields\": [{\"name\": \"t\", \"range\": [1, 5]}]}", "range applies to int and float");
      rejects("{\"fields\": [{\"name\": \"t\", \"constraints\": {\"min_length\": 9, \"max_length\": 2}}]}",
          "min_length 9 is above max_length 2");
      rejects("{\"fields\": [{\"name\": \"t\", \"constraints\": {\"pattern\": \"([a-z\"}}]}",
          "not a valid regular expression");
      rejects("{\"fields\": [{\"name\": \"t\", \"constraints\": {\"enum\": []}}]}", "non-empty");
    }

    @Test
    void refusesNumbersBeyondADoublesRange() throws IOException {
      rejects("{\"fields\": [{\"name\": \"n\", \"type\": \"int\", \"range\": [0, 1e400]}]}",
          "field 'n'", "range high is beyond the range of a number");
      rejects("{\"fields\": [{\"name\": \"n\", \"type\": \"float\", \"constraints\": {\"min\": -1e999}}]}",
          "min is beyond the range");
      rejects("{\"properties\": {\"n\": {\"type\": \"number\", \"maximum\": 2e308}}}", "maximum is beyond");
    }

    @Test
    void refusesARequiredThatIsNotABoolean() throws IOException {
      rejects("{\"fields\": [{\"name\": \"t\", \"required\": \"yes\"}]}", "field 't'",
          "\"required\" must be true or false, found \"yes\"");
      rejects("{\"fields\": [{\"name\": \"t\", \"required\": 1}]}", "must be true or false");
      rejects("{\"properties\": {\"t\": {\"type\": \"string\"}}, \"required\": \"yes\"}",
          "\"required\" must be a list of property names");
      rejects("{\"properties\": {\"t\": {\"type\": \"string\"}}, \"required\": [\"t\", 3]}",
          "must list property names, found 3");
    }

    @Test
    void refusesARubricThatIsNotAListOfLevels() throws IOException {
      rejects("{\"fields\": [{\"name\": \"t\"}], \"scoring_rubric\": \"lots\"}",
          "scoring_rubric is a string, not a list of levels");
      rejects("{\"fields\": [{\"name\": \"t\"}], \"scoring_rubric\": 5}", "scoring_rubric is a number");
      rejects("{\"fields\": [{\"name\": \"t\"}], \"rubric\": [{\"score\": 1}, 2]}", "rubric[1] is a number");
    }

    @Test
    void refusesWhatIsNotASchema() throws IOException {
      rejects("[1, 2]", "must be a JSON object");
      rejects("{\"name\": \"x\"}", "neither \"fields\" nor \"properties\"");
      rejects("{\"fields\": [{\"type\": \"text\"}]}", "has no name");
    }

    @Test
    void givesTheLineAndColumnOfInvalidJson() throws IOException {
      rejects("{\"fields\": [\n  {\"name\": \"a\",}\n]}", ":2:", "invalid JSON");
    }
  }
  @Nested
  class UnknownKeys {
    @Test
    void areRefusedNamingTheFieldAndTheClosestKnownKey() throws IOException {
      rejects("{\"fields\": [{\"name\": \"answer\", \"type\": \"text\", \"requried\": false}]}",
          "field 'answer' has an unknown key \"requried\"", "did you mean \"required\"?");
      rejects("{\"fields\": [{\"name\": \"q\", \"type\": \"int\", \"constriants\": {\"range\": [1, 5]}}]}",
          "\"constriants\"", "did you mean \"constraints\"?");
    }

    @Test
    void areRefusedInsideConstraints() throws IOException {
      rejects("{\"fields\": [{\"name\": \"q\", \"type\": \"text\", \"constraints\": {\"max_lenght\": 5}}]}",
          "the constraints of field 'q'", "did you mean \"max_length\"?");
    }

    @Test
    void listTheKnownKeysWhenNoneIsClose() throws IOException {
      rejects("{\"fields\": [{\"name\": \"q\", \"colour\": \"red\"}]}", "unknown key \"colour\"",
          "the keys it may have are", "required");
    }

    @Test
    void areRefusedInARubricLevel() throws IOException {
      rejects("{\"fields\": [{\"name\": \"t\"}], \"scoring_rubric\": [{\"score\": 5, \"lable\": \"good\"}]}",
          "scoring_rubric[0] has an unknown key \"lable\"", "did you mean \"label\"?");
    }

    @Test
    void includeNoneOfDataRecipesExtras() throws IOException {
      Schema s = read("""
          {"fields": [{"name": "q", "display_name": "问题", "type": "list", "nested_type": "string",
            "examples": ["a"], "description": "d"}]}""");
      assertThat(s.fieldNames()).containsExactly("q");
    }

    @Test
    void suggestTheClosestType() throws IOException {
      rejects("{\"fields\": [{\"name\": \"q\", \"type\": \"strng\"}]}", "unknown type 'strng'",
          "did you mean \"string\"?");
    }
  }

  @Nested
  class TheSchemaAsGiven {
    @Test
    void keepsNumbersAndTypeNamesAsTheUserWroteThem() throws IOException {
      Schema s = read("{\"fields\": [{\"name\": \"q\", \"type\": \"integer\", \"range\": [1, 5]}]}");
      com.fasterxml.jackson.databind.node.ObjectNode given = SchemaWriter.asGiven(s);
      assertThat(given.at("/fields/0/type").asText()).isEqualTo("integer");
      assertThat(given.at("/fields/0/range/1").isInt()).isTrue();
      assertThat(given.at("/fields/0/range/1").intValue()).isEqualTo(5);
    }

    @Test
    void takesNoPartInEquality() throws IOException {
      Schema a = read("{\"fields\": [{\"name\": \"q\", \"type\": \"integer\"}]}");
      Schema b = read("{\"fields\": [{\"name\": \"q\", \"type\": \"int\"}]}");
      assertThat(a).isEqualTo(b);
    }
  }
}
