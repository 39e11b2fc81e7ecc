package io.datasynth.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.InputKind;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.schema.Schema;
import io.datasynth.text.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads seed examples: a JSON list, {@code {samples:[...]}}, {@code {seeds:[...]}}, JSON Lines, or CSV with a header
 * row ({@code .csv}). Items wrapped as {@code {id, data:{...}}} (the DataRecipe layout) are unwrapped.
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
    if (CsvSeeds.isCsv(file)) {
      return csv(file, null);
    }
    JsonFiles.Values values = JsonFiles.readValues(file, InputKind.SEEDS);
    if (values.values().isEmpty()) {
      throw InputException.of(file, Message.of("input.empty"), Message.of(values.isLines()
          ? "input.empty.lines.fix" : "input.empty.json.fix"));
    }
    if (values.isLines()) {
      List<Seed> seeds = new ArrayList<>(values.values().size());
      for (JsonFiles.Line line : values.values()) {
        seeds.add(seed(file, line.value(), seeds.size() + 1, line.number(), Message.of("seed.where.line",
            line.number()), fieldNames));
      }
      return seeds;
    }
    return fromJson(values.values().get(0).value(), file, fieldNames);
  }

  /**
   * Reads the seeds in a file for a schema: as {@link #read(Path, List)}, and a CSV file's cells as the schema's
   * field types.
   */
  public static List<Seed> read(Path file, Schema schema) {
    return CsvSeeds.isCsv(file) ? csv(file, schema) : read(file, schema.fieldNames());
  }

  private static List<Seed> csv(Path file, Schema schema) {
    List<Seed> seeds = new ArrayList<>();
    for (CsvSeeds.Row row : CsvSeeds.read(file, schema)) {
      seeds.add(seed(file, row.record(), seeds.size() + 1, row.line(), Message.of("seed.where.line", row.line()),
          schema == null ? List.of() : schema.fieldNames()));
    }
    return seeds;
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
        throw InputException.of(file, Message.of("seed.not_list"), Message.of("seed.not_list.fix"));
      }
    } else if (!root.isArray()) {
      throw InputException.of(file, Message.of("seed.not_records", Json.kindOf(root)),
          Message.of("seed.not_records.fix"));
    }
    List<Seed> seeds = new ArrayList<>();
    int i = 0;
    for (JsonNode item : list) {
      i++;
      seeds.add(seed(file, item, i, 0, Message.of("seed.where.item", i), fieldNames));
    }
    if (seeds.isEmpty()) {
      throw InputException.of(file, Message.of("seed.none"), Message.of("seed.none.fix"));
    }
    return seeds;
  }

  private static Seed seed(Path file, JsonNode item, int index, int line, Message where, List<String> fieldNames) {
    if (!item.isObject()) {
      throw InputException.of(file, Message.of("seed.not_object", where, Json.kindOf(item)),
          Message.of("seed.not_object.fix"));
    }
    String id = item.path("id").isValueNode() && !item.path("id").asText().isEmpty()
        ? item.get("id").asText() : "seed #" + index;
    JsonNode data = item.get("data");
    ObjectNode record = data != null && data.isObject() && !fieldNames.contains("data")
        ? (ObjectNode) data : (ObjectNode) item;
    int size = Json.compactLengthBound(record) <= MAX_SEED_CHARS ? 0 : Json.compact(record).length();
    if (size > MAX_SEED_CHARS) {
      throw InputException.at(file, line, 0, Message.of("seed.too_long", line > 0 ? Message.of("seed.where.this")
              : where, size, MAX_SEED_CHARS), Message.of("seed.too_long.fix"));
    }
    return new Seed(index, id, record);
  }
}
