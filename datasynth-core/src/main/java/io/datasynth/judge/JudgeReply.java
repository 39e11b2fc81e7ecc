package io.datasynth.judge;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scores in a judge's reply: {@code {"scores": [{"id", "score", "rationale"}]}} as structured output, or the
 * same JSON in free text (in a code fence, after prose, with trailing commas). A score that is not a number, or an
 * entry without an id, is left out; the records it was for are asked about again.
 */
public final class JudgeReply {
  /** Rationales longer than this are cut. */
  static final int MAX_RATIONALE = 300;

  private JudgeReply() {}

  /**
   * One score.
   *
   * @param rationale the judge's one-line reason; empty when it gave none
   */
  public record Score(double score, String rationale) {}

  /** The scores by record id, in reply order; empty when the reply holds none. Thread-safe. */
  public static Map<String, Score> parse(String text) {
    Map<String, Score> out = new LinkedHashMap<>();
    JsonNode root = read(text).orElse(null);
    if (root == null) {
      return out;
    }
    JsonNode list = root.isArray() ? root : root.path("scores");
    if (!list.isArray()) {
      return out;
    }
    for (JsonNode e : list) {
      JsonNode id = e.get("id");
      Double score = number(e.get("score"));
      if (id == null || id.isNull() || id.isContainerNode() || score == null) {
        continue;
      }
      String rationale = e.path("rationale").isValueNode() ? e.path("rationale").asText("") : "";
      rationale = io.datasynth.text.Spaces.collapse(rationale).strip();
      if (rationale.codePointCount(0, rationale.length()) > MAX_RATIONALE) {
        rationale = rationale.substring(0, rationale.offsetByCodePoints(0, MAX_RATIONALE)) + "…";
      }
      out.putIfAbsent(id.asText(), new Score(score, rationale));
    }
    return out;
  }

  private static Double number(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isNumber()) {
      return Double.isFinite(n.asDouble()) ? n.asDouble() : null;
    }
    if (n.isTextual()) {
      try {
        double d = Double.parseDouble(n.asText().strip());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The reply's JSON: all of it, else the outermost object or array found in it. */
  private static Optional<JsonNode> read(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.strip();
    Optional<JsonNode> whole = tryParse(t);
    if (whole.isPresent() && whole.get().isContainerNode()) {
      return whole;
    }
    int fence = t.indexOf("```");
    if (fence >= 0) {
      int start = t.indexOf('\n', fence);
      int end = start < 0 ? -1 : t.indexOf("```", start);
      if (end > start) {
        Optional<JsonNode> fenced = tryParse(t.substring(start + 1, end));
        if (fenced.isPresent() && fenced.get().isContainerNode()) {
          return fenced;
        }
      }
    }
    int open = t.indexOf('{');
    int close = t.lastIndexOf('}');
    if (open >= 0 && close > open) {
      Optional<JsonNode> object = tryParse(t.substring(open, close + 1));
      if (object.isPresent()) {
        return object;
      }
    }
    int openA = t.indexOf('[');
    int closeA = t.lastIndexOf(']');
    if (openA >= 0 && closeA > openA) {
      return tryParse(t.substring(openA, closeA + 1));
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> tryParse(String s) {
    try {
      return Optional.ofNullable(Json.lenient().readTree(s));
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
