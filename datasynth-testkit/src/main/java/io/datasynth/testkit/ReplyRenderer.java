package io.datasynth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Lays records out as reply text in a {@link ReplyStyle}, remembering where each record ends. */
final class ReplyRenderer {
  private ReplyRenderer() {}

  /**
   * Rendered text and the char offset just past each record, so a cut text can tell how many records it keeps.
   */
  record Rendered(String text, int[] recordEnds) {
    int recordsBefore(int cut) {
      int n = 0;
      while (n < recordEnds.length && recordEnds[n] <= cut) {
        n++;
      }
      return n;
    }
  }

  /**
   * @param jsonObject wrap the array as {@code {"records": [...]}} with nothing around it, as a JSON-mode reply
   */
  static Rendered render(List<ObjectNode> records, ReplyStyle style, boolean jsonObject) {
    StringBuilder text = new StringBuilder();
    int[] ends = new int[records.size()];
    if (jsonObject) {
      text.append("{\"records\": ");
      array(records, text, ends);
      text.append('}');
      return new Rendered(text.toString(), ends);
    }
    String noun = records.size() == 1 ? "record" : "records";
    switch (style) {
      case FENCED_ARRAY -> {
        text.append("Here are ").append(records.size()).append(' ').append(noun).append(":\n```json\n");
        array(records, text, ends);
        text.append("\n```");
      }
      case BARE_ARRAY -> array(records, text, ends);
      case JSONL -> {
        for (int i = 0; i < records.size(); i++) {
          text.append(write(records.get(i), false));
          ends[i] = text.length();
          if (i < records.size() - 1) {
            text.append('\n');
          }
        }
      }
      case PROSE_WRAPPED -> {
        text.append("Sure! I wrote ").append(records.size()).append(' ').append(noun);
        text.append(" that follow your instructions.\n\n```json\n");
        array(records, text, ends);
        text.append("\n```\n\nEach one is different from the others. Let me know if you need more.");
      }
    }
    return new Rendered(text.toString(), ends);
  }

  /**
   * Writes {@code value} as compact JSON, remembering where each element of {@code records} (an array inside it,
   * by identity; null for none) ends.
   */
  static Rendered renderJson(JsonNode value, ArrayNode records) {
    StringBuilder text = new StringBuilder();
    int[] ends = new int[records == null ? 0 : records.size()];
    writeJson(value, records, text, ends);
    return new Rendered(text.toString(), ends);
  }

  private static void writeJson(JsonNode value, ArrayNode records, StringBuilder text, int[] ends) {
    if (value.isObject()) {
      text.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        text.append(first ? "" : ",").append(write(TextNode.valueOf(field.getKey()))).append(':');
        writeJson(field.getValue(), records, text, ends);
        first = false;
      }
      text.append('}');
    } else if (value.isArray()) {
      text.append('[');
      for (int i = 0; i < value.size(); i++) {
        text.append(i == 0 ? "" : ",");
        writeJson(value.get(i), records, text, ends);
        if (value == records) {
          ends[i] = text.length();
        }
      }
      text.append(']');
    } else {
      text.append(write(value));
    }
  }

  private static String write(JsonNode node) {
    try {
      return Jsons.COMPACT.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void array(List<ObjectNode> records, StringBuilder text, int[] ends) {
    text.append("[\n");
    for (int i = 0; i < records.size(); i++) {
      text.append("  ").append(write(records.get(i), true).replace("\n", "\n  "));
      ends[i] = text.length();
      text.append(i < records.size() - 1 ? ",\n" : "\n");
    }
    text.append(']');
  }

  private static String write(ObjectNode record, boolean pretty) {
    try {
      return (pretty ? Jsons.PRETTY : Jsons.COMPACT).writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
