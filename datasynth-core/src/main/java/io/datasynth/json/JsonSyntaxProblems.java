package io.datasynth.json;

import io.datasynth.text.Message;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JSON parser's complaint means, in the user's language: Jackson words its syntax errors in English only.
 * A complaint no rule knows is passed on as Jackson wrote it.
 */
final class JsonSyntaxProblems {
  /** Jackson names the character it found as {@code ('X' (code 88))} or {@code ((CTRL-CHAR, code 10))}. */
  private static final String FOUND = "\\((?:'(.)' \\(code [^)]*\\)|\\(CTRL-CHAR, code (\\d+)\\))\\)";

  private record Rule(Pattern pattern, String key, String expected) {}

  private static final List<Rule> RULES = List.of(
      new Rule(Pattern.compile("^Unexpected character " + FOUND + ": was expecting comma to separate Object"),
          "json.problem.comma_object", ","),
      new Rule(Pattern.compile("^Unexpected character " + FOUND + ": was expecting comma to separate Array"),
          "json.problem.comma_array", ","),
      new Rule(Pattern.compile("^Unexpected character " + FOUND + ": was expecting double-quote to start field"),
          "json.problem.field_name", "\""),
      new Rule(Pattern.compile("^Unexpected character " + FOUND + ": was expecting a colon"),
          "json.problem.colon", ":"),
      new Rule(Pattern.compile("^Unexpected character " + FOUND + ": expected a valid value"),
          "json.problem.value", "\""),
      new Rule(Pattern.compile("^Unexpected end-of-input: was expecting closing quote"),
          "json.problem.unclosed_string", null),
      new Rule(Pattern.compile("^Unexpected end-of-input(?:: expected close marker for| within/between) Object",
          Pattern.CASE_INSENSITIVE), "json.problem.unclosed_object", null),
      new Rule(Pattern.compile("^Unexpected end-of-input(?:: expected close marker for| within/between) Array",
          Pattern.CASE_INSENSITIVE), "json.problem.unclosed_array", null),
      new Rule(Pattern.compile("^Unexpected end-of-input"), "json.problem.end", null),
      new Rule(Pattern.compile("^Unexpected close marker '(.)': expected '(.)'"), "json.problem.close_marker", null),
      new Rule(Pattern.compile("^Unrecognized token '([^']*)'"), "json.problem.word", null),
      new Rule(Pattern.compile("^Illegal unquoted character " + FOUND + ": has to be escaped"),
          "json.problem.raw_control", null));

  /** Full-width punctuation typed where JSON needs its ASCII form, a common slip with a Chinese keyboard. */
  private static final Map<String, String> FULL_WIDTH = Map.of("，", ",", "：", ":", "“", "\"", "”", "\"",
      "‘", "\"", "’", "\"", "【", "[", "】", "]", "｛", "{", "｝", "}");

  private JsonSyntaxProblems() {}

  /** The complaint as a message of its own, or Jackson's words when no rule knows it. */
  static Object of(String complaint) {
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(complaint);
      if (!m.find()) {
        continue;
      }
      if (m.groupCount() == 2 && rule.key().equals("json.problem.close_marker")) {
        return Message.of(rule.key(), "'" + m.group(1) + "'", "'" + m.group(2) + "'");
      }
      if (m.groupCount() == 1) {
        return Message.of(rule.key(), "'" + m.group(1) + "'");
      }
      if (m.groupCount() == 0) {
        return Message.of(rule.key());
      }
      String found = m.group(1) != null ? m.group(1) : null;
      if (found != null && rule.expected() != null && FULL_WIDTH.containsKey(found)) {
        return Message.of("json.problem.full_width", found, FULL_WIDTH.get(found));
      }
      if ("'".equals(found) && "\"".equals(rule.expected())) {
        return Message.of("json.problem.single_quotes");
      }
      return Message.of(rule.key(), found != null ? "'" + found + "'"
          : String.format("U+%04X", Integer.parseInt(m.group(2))));
    }
    return complaint;
  }
}
