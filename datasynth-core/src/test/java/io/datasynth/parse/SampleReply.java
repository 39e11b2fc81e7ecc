package io.datasynth.parse;

import java.util.ArrayList;
import java.util.List;

/** A well-formed reply built for cut-off tests, remembering where each record ends. */
record SampleReply(String text, List<Integer> recordEnds) {

  /** How many records end at or before {@code cut}. */
  int completeBefore(int cut) {
    int n = 0;
    for (int end : recordEnds) {
      if (end <= cut) {
        n++;
      }
    }
    return n;
  }

  /** A reply of {@code n} records shaped as a list, JSON Lines, an envelope or a pretty-printed list. */
  static SampleReply build(String shape, int n) {
    StringBuilder sb = new StringBuilder();
    List<Integer> ends = new ArrayList<>();
    String open = switch (shape) {
      case "list" -> "[";
      case "envelope" -> "{\"samples\": [";
      case "pretty" -> "[\n";
      default -> "";
    };
    sb.append(open);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(shape.equals("jsonl") ? "\n" : shape.equals("pretty") ? ",\n" : ", ");
      }
      sb.append(shape.equals("pretty") ? pretty(i) : compact(i));
      ends.add(sb.length());
    }
    sb.append(switch (shape) {
      case "list" -> "]";
      case "envelope" -> "]}";
      case "pretty" -> "\n]";
      default -> "\n";
    });
    return new SampleReply(sb.toString(), ends);
  }

  private static String compact(int i) {
    return "{\"instruction\": \"Q" + i + " with {braces}, [brackets], \\\"quotes\\\" and a \\\\ backslash\", "
        + "\"response\": \"答" + i + "：```code``` // not a comment\", \"score\": " + (i + 0.5) + ", \"ok\": true}";
  }

  private static String pretty(int i) {
    return "  {\n    \"instruction\": \"Q" + i + " {x}\",\n    \"conversation\": [\n"
        + "      {\"role\": \"user\", \"content\": \"hi \\\"there\\\"\"},\n"
        + "      {\"role\": \"assistant\", \"content\": \"hello [" + i + "]\"}\n    ],\n"
        + "    \"response\": null\n  }";
  }
}
