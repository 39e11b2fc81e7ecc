package io.datasynth.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.InputKind;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dataset file back: a DataSynth/DataCheck JSON document ({@code {samples:[{id, data}]}}), a seed file
 * ({@code {seeds:[...]}}), a plain JSON list, or JSON Lines of raw records or {@code {id, data}} items.
 */
public final class DatasetReader {
  private DatasetReader() {}

  /**
   * One record read from a dataset file.
   *
   * @param id the id the file gave it, or {@code #position}
   * @param data the record; not necessarily an object when the file is malformed
   * @param position 1-based item number (JSON) or line number (JSONL)
   */
  public record Item(String id, JsonNode data, int position) {
    /** The record as an object, or null when the item is not an object. */
    public ObjectNode object() {
      return data instanceof ObjectNode o ? o : null;
    }
  }

  /**
   * Reads every item of a dataset file that {@code guard} allows (a link or a file outside its root is refused
   * before anything is read from it).
   */
  public static List<Item> read(Path file, FileGuard guard) {
    try (java.nio.channels.FileChannel ignored = guard.openForReading(file)) {
      // opened only to be checked
    } catch (java.nio.file.NoSuchFileException e) {
      throw InputException.of(file, "file not found", "check the path");
    } catch (java.io.IOException e) {
      throw InputException.of(file, "cannot be read (" + e.getClass().getSimpleName() + ")", null);
    }
    return read(file);
  }

  /** Reads every item of a dataset file. */
  public static List<Item> read(Path file) {
    JsonFiles.Values values = JsonFiles.readValues(file, InputKind.DATASET);
    List<Item> items = new ArrayList<>();
    if (values.isLines()) {
      for (JsonFiles.Line line : values.values()) {
        items.add(item(line.value(), line.number()));
      }
      return items;
    }
    if (values.values().isEmpty()) {
      throw InputException.of(file, "is empty", "put a JSON document in it");
    }
    JsonNode root = values.values().get(0).value();
    JsonNode list = root;
    if (root.isObject()) {
      list = root.path("samples").isArray() ? root.get("samples")
          : root.path("seeds").isArray() ? root.get("seeds")
          : root.path("records").isArray() ? root.get("records")
          : root.path("data").isArray() ? root.get("data") : null;
      if (list == null) {
        throw InputException.of(file, "no records found: expected a list, {\"samples\": [...]}, {\"seeds\": [...]}"
            + " or JSON Lines", "point at a dataset file");
      }
    } else if (!root.isArray()) {
      throw InputException.of(file, "no records found: the file holds " + Json.kind(root) + ", not a list of records",
          "point at a dataset file");
    }
    int i = 0;
    for (JsonNode n : list) {
      items.add(item(n, ++i));
    }
    return items;
  }

  private static Item item(JsonNode n, int position) {
    if (n.isObject() && n.path("data").isObject()
        && (n.has("id") || n.has("synthetic") || n.size() <= 3)) {
      String id = n.path("id").isValueNode() ? n.get("id").asText() : "#" + position;
      return new Item(id, n.get("data"), position);
    }
    return new Item("#" + position, n, position);
  }
}
