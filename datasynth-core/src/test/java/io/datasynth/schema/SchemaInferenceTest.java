package io.datasynth.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {
  static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  @Nested
  class WhenValuesAgree {
    @Test
    void typesEachKeyByItsValuesInFirstSeenOrder() {
      Schema s = SchemaInference.infer(Path.of("d.jsonl"), List.of(
          json("{\"问题\": \"a\", \"n\": 1, \"x\": 1, \"ok\": true, \"tags\": [\"t\"], \"meta\": {\"k\": 1}}"),
          json("{\"问题\": \"b\", \"n\": 2, \"x\": 2.5, \"ok\": false, \"tags\": [], \"meta\": {}}")));

      assertThat(s.fields()).extracting(Field::name).containsExactly("问题", "n", "x", "ok", "tags", "meta");
      assertThat(s.fields()).extracting(Field::type).containsExactly(FieldType.TEXT, FieldType.INT, FieldType.FLOAT,
          FieldType.BOOL, FieldType.LIST, FieldType.OBJECT);
      assertThat(s.field("tags").orElseThrow().itemType()).isEqualTo(FieldType.TEXT);
      assertThat(s.fields()).allSatisfy(f -> assertThat(f.required()).isTrue());
    }
  }

  @Nested
  class WhenValuesDisagreeOrAreMissing {
    @Test
    void makesMixedKeysObjectsMixedListsUntypedAndAbsentKeysOptional() {
      Schema s = SchemaInference.infer(Path.of("d.jsonl"), List.of(
          json("{\"v\": \"a\", \"l\": [1, \"x\"], \"nums\": [1, 2.5], \"opt\": null}"),
          json("{\"v\": 3, \"l\": [2], \"nums\": [3], \"opt\": \"here\"}"),
          json("{\"v\": true, \"nums\": []}")));

      assertThat(s.field("v").orElseThrow().type()).isEqualTo(FieldType.OBJECT);
      assertThat(s.field("l").orElseThrow().itemType()).isNull();
      assertThat(s.field("l").orElseThrow().required()).isFalse();
      assertThat(s.field("nums").orElseThrow().itemType()).isEqualTo(FieldType.FLOAT);
      assertThat(s.field("opt").orElseThrow().type()).isEqualTo(FieldType.TEXT);
      assertThat(s.field("opt").orElseThrow().required()).isFalse();
    }

    @Test
    void refusesToInferFromNothingAndSaysToGiveTheSchema() {
      assertThatThrownBy(() -> SchemaInference.infer(Path.of("empty.jsonl"), List.of()))
          .isInstanceOf(InputException.class).hasMessageContaining("empty.jsonl").hasMessageContaining("give the schema with schema");
      assertThatThrownBy(() -> SchemaInference.infer(Path.of("nulls.jsonl"), List.of(json("{\"a\": null}"))))
          .isInstanceOf(InputException.class).hasMessageContaining("no field with a value");
    }
  }
}
