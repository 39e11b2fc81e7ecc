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

  /** {@code "1 record"}, {@code "3 records"}. */
  static String records(long n) {
    return n + (n == 1 ? " record" : " records");
  }
}
