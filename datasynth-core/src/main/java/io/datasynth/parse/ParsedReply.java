package io.datasynth.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What {@link ReplyParser} found in one model reply: the records, in reply order, and why the rest was dropped.
 *
 * <p>The records are fresh Jackson trees that the caller owns; they are not validated against the schema.
 *
 * @param records every object found, wrappers removed; may be empty, never null
 * @param issues one entry per dropped object or item, plus at most one {@code TRUNCATED} and, when nothing else
 *     explains an empty result, one {@code NO_JSON}; never null
 * @param truncated whether the reply was cut off; true exactly when {@code issues} holds a {@code TRUNCATED}
 */
public record ParsedReply(List<ObjectNode> records, List<ParseIssue> issues, boolean truncated) {

  public ParsedReply {
    records = List.copyOf(records);
    issues = List.copyOf(issues);
  }

  /** How many issues of a kind the reply had. */
  public int count(ParseIssue.Kind kind) {
    int n = 0;
    for (ParseIssue issue : issues) {
      if (issue.kind() == kind) {
        n++;
      }
    }
    return n;
  }
}
