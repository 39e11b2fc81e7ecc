package io.datasynth.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.parse.ParseIssue;
import io.datasynth.parse.ParsedReply;
import io.datasynth.parse.ReplyParser;
import io.datasynth.quality.RecordValidator;
import io.datasynth.quality.Validation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A reply parsed and validated off the engine thread: the valid records in reply order and what was dropped.
 *
 * @param valid valid records, cleaned and coerced, not yet checked for duplicates
 * @param invalidByRule invalid records by the first rule they broke
 * @param firstInvalidMessage the message of the first invalid record, for error reports; may be null
 * @param parseIssues parse issues by kind
 */
record ProcessedReply(List<ObjectNode> valid, Map<String, Long> invalidByRule, String firstInvalidMessage,
    Map<ParseIssue.Kind, Long> parseIssues, boolean truncated) {

  /** Parses and validates a reply; a null validator accepts every object (--no-validate). */
  static ProcessedReply of(String text, boolean truncatedByProvider, ReplyParser parser,
      RecordValidator validator) {
    ParsedReply parsed = parser.parse(text);
    List<ObjectNode> valid = new ArrayList<>();
    Map<String, Long> invalid = new LinkedHashMap<>();
    String first = null;
    for (ObjectNode candidate : parsed.records()) {
      if (validator == null) {
        valid.add(candidate);
        continue;
      }
      Validation v = validator.validate(candidate);
      if (v instanceof Validation.Valid ok) {
        valid.add(ok.record());
      } else if (v instanceof Validation.Invalid bad) {
        var violation = bad.violations().get(0);
        invalid.merge(violation.rule().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        if (first == null) {
          first = violation.message();
        }
      }
    }
    Map<ParseIssue.Kind, Long> issues = new EnumMap<>(ParseIssue.Kind.class);
    for (ParseIssue issue : parsed.issues()) {
      issues.merge(issue.kind(), 1L, Long::sum);
    }
    return new ProcessedReply(valid, invalid, first, issues, truncatedByProvider || parsed.truncated());
  }

  long invalidCount() {
    return invalidByRule.values().stream().mapToLong(Long::longValue).sum();
  }
}
