package io.datasynth.generate;

import java.util.SplittableRandom;

/**
 * Reply texts for simulated providers: fenced JSON arrays of instruction/response records whose words are random,
 * so distinct records are neither exact nor near duplicates of each other.
 */
final class SimulatedReplies {
  private SimulatedReplies() {}

  /** {@code n} records unique to request {@code index}. */
  static String unique(int index, int n) {
    StringBuilder sb = new StringBuilder("Here are the records:\n```json\n[\n");
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        sb.append(",\n");
      }
      SplittableRandom r = new SplittableRandom(index * 1_000_003L + k);
      sb.append(record(words(r, 10), words(r, 16)));
    }
    return sb.append("\n]\n```").toString();
  }

  /** The same {@code n} records every time: every reply after the first brings only duplicates. */
  static String same(int n) {
    return unique(0, n);
  }

  static String record(String instruction, String response) {
    return "  {\"instruction\": \"" + instruction + "\", \"response\": \"" + response + "\"}";
  }

  private static String words(SplittableRandom r, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      int len = 3 + r.nextInt(7);
      for (int c = 0; c < len; c++) {
        sb.append((char) ('a' + r.nextInt(26)));
      }
    }
    return sb.toString();
  }
}
