package io.datasynth.api;

import io.datasynth.text.Message;
import io.datasynth.text.Messages;
import java.util.List;
import java.util.Map;

/**
 * The result of checking a dataset file against a schema.
 *
 * @param total records in the file
 * @param valid records that pass
 * @param problems one message per problem, in English "record 3: quality: 10 out of range [1, 5] (id SYNTH_0003)",
 *     in file order; each adapter renders them in its user's language
 * @param byRule problems by rule
 */
public record ValidationReport(int total, int valid, List<Message> problems, Map<String, Long> byRule) {
  public ValidationReport {
    problems = List.copyOf(problems);
    byRule = Map.copyOf(byRule);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /** The problems in English, as the JSON report keeps them. */
  public List<String> errors() {
    Messages english = Messages.english();
    return problems.stream().map(english::render).toList();
  }

  /** The report as JSON, the same for {@code validate --json} and the MCP result; its errors are in English. */
  public com.fasterxml.jackson.databind.node.ObjectNode toJson(int maxErrors) {
    var o = io.datasynth.json.Json.object();
    o.put("total", total);
    o.put("valid", valid);
    o.put("invalid", total - valid);
    o.put("ok", ok());
    var rules = o.putObject("by_rule");
    byRule.forEach(rules::put);
    var list = o.putArray("errors");
    Messages english = Messages.english();
    problems.stream().limit(Math.max(0, maxErrors)).map(english::render).forEach(list::add);
    o.put("errors_total", problems.size());
    return o;
  }
}
