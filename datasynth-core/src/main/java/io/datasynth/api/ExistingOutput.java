package io.datasynth.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.sink.DatasetReader;
import io.datasynth.sink.DatasetSource;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import io.datasynth.sink.OutputFormat;
import io.datasynth.text.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An output that is already there: what its metadata says (the inputs it was made from, its runs) and its records,
 * read as a stream. A run tops it up, or refuses to touch it, from what it holds.
 */
final class ExistingOutput {
  private final OutputFiles files;
  private final OutputFormat format;
  private final ObjectNode metadata;

  private ExistingOutput(OutputFiles files, OutputFormat format, ObjectNode metadata) {
    this.files = files;
    this.format = format;
    this.metadata = metadata;
  }

  /**
   * The output's metadata: inside a JSON document, in the {@code .meta.json} sidecar otherwise; null when none. The
   * files are checked by {@code guard} before anything is read from them.
   */
  static ExistingOutput read(OutputFiles files, OutputFormat format, FileGuard guard) {
    guard.checkReadable(files.output());
    ObjectNode meta = null;
    if ("json".equals(format.name())) {
      meta = jsonMetadata(files.output());
    } else if (Files.isRegularFile(files.meta())) {
      JsonNode sidecar = io.datasynth.json.JsonFiles.parseJson(files.meta(), guard.readText(files.meta()));
      meta = sidecar.path("metadata") instanceof ObjectNode m ? m : null;
    } else {
      try (DatasetSource source = DatasetReader.open(files.output())) {
        meta = source.metadata().orElse(null);
      }
    }
    return new ExistingOutput(files, format, meta);
  }

  /** The metadata, or null when the output has none (another tool's file, or a plain list). */
  ObjectNode metadata() {
    return metadata;
  }

  /**
   * Its records by the prompt-settings fingerprint they were made with, as its metadata says; records it does not
   * account for are under the empty fingerprint.
   *
   * @param records how many records it holds
   */
  Map<String, Long> deliveredBySettings(long records) {
    Map<String, Long> m = new LinkedHashMap<>();
    if (metadata != null) {
      metadata.path("summary").path("delivered_by_settings").fields()
          .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
    }
    long known = m.values().stream().mapToLong(Long::longValue).sum();
    if (known != records) {
      m.clear();
      m.put("", records);
    }
    return m;
  }

  /** The fingerprint of the schema and seeds it was made from, or null when it does not say. */
  String inputsFingerprint() {
    return metadata == null ? null : metadata.path("inputs").path("fingerprint").asText(null);
  }

  /** What its metadata says about its runs (an array, possibly empty). */
  JsonNode runs() {
    return metadata == null ? Json.mapper().createArrayNode() : metadata.path("summary").path("runs");
  }

  /** How many records it holds. */
  long count() {
    long[] n = {0};
    forEach((r, p) -> n[0]++);
    return n[0];
  }

  /** Passes every record, with its provenance (null when the file keeps none), in order. */
  void forEach(BiConsumer<ObjectNode, ObjectNode> action) {
    if ("json".equals(format.name())) {
      jsonSamples(files.output(), action);
      return;
    }
    Iterator<JsonNode> provenance = provenanceLines();
    try (DatasetSource source = DatasetReader.open(files.output())) {
      for (DatasetReader.Item item : source) {
        ObjectNode p = provenance.hasNext() && provenance.next().path("provenance") instanceof ObjectNode o ? o : null;
        if (item.object() != null) {
          action.accept(item.object(), p);
        }
      }
    }
  }

  /** The SHA-256 of the output's bytes, to tell that it is still the one a top-up began with. */
  String sha256() {
    try (InputStream in = new DigestInputStream(Files.newInputStream(files.output()),
        MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Iterator<JsonNode> provenanceLines() {
    if (!Files.isRegularFile(files.provenance())) {
      return java.util.Collections.emptyIterator();
    }
    try {
      BufferedReader r = Files.newBufferedReader(files.provenance(), StandardCharsets.UTF_8);
      return r.lines().map(l -> {
        try {
          return Json.mapper().readTree(l);
        } catch (IOException e) {
          return (JsonNode) Json.object();
        }
      }).iterator();
    } catch (IOException e) {
      return java.util.Collections.emptyIterator();
    }
  }

  private static ObjectNode jsonMetadata(Path file) {
    try (JsonParser p = Json.mapper().getFactory().createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("metadata") && p.currentToken() == JsonToken.START_OBJECT) {
          return (ObjectNode) Json.readValue(p);
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      throw InputException.of(file, Message.of("output.unreadable", String.valueOf(e.getMessage())),
          AtomicFiles.overwriteFix());
    }
  }

  private static void jsonSamples(Path file, BiConsumer<ObjectNode, ObjectNode> action) {
    try (JsonParser p = Json.mapper().getFactory().createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("samples") && p.currentToken() == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode sample = Json.readValue(p);
            if (sample.path("data") instanceof ObjectNode data) {
              action.accept(data, sample.path("provenance") instanceof ObjectNode o ? o : null);
            }
          }
          return;
        }
        p.skipChildren();
      }
    } catch (IOException e) {
      throw InputException.of(file, Message.of("output.unreadable", String.valueOf(e.getMessage())),
          AtomicFiles.overwriteFix());
    }
  }
}
