package io.datasynth.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often each value of a field occurs, while the field has at most {@value #CAP} distinct scalar values; past
 * that (or at a list or object) the field is not categorical and counting stops. Not thread-safe.
 */
final class ValueTally {
  static final int CAP = 30;

  private final Map<String, Long> counts = new LinkedHashMap<>();
  private boolean open;

  void add(JsonNode v) {
    if (open || v == null || v.isNull() || v.isMissingNode()) {
      return;
    }
    if (!v.isValueNode()) {
      stop();
      return;
    }
    counts.merge(text(v), 1L, Long::sum);
    if (counts.size() > CAP) {
      stop();
    }
  }

  private void stop() {
    open = true;
    counts.clear();
  }

  /** Whether the values stayed few enough to be counted. */
  boolean closed() {
    return !open;
  }

  Map<String, Long> counts() {
    return counts;
  }

  /** A value as the report names it: text as it is, numbers without trailing zeros, booleans as words. */
  static String text(JsonNode v) {
    if (v.isNumber()) {
      return v.decimalValue().stripTrailingZeros().toPlainString();
    }
    return v.asText();
  }
}
