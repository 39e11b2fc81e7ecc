package io.datasynth.cost;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the price of a model id among known names (ids and aliases, lower-cased), without ever guessing.
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>A name equal to the id (ignoring case and surrounding space) wins.
 *   <li>Otherwise the longest name that is a prefix of the id and ends at a boundary ({@code -}, {@code @},
 *       {@code :} or {@code .}) wins, provided the rest of the id only pins a version: a date
 *       ({@code -20241022}, {@code -2024-07-18}, {@code @20250929}, {@code -0613}), {@code -latest}, or a
 *       platform revision ({@code -v1:0}). So {@code gpt-4o-mini-2024-07-18} is {@code gpt-4o-mini} and
 *       {@code claude-3-5-haiku-20241022} is {@code claude-3-5-haiku}.
 *   <li>Anything else has no price. The rest of the id must not name a variant or a newer version, since
 *       those are priced differently: {@code o1-pro} is not {@code o1}, {@code gpt-5.5} is not {@code gpt-5},
 *       and {@code claude-sonnet-4-7} would not be {@code claude-sonnet-4}.
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
final class ModelMatcher {
  private static final Pattern VERSION_PIN =
      Pattern.compile("(?:[-@:.](?:\\d{8}|\\d{4}(?:-\\d{2}-\\d{2})?|latest|v\\d+(?::\\d+)?))+");

  private final Map<String, ModelPrice> byName;
  private final List<String> longestFirst;

  /** A matcher over {@code byName}, whose keys must already be {@linkplain PriceFile#normalize normalized}. */
  ModelMatcher(Map<String, ModelPrice> byName) {
    this.byName = Map.copyOf(byName);
    this.longestFirst = byName.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  Optional<ModelPrice> match(String modelId) {
    String id = PriceFile.normalize(modelId);
    ModelPrice exact = byName.get(id);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (String name : longestFirst) {
      if (id.length() > name.length() && id.startsWith(name)
          && VERSION_PIN.matcher(id).region(name.length(), id.length()).matches()) {
        return Optional.of(byName.get(name));
      }
    }
    return Optional.empty();
  }
}
