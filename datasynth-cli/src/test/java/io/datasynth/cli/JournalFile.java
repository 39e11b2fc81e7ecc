package io.datasynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A journal as the tests read it, independently of {@code io.datasynth.journal.Journal}: every line must be a JSON
 * object, except that the last one may be torn (cut off by the kill).
 *
 * @param records the journaled records, in order, without a torn last line
 * @param replies the usage lines: one per reply the run received and journaled
 * @param tornLine the torn last line, or null
 */
record JournalFile(List<JsonNode> records, int replies, String tornLine) {

  static JournalFile read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new JournalFile(List.of(), 0, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<JsonNode> records = new ArrayList<>();
    int replies = 0;
    String torn = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      boolean last = i == lines.length - 1;
      String line = lines[i];
      if (last && line.isEmpty()) {
        break;
      }
      JsonNode node = last ? null : parse(line);
      if (node == null || !node.isObject()) {
        if (!last) {
          throw new AssertionError("line " + (i + 1) + " of " + file + " is damaged but is not the last: " + line);
        }
        torn = line;
        break;
      }
      if (node.has("record")) {
        records.add(node.get("record"));
      } else if (node.has("usage")) {
        replies++;
      } else {
        throw new AssertionError("line " + (i + 1) + " of " + file + " is neither a record nor usage: " + line);
      }
    }
    return new JournalFile(List.copyOf(records), replies, torn);
  }

  /** Records journaled so far, counting complete lines only; cheap enough to poll. */
  static long recordCount(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      long n = 0;
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          if (i - start > 10 && bytes[start + 2] == 'r') {
            n++;
          }
          start = i + 1;
        }
      }
      return n;
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (IOException e) {
      return null;
    }
  }
}
