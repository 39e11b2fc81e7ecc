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

  /** The report as JSON, the same for {@code validate --json} and the MCP result. */
  public com.fasterxml.jackson.databind.node.ObjectNode toJson(int maxErrors) {
    var o = io.datasynth.json.Json.object();
    o.put("total", total);
    o.put("valid", valid);
    o.put("invalid", total - valid);
    o.put("ok", ok());
    var rules = o.putObject("by_rule");
    byRule.forEach(rules::put);
    var list = o.putArray("errors");
    errors.stream().limit(Math.max(0, maxErrors)).forEach(list::add);
    o.put("errors_total", errors.size());
    return o;
  }
}
