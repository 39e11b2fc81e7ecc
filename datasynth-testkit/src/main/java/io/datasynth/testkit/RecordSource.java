package io.datasynth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Where the fake provider's replies get their records from.
 *
 * <p>Implementations must be thread-safe: the fake calls {@link #next} from many request threads at once.
 */
public interface RecordSource {

  /**
   * The records for one reply.
   *
   * @param count how many records to return; at least 1
   * @param random the request's seeded generator, for sources that draw at random; never null
   * @return {@code count} new objects the caller may modify; never null
   */
  List<ObjectNode> next(int count, RandomGenerator random);

  /**
   * A source of unique records made from {@code template}: in each record every string value containing
   * {@code {n}} gets the record's number, which increases by one per record across all threads, from 1. Each
   * {@code {words}} becomes eight random words and each {@code {zh}} twelve random Chinese characters (from the
   * request's seeded generator), so records differ in content too and are not near-duplicates of each other.
   *
   * @param template a JSON object with {@code {n}} in at least one string value (nested values count); copied
   * @throws IllegalArgumentException if no string value contains {@code {n}}
   */
  static RecordSource counter(ObjectNode template) {
    return new CounterSource(template);
  }

  /**
   * A source that draws from {@code records} without replacement in a seeded shuffled order and starts a new
   * shuffle when all were drawn, so long runs get real duplicates.
   *
   * @param records the pool; not empty; copied
   */
  static RecordSource pool(List<ObjectNode> records) {
    return new PoolSource(records);
  }

  /**
   * A {@linkplain #pool pool} read from a JSONL file: one JSON object per line, blank lines skipped.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if a line is not a JSON object (the message names the line) or the file
   *     holds no records
   */
  static RecordSource fromJsonl(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read records file " + file + ": " + e.getMessage(), e);
    }
    List<ObjectNode> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = Jsons.MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + " is not valid JSON (" + e.getOriginalMessage() + "); write one JSON"
                + " object per line",
            e);
      }
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + " is a JSON " + node.getNodeType() + ", not an object; write one JSON"
                + " object per line");
      }
      records.add(object);
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no records; write one JSON object per line");
    }
    return pool(records);
  }
}
