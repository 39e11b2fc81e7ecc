package io.datasynth.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The envelopes models put records in: {@code {"samples": [...]}} and its cousins, and items written as
 * {@code {"id": ..., "data": {...}}}. A key that is one of the schema's field names is never taken for an
 * envelope.
 */
final class Shapes {
  /** Keys whose list value holds the records, tried in this order. */
  static final List<String> WRAPPER_KEYS = List.of("samples", "records", "data", "items", "results");

  /** Keys that may sit beside {@code data} in a wrapped item when the schema's fields are not known. */
  private static final Set<String> ITEM_KEYS =
      Set.of("id", "_id", "index", "metadata", "meta", "_meta", "think_process", "synthetic");

  private static final int MAX_WRAPPER_KEY = 8;

  private final Set<String> fields;

  Shapes(Collection<String> fieldNames) {
    this.fields = Set.copyOf(fieldNames);
  }

  /**
   * The list of records when {@code obj} is an envelope, else null. An envelope has a wrapper key holding a list
   * and no key that is a schema field; when the fields are not known, the list must also be empty or hold an
   * object, so that a record with a list of words under {@code items} stays a record.
   */
  ArrayNode wrapperItems(ObjectNode obj) {
    for (String key : WRAPPER_KEYS) {
      JsonNode v = obj.get(key);
      if (v != null && v.isArray() && !fields.contains(key)
          && (!fields.isEmpty() || v.isEmpty() || hasObject(v)) && !hasFieldKey(obj)) {
        return (ArrayNode) v;
      }
    }
    return null;
  }

  /** The record inside an {@code {id, data}} item, or the item itself when it is not one. */
  ObjectNode unwrap(ObjectNode item) {
    JsonNode data = item.get("data");
    if (data == null || !data.isObject() || fields.contains("data") || hasFieldKey(item)) {
      return item;
    }
    if (fields.isEmpty()) {
      for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!k.equals("data") && !ITEM_KEYS.contains(k)) {
          return item;
        }
      }
    }
    return (ObjectNode) data;
  }

  /**
   * For an envelope that did not parse, the index of the {@code [} after its first key (e.g. the list in
   * <code>{"samples": [</code>), so the records inside can be salvaged one by one; -1 when the object does not
   * start like an envelope.
   */
  int wrapperListStart(String s, int objStart, int limit) {
    int i = skipBlank(s, objStart + 1, limit);
    if (i >= limit || (s.charAt(i) != '"' && s.charAt(i) != '\'')) {
      return -1;
    }
    char quote = s.charAt(i);
    int keyEnd = i + 1;
    while (keyEnd < limit && keyEnd - i <= MAX_WRAPPER_KEY && s.charAt(keyEnd) != quote) {
      keyEnd++;
    }
    if (keyEnd >= limit || s.charAt(keyEnd) != quote) {
      return -1;
    }
    String key = s.substring(i + 1, keyEnd);
    if (!WRAPPER_KEYS.contains(key) || fields.contains(key)) {
      return -1;
    }
    i = skipBlank(s, keyEnd + 1, limit);
    if (i >= limit || s.charAt(i) != ':') {
      return -1;
    }
    i = skipBlank(s, i + 1, limit);
    return i < limit && s.charAt(i) == '[' ? i : -1;
  }

  private boolean hasFieldKey(ObjectNode obj) {
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      if (fields.contains(it.next())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasObject(JsonNode list) {
    for (JsonNode item : list) {
      if (item.isObject()) {
        return true;
      }
    }
    return false;
  }

  private static int skipBlank(String s, int from, int limit) {
    int i = from;
    while (i < limit && Spans.isBlank(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
