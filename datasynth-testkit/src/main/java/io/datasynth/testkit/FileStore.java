package io.datasynth.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The fake's OpenAI Files: uploaded batch inputs and the output and error files batches write. Thread-safe. */
final class FileStore {
  /**
   * One file.
   *
   * @param id e.g. {@code file-abc123}
   * @param purpose {@code batch}, {@code batch_output}, …
   */
  record StoredFile(String id, String filename, String purpose, byte[] content, Instant createdAt) {}

  private final Map<String, StoredFile> files = new LinkedHashMap<>();

  synchronized StoredFile add(String filename, String purpose, byte[] content, Instant now, RandomGenerator random) {
    StoredFile file = new StoredFile("file-" + WireFormat.randomId(random, 24), filename, purpose, content, now);
    files.put(file.id(), file);
    return file;
  }

  synchronized StoredFile get(String id) {
    return files.get(id);
  }

  synchronized boolean remove(String id) {
    return files.remove(id) != null;
  }

  static ObjectNode render(StoredFile file) {
    ObjectNode body = Jsons.MAPPER.createObjectNode();
    body.put("id", file.id());
    body.put("object", "file");
    body.put("bytes", file.content().length);
    body.put("created_at", file.createdAt().getEpochSecond());
    body.put("filename", file.filename());
    body.put("purpose", file.purpose());
    body.put("status", "processed");
    body.putNull("expires_at");
    body.putNull("status_details");
    return body;
  }
}
