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
 * object with an {@code event} kind, except that the last one may be torn (cut off by the kill).
 *
 * @param records the accepted records, in order, without a torn last line
 * @param replies the usage events: one per reply the run received and journaled
 * @param tornLine the torn last line, or null
 */
record JournalFile(List<JsonNode> records, int replies, String tornLine) {
  private static final String ACCEPTED = "{\"event\":\"accepted\"";

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
      switch (node.path("event").asText()) {
        case "accepted" -> records.add(node.get("record"));
        case "usage" -> replies++;
        case "rejected", "run", "run_end", "carried" -> {
          // what was dropped, and where runs began and ended
        }
        default -> throw new AssertionError("line " + (i + 1) + " of " + file + " is not a journal event: " + line);
      }
    }
    return new JournalFile(List.copyOf(records), replies, torn);
  }

  /** Records accepted so far, counting complete lines only; cheap enough to poll. */
  static long recordCount(Path file) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      long n = 0;
      for (int i = text.indexOf(ACCEPTED); i >= 0 && i < end; i = text.indexOf(ACCEPTED, i + 1)) {
        n++;
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
