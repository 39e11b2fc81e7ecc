package io.datasynth.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.datasynth.model.ModelProfile.StructuredOutput;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResponseSchemasTest {
  static final Schema SCHEMA = new Schema("qa", "", List.of(
      new Field("question", "", FieldType.TEXT, "the question", true,
          new Constraints(null, null, List.of(), 5, 200, "^[A-Z].*"), null),
      new Field("note", "", FieldType.TEXT, "", false, Constraints.NONE, null),
      new Field("level", "", FieldType.TEXT, "", true,
          new Constraints(null, null, List.<JsonNode>of(TextNode.valueOf("easy"), TextNode.valueOf("hard")), null,
              null, null), null),
      new Field("score", "", FieldType.INT, "", true, new Constraints(1.0, 5.0, List.of(), null, null, null), null)),
      List.of());

  static JsonNode record(ResponseSchemas.Result r) {
    assertThat(r).isInstanceOf(ResponseSchemas.Result.Fitted.class);
    JsonNode root = ((ResponseSchemas.Result.Fitted) r).schema();
    assertThat(root.get("additionalProperties").asBoolean(true)).isFalse();
    assertThat(root.get("required")).extracting(JsonNode::asText).containsExactly("records");
    return root.at("/properties/records/items");
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Nested
  class ForOpenAiStrictMode {
    final JsonNode record = record(ResponseSchemas.of(SCHEMA, StructuredOutput.OPENAI_JSON_SCHEMA_STRICT));

    @Test
    void everyPropertyIsRequiredAndNoOtherIsAllowed() {
      assertThat(texts(record.get("required"))).containsExactlyInAnyOrder("question", "note", "level", "score");
      assertThat(record.get("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void anOptionalFieldBecomesNullable() {
      assertThat(record.at("/properties/note/anyOf/1/type").asText()).isEqualTo("null");
    }

    @Test
    void rangesAndEnumsAreStatedButLengthsAndPatternsStayInValidation() {
      assertThat(record.at("/properties/score/minimum").asInt()).isEqualTo(1);
      assertThat(texts(record.at("/properties/level/enum"))).containsExactly("easy", "hard");
      assertThat(record.get("properties").get("question").has("minLength")).isFalse();
      assertThat(record.get("properties").get("question").has("pattern")).isFalse();
    }
  }

  @Nested
  class ForAnthropic {
    final JsonNode record = record(ResponseSchemas.of(SCHEMA, StructuredOutput.ANTHROPIC_JSON_SCHEMA));

    @Test
    void optionalFieldsAreLeftOutOfRequiredAndNoNumericBoundsAreSent() {
      assertThat(texts(record.get("required"))).containsExactlyInAnyOrder("question", "level", "score");
      assertThat(record.get("properties").get("score").has("minimum")).isFalse();
      assertThat(record.get("additionalProperties").asBoolean(true)).isFalse();
    }
  }

  @Nested
  class WhenTheSchemaCannotBeStated {
    @Test
    void aFreeFormObjectIsUnsupportedNamingTheField() {
      Schema s = new Schema("x", "", List.of(new Field("meta", "", FieldType.OBJECT, "", true, Constraints.NONE,
          null)), List.of());
      assertThat(ResponseSchemas.of(s, StructuredOutput.OPENAI_JSON_SCHEMA_STRICT))
          .isInstanceOfSatisfying(ResponseSchemas.Result.Unsupported.class, u -> assertThat(u.field())
              .isEqualTo("meta"));
    }

    @Test
    void aModelWithoutAMechanismIsUnsupported() {
      assertThat(ResponseSchemas.of(SCHEMA, StructuredOutput.NONE)).isInstanceOf(
          ResponseSchemas.Result.Unsupported.class);
    }
  }
}
