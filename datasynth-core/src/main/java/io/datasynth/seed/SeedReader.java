package io.datasynth.seed;

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
 * Reads seed examples: a JSON list, {@code {samples:[...]}}, {@code {seeds:[...]}}, or JSON Lines. Items wrapped
 * as {@code {id, data:{...}}} (the DataRecipe layout) are unwrapped.
 */
public final class SeedReader {
  /**
   * The longest seed accepted, in characters of compact JSON. Seeds are shown to the model as examples and size
   * each request's {@code max_tokens}, so a larger one could never fit a prompt or a reply.
   */
  public static final int MAX_SEED_CHARS = 100_000;

  private SeedReader() {}

  /**
   * Reads the seeds in a file.
   *
   * @param fieldNames the schema's field names, used to tell a wrapper's {@code data} key from a field called
   *     {@code data}; may be empty
   * @throws InputException when the file is not one of the accepted shapes or holds no seeds
   */
  public static List<Seed> read(Path file, List<String> fieldNames) {
    JsonFiles.Values values = JsonFiles.readValues(file, InputKind.SEEDS);
    if (values.values().isEmpty()) {
      throw InputException.of(file, "is empty", values.isLines() ? "put one JSON object per line in it"
          : "put a JSON document in it");
    }
    if (values.isLines()) {
      List<Seed> seeds = new ArrayList<>(values.values().size());
      for (JsonFiles.Line line : values.values()) {
        seeds.add(seed(file, line.value(), seeds.size() + 1, line.number(), "line " + line.number(), fieldNames));
      }
      return seeds;
    }
    return fromJson(values.values().get(0).value(), file, fieldNames);
  }

  /** Reads seeds from parsed JSON (a list or an object with {@code samples} or {@code seeds}). */
  public static List<Seed> fromJson(JsonNode root, Path file, List<String> fieldNames) {
    JsonNode list = root;
    if (root.isObject()) {
      if (root.path("samples").isArray()) {
        list = root.get("samples");
      } else if (root.path("seeds").isArray()) {
        list = root.get("seeds");
      } else {
        throw InputException.of(file, "seeds must be a list, {\"samples\": [...]} or {\"seeds\": [...]}",
            "wrap the records in a list");
      }
    } else if (!root.isArray()) {
      throw InputException.of(file, "seeds must be a list of records, found " + Json.kind(root),
          "write [{...}, {...}] or one JSON object per line");
    }
    List<Seed> seeds = new ArrayList<>();
    int i = 0;
    for (JsonNode item : list) {
      i++;
      seeds.add(seed(file, item, i, 0, "item " + i, fieldNames));
    }
    if (seeds.isEmpty()) {
      throw InputException.of(file, "holds no seed examples", "add at least one example record");
    }
    return seeds;
  }

  private static Seed seed(Path file, JsonNode item, int index, int line, String where, List<String> fieldNames) {
    if (!item.isObject()) {
      throw InputException.of(file, where + " is " + Json.kind(item) + ", not an object",
          "every seed must be a JSON object with the schema's fields");
    }
    String id = item.path("id").isValueNode() && !item.path("id").asText().isEmpty()
        ? item.get("id").asText() : "seed #" + index;
    JsonNode data = item.get("data");
    ObjectNode record = data != null && data.isObject() && !fieldNames.contains("data")
        ? (ObjectNode) data : (ObjectNode) item;
    int size = Json.compactLengthBound(record) <= MAX_SEED_CHARS ? 0 : Json.compact(record).length();
    if (size > MAX_SEED_CHARS) {
      throw InputException.at(file, line, 0, (line > 0 ? "the seed" : where) + " is too long: "
              + String.format("%,d", size) + " characters of JSON, over the limit of "
              + String.format("%,d", MAX_SEED_CHARS),
          "seeds are shown to the model as examples; shorten it or leave it out");
    }
    return new Seed(index, id, record);
  }
}
