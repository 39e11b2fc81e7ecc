package io.datasynth.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Finds the JSON a prompt carries: objects anywhere in its text, and the content of marker tags. */
final class PromptJson {
  private PromptJson() {}

  /** The text between {@code <tag>} and {@code </tag>} (the first such pair); null when absent. */
  static String tagged(String prompt, String tag) {
    int open = prompt.indexOf("<" + tag + ">");
    if (open < 0) {
      return null;
    }
    int start = open + tag.length() + 2;
    int close = prompt.indexOf("</" + tag + ">", start);
    return close < 0 ? null : prompt.substring(start, close);
  }

  /**
   * The JSON objects in {@code text}, outermost first: an object inside another is not listed, but the objects of a
   * top-level array are. Text that is not JSON is skipped.
   */
  static List<ObjectNode> objects(String text) {
    List<ObjectNode> found = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '{') {
        int end = parseEnd(text, i);
        if (end > 0) {
          JsonNode node = read(text.substring(i, end));
          if (node instanceof ObjectNode object) {
            found.add(object);
            i = end;
            continue;
          }
        }
      }
      i++;
    }
    return found;
  }

  /** The JSON array or JSON Lines objects of a tagged block; empty when it holds neither. */
  static List<ObjectNode> block(String content) {
    JsonNode node = read(content.strip());
    List<ObjectNode> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(item -> {
        if (item instanceof ObjectNode object) {
          out.add(object);
        }
      });
      return out;
    }
    return objects(content);
  }

  static JsonNode read(String text) {
    try {
      return Jsons.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Where the JSON value that starts at {@code start} ends (exclusive); -1 when it is not JSON. */
  private static int parseEnd(String text, int start) {
    try (JsonParser parser = Jsons.MAPPER.getFactory().createParser(text.substring(start))) {
      parser.nextToken();
      parser.skipChildren();
      return start + (int) parser.currentTokenLocation().getCharOffset() + 1;
    } catch (IOException e) {
      return -1;
    }
  }
}
