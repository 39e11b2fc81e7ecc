package io.datasynth.api;

import java.util.List;
import java.util.Map;

/**
 * The result of checking a dataset file against a schema.
 *
 * @param total records in the file
 * @param valid records that pass
 * @param errors one line per problem, "record 3: quality: 10 out of range [1, 5] (id SYNTH_0003)", in file order
 * @param byRule problems by rule
 */
public record ValidationReport(int total, int valid, List<String> errors, Map<String, Long> byRule) {
  public ValidationReport {
    errors = List.copyOf(errors);
    byRule = Map.copyOf(byRule);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
