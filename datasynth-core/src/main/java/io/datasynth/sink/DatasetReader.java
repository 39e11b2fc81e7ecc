package io.datasynth.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.text.Message;
import io.datasynth.json.InputKind;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a dataset file back: a DataSynth/DataCheck JSON document ({@code {samples:[{id, data}]}}), a seed file
 * ({@code {seeds:[...]}}), a plain JSON list, JSON Lines of raw records or {@code {id, data}} items, or a file of any
 * other installed {@link OutputFormat} (Parquet with the {@code datasynth-parquet} module).
 */
public final class DatasetReader {
  private DatasetReader() {}

  /**
   * One record read from a dataset file.
   *
   * @param id the id the file gave it, or {@code #position}
   * @param data the record; not necessarily an object when the file is malformed
   * @param position 1-based item number (JSON, and formats with rows) or line number (JSONL)
   * @param provenance the record's provenance when the file keeps it beside the record (a DataSynth JSON
   *     document's {@code samples[].provenance}); null otherwise
   */
  public record Item(String id, JsonNode data, int position, ObjectNode provenance) {
    /** An item whose file keeps no provenance beside it. */
    public Item(String id, JsonNode data, int position) {
      this(id, data, position, null);
    }

    /** The record as an object, or null when the item is not an object. */
    public ObjectNode object() {
      return data instanceof ObjectNode o ? o : null;
    }
  }

  /**
   * Reads every item of a dataset file into memory.
   *
   * @throws InputException when the file cannot be read or holds no records, naming the file and the position
   */
  public static List<Item> read(Path file) {
    try (DatasetSource source = open(file)) {
      List<Item> items = new ArrayList<>();
      source.forEach(items::add);
      return items;
    }
  }

  /**
   * Reads every item of a dataset file that {@code guard} allows (a link or a file outside its root is refused
   * before anything is read from it).
   */
  public static List<Item> read(Path file, FileGuard guard) {
    guard.checkReadable(file);
    return read(file);
  }

  /**
   * Opens a dataset file of any installed format, chosen by its first bytes, else its extension, else JSON (which
   * also reads JSON Lines).
   *
   * @throws InputException when the file cannot be read, or is of a format whose module is not installed
   */
  public static DatasetSource open(Path file) {
    return OutputFormats.forInput(file).read(file);
  }

  /** Reads a JSON document, a plain JSON list or JSON Lines, all in memory. */
  static DatasetSource readJson(Path file) {
    JsonFiles.Values values = JsonFiles.readValues(file, InputKind.DATASET);
    List<Item> items = new ArrayList<>();
    if (values.isLines()) {
      for (JsonFiles.Line line : values.values()) {
        items.add(item(line.value(), line.number()));
      }
      return new Loaded(items, null, null);
    }
    if (values.values().isEmpty()) {
      throw InputException.of(file, Message.of("input.empty"), Message.of("input.empty.json.fix"));
    }
    JsonNode root = values.values().get(0).value();
    JsonNode list = root;
    if (root.isObject()) {
      list = root.path("samples").isArray() ? root.get("samples")
          : root.path("seeds").isArray() ? root.get("seeds")
          : root.path("records").isArray() ? root.get("records")
          : root.path("data").isArray() ? root.get("data") : null;
      if (list == null) {
        throw InputException.of(file, Message.of("dataset.no_records"), Message.of("dataset.no_records.fix"));
      }
    } else if (!root.isArray()) {
      throw InputException.of(file, Message.of("dataset.not_a_list", Json.kindOf(root)),
          Message.of("dataset.no_records.fix"));
    }
    int i = 0;
    for (JsonNode n : list) {
      items.add(item(n, ++i));
    }
    return new Loaded(items, root.get("metadata") instanceof ObjectNode m ? m : null,
        root.get("schema") instanceof ObjectNode sc && !sc.isEmpty() ? sc : null);
  }

  /** A source whose items are all in memory already. */
  private record Loaded(List<Item> items, ObjectNode meta, ObjectNode schemaJson) implements DatasetSource {
    @Override
    public Iterator<Item> iterator() {
      return items.iterator();
    }

    @Override
    public Optional<ObjectNode> metadata() {
      return Optional.ofNullable(meta);
    }

    @Override
    public Optional<ObjectNode> schema() {
      return Optional.ofNullable(schemaJson);
    }

    @Override
    public void close() {
      // nothing is held open
    }
  }

  /** An item of a JSON dataset: {@code {id, data}} wrappers are unwrapped. */
  static Item item(JsonNode n, int position) {
    if (n.isObject() && n.path("data").isObject()
        && (n.has("id") || n.has("synthetic") || n.size() <= 3)) {
      String id = n.path("id").isValueNode() ? n.get("id").asText() : "#" + position;
      return new Item(id, n.get("data"), position, n.get("provenance") instanceof ObjectNode p ? p : null);
    }
    return new Item("#" + position, n, position);
  }
}
