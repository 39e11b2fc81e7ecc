package io.datasynth.mcp;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Counts by reason as readable text: {@code "duplicate 2, invalid 1"}, sorted by name. */
final class Counts {
  private Counts() {}

  static String of(Map<String, Long> counts) {
    return new TreeMap<>(counts).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** Counts by reason code, surplus left out: it is not a rejection. */
  static String ofCodes(Map<io.datasynth.quality.RejectReason.Code, Long> counts) {
    Map<String, Long> byId = new TreeMap<>();
    counts.forEach((k, v) -> {
      if (k.isRejection()) {
        byId.put(k.id(), v);
      }
    });
    return of(byId);
  }

  /** The same counts as a JSON object keyed by reason code. */
  static com.fasterxml.jackson.databind.node.ObjectNode json(Map<io.datasynth.quality.RejectReason.Code, Long> counts) {
    var o = io.datasynth.json.Json.object();
    new TreeMap<>(counts).forEach((k, v) -> {
      if (k.isRejection()) {
        o.put(k.id(), v);
      }
    });
    return o;
  }

  /** {@code "1 record"}, {@code "3 records"}. */
  static String records(long n) {
    return n + (n == 1 ? " record" : " records");
  }
}
