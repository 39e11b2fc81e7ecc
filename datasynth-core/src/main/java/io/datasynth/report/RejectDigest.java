package io.datasynth.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.journal.JournalCodec;
import io.datasynth.json.Json;
import io.datasynth.quality.RejectReason;
import io.datasynth.text.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a rejects file holds, in brief: how many records it keeps for each reason and the first few of each, as the
 * quality report shows them. Built line by line, so a file of any size takes the same memory.
 *
 * @param counts lines by reason, surplus (valid records kept for a top-up) included
 * @param examples the first {@value #EXAMPLES} lines of each reason
 * @param unreadable lines that are not a reject DataSynth wrote
 */
public record RejectDigest(Map<RejectReason.Code, Long> counts, Map<RejectReason.Code, List<Example>> examples,
    long unreadable) {

  /** Examples kept per reason. */
  public static final int EXAMPLES = 3;
  private static final int TEXT = 300;

  public RejectDigest {
    Map<RejectReason.Code, Long> c = new EnumMap<>(RejectReason.Code.class);
    c.putAll(counts);
    counts = Collections.unmodifiableMap(c);
    Map<RejectReason.Code, List<Example>> copy = new EnumMap<>(RejectReason.Code.class);
    examples.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    examples = Collections.unmodifiableMap(copy);
  }

  /**
   * One rejected record.
   *
   * @param message why, for people
   * @param text the record or fragment as JSON text, cut short
   */
  public record Example(RejectReason reason, Message message, String text) {}

  /** Records rejected, surplus not included. */
  public long rejected() {
    return counts.entrySet().stream().filter(e -> e.getKey().isRejection()).mapToLong(Map.Entry::getValue).sum();
  }

  /** Collects a digest from the lines of a rejects file. Not thread-safe. */
  public static final class Tally {
    private final Map<RejectReason.Code, Long> counts = new EnumMap<>(RejectReason.Code.class);
    private final Map<RejectReason.Code, List<Example>> examples = new EnumMap<>(RejectReason.Code.class);
    private long unreadable;

    /** One line of a rejects file: {@code {reason, record | fragment, provenance}}. */
    public void add(JsonNode line) {
      RejectReason reason;
      try {
        reason = JournalCodec.readReason(line.path("reason"));
      } catch (RuntimeException notOurs) {
        unreadable++;
        return;
      }
      counts.merge(reason.code(), 1L, Long::sum);
      List<Example> kept = examples.computeIfAbsent(reason.code(), k -> new ArrayList<>());
      if (kept.size() < EXAMPLES) {
        // The rejects file names a duplicated record by its output id; the reason read back holds no such id.
        String of = line.path("reason").path("of").asText("");
        Message message = reason.message(n -> of);
        JsonNode record = line.get("record");
        String text = record != null && !record.isNull() ? Json.compact(record) : line.path("fragment").asText("");
        kept.add(new Example(reason, message, text.codePointCount(0, text.length()) > TEXT
            ? text.substring(0, text.offsetByCodePoints(0, TEXT)) + "…" : text));
      }
    }

    public RejectDigest digest() {
      return new RejectDigest(counts, examples, unreadable);
    }
  }
}
