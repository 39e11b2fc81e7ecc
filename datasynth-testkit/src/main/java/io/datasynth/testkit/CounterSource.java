package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/** A record source that numbers copies of a template; see {@link RecordSource#counter}. */
final class CounterSource implements RecordSource {
  static final String PLACEHOLDER = "{n}";

  private final ObjectNode template;
  private final AtomicLong next = new AtomicLong(1);

  CounterSource(ObjectNode template) {
    Objects.requireNonNull(template, "template");
    if (!containsPlaceholder(template)) {
      throw new IllegalArgumentException(
          "record template " + template + " has no " + PLACEHOLDER + " in any string value; add one (e.g."
              + " \"id-{n}\") so every record is unique");
    }
    this.template = template.deepCopy();
  }

  /** The default source: {@code {"instruction": "Write instruction {n}.", "response": "Response {n}."}}. */
  static CounterSource instructionResponse() {
    ObjectNode template = Jsons.MAPPER.createObjectNode();
    template.put("instruction", "Write instruction {n}.");
    template.put("response", "Response {n}.");
    return new CounterSource(template);
  }

  @Override
  public List<ObjectNode> next(int count, RandomGenerator random) {
    long first = next.getAndAdd(count);
    List<ObjectNode> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add((ObjectNode) substitute(template, Long.toString(first + i)));
    }
    return records;
  }

  private static JsonNode substitute(JsonNode node, String number) {
    if (node.isTextual()) {
      return node.textValue().contains(PLACEHOLDER)
          ? TextNode.valueOf(node.textValue().replace(PLACEHOLDER, number))
          : node;
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        copy.set(field.getKey(), substitute(field.getValue(), number));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      array.forEach(item -> copy.add(substitute(item, number)));
      return copy;
    }
    return node.deepCopy();
  }

  private static boolean containsPlaceholder(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().contains(PLACEHOLDER);
    }
    for (JsonNode child : node) {
      if (containsPlaceholder(child)) {
        return true;
      }
    }
    return false;
  }
}
