package io.datasynth.sink;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.InputKind;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.text.Message;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A JSON document whose records sit in a top-level list ({@code {metadata, schema, samples: [...]}}, or
 * {@code seeds}, {@code records}, {@code data}), read as a stream: one record in memory at a time, so a
 * million-record output is read in constant memory.
 *
 * <p>Opening scans the whole file once, without building it, for the metadata and the schema (wherever they sit)
 * and to find syntax errors before any record is handed out; iterating reads it again. Any other file (a plain list,
 * JSON Lines, a broken file) is read by {@link DatasetReader#readJson}, which also words every error.
 */
final class JsonDocumentSource implements DatasetSource {
  /** The keys a document's records may sit under, the first present winning. */
  private static final List<String> LIST_KEYS = List.of("samples", "seeds", "records", "data");

  private final Path file;
  private final String listKey;
  private final ObjectNode meta;
  private final ObjectNode schemaJson;
  private JsonParser parser;
  private boolean iterated;

  private JsonDocumentSource(Path file, String listKey, ObjectNode meta, ObjectNode schemaJson) {
    this.file = file;
    this.listKey = listKey;
    this.meta = meta;
    this.schemaJson = schemaJson;
  }

  /** The file as a stream when it is such a document, else as {@link DatasetReader#readJson} reads it. */
  static DatasetSource open(Path file) {
    DatasetSource streamed = scan(file);
    return streamed != null ? streamed : DatasetReader.readJson(file);
  }

  private static JsonDocumentSource scan(Path file) {
    boolean[] lists = new boolean[LIST_KEYS.size()];
    ObjectNode meta = null;
    ObjectNode schema = null;
    try (Reader r = JsonFiles.open(file, InputKind.DATASET); JsonParser p = Json.mapper().createParser(r)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!names.add(name)) {
          return null;  // a repeated key, which the full reader refuses by name
        }
        JsonToken value = p.nextToken();
        int list = LIST_KEYS.indexOf(name);
        if (name.equals("metadata") && value == JsonToken.START_OBJECT) {
          meta = (ObjectNode) Json.readValue(p);
        } else if (name.equals("schema") && value == JsonToken.START_OBJECT) {
          schema = (ObjectNode) Json.readValue(p);
        } else {
          if (list >= 0 && value == JsonToken.START_ARRAY) {
            lists[list] = true;
          }
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        return null;  // more than one value: JSON Lines, or an error the full reader words
      }
    } catch (IOException | InputException e) {
      return null;
    }
    for (int i = 0; i < lists.length; i++) {
      if (lists[i]) {
        return new JsonDocumentSource(file, LIST_KEYS.get(i), meta, schema == null || schema.isEmpty() ? null
            : schema);
      }
    }
    return null;
  }

  @Override
  public Iterator<DatasetReader.Item> iterator() {
    if (iterated) {
      throw new IllegalStateException("a JSON document source is read once");
    }
    iterated = true;
    try {
      parser = Json.mapper().createParser(JsonFiles.open(file, InputKind.DATASET));
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (parser.nextToken() == JsonToken.START_ARRAY && name.equals(listKey)) {
          return new Items();
        }
        parser.skipChildren();
      }
    } catch (IOException e) {
      throw changed(e);
    }
    throw changed(null);
  }

  /** The records of the list, read as they are asked for. */
  private final class Items implements Iterator<DatasetReader.Item> {
    private int position;
    private DatasetReader.Item next;
    private boolean ended;

    @Override
    public boolean hasNext() {
      if (next == null && !ended) {
        try {
          if (parser.nextToken() == JsonToken.END_ARRAY) {
            ended = true;
          } else {
            JsonNode n = Json.readValue(parser);
            next = DatasetReader.item(n, ++position);
          }
        } catch (IOException e) {
          throw changed(e);
        }
      }
      return next != null;
    }

    @Override
    public DatasetReader.Item next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      DatasetReader.Item item = next;
      next = null;
      return item;
    }
  }

  /** The file read fine when opened, so a failure now means it changed meanwhile. */
  private InputException changed(IOException e) {
    return InputException.of(file, e == null ? Message.of("input.changed") : Message.of("input.changed.because",
        String.valueOf(e.getMessage())), Message.of("input.changed.fix"));
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
    try {
      if (parser != null) {
        parser.close();
      }
    } catch (IOException ignored) {
      // read-only: nothing is lost
    }
  }
}
