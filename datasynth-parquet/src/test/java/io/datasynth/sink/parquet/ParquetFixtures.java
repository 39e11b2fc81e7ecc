package io.datasynth.sink.parquet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.util.List;

/** A schema with every field type, Chinese names, and records that fill it in different ways. */
final class ParquetFixtures {
  static final Schema SCHEMA = new Schema("测试集", "每种类型", List.of(
      Field.of("问题", FieldType.TEXT),
      Field.of("score", FieldType.INT),
      optional("权重", FieldType.FLOAT, null),
      Field.of("ok", FieldType.BOOL),
      new Field("标签", "标签", FieldType.LIST, "", true, Constraints.NONE, FieldType.TEXT),
      optional("nums", FieldType.LIST, FieldType.INT),
      optional("any", FieldType.LIST, null),
      optional("extra", FieldType.OBJECT, null)), List.of());

  private ParquetFixtures() {}

  static Field optional(String name, FieldType type, FieldType item) {
    return new Field(name, name, type, "", false, Constraints.NONE, item);
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static List<ObjectNode> records() {
    return List.of(
        json("{\"问题\": \"长城有多长？\", \"score\": 5, \"权重\": 0.25, \"ok\": true, \"标签\": [\"历史\", \"地理\"], "
            + "\"nums\": [1, 2, 3], \"any\": [{\"k\": \"v\"}, 7, \"x\"], \"extra\": {\"来源\": \"百科\", \"n\": [1]}}"),
        json("{\"问题\": \"What is MinHash?\", \"score\": -2, \"ok\": false, \"标签\": [], \"nums\": [], "
            + "\"extra\": {}}"),
        json("{\"问题\": \"空值\", \"score\": 9007199254740993, \"权重\": 1.5e10, \"ok\": true, \"标签\": [\"唯一\"]}"));
  }
}
