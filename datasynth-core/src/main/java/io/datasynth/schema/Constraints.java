package io.datasynth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a field's values must satisfy. Every part is optional (null or empty when absent).
 *
 * @param min inclusive lower bound for numbers
 * @param max inclusive upper bound for numbers
 * @param allowed the only values allowed (an enum), compared as JSON values
 * @param minLength minimum length: characters for text, items for lists
 * @param maxLength maximum length: characters for text, items for lists
 * @param pattern a regular expression text must contain a match of (JSON Schema semantics; anchor it with ^…$
 *     to match the whole value)
 */
public record Constraints(
    Double min, Double max, List<JsonNode> allowed, Integer minLength, Integer maxLength, String pattern) {

  public static final Constraints NONE = new Constraints(null, null, List.of(), null, null, null);

  public Constraints {
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
  }

  public boolean hasRange() {
    return min != null || max != null;
  }

  public boolean isEmpty() {
    return min == null && max == null && allowed.isEmpty() && minLength == null && maxLength == null
        && pattern == null;
  }
}
